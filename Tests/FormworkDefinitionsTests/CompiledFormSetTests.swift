import FormworkAudit
import FormworkDefinitions
import FormworkDiagnostics
import Foundation
import Synchronization
import Testing

/// The compiled form-set cache (docs/design/compiled-form-sets.md): an entry gives back exactly the
/// form set YAML gives, and anything wrong with an entry means loading from YAML again.
@Suite struct CompiledFormSetTests {
    /// Every form set of the repository: the shipped one and each example.
    static let sets: [String] = {
        let repository = Fixtures.repository
        let examples = (try? FileManager.default.contentsOfDirectory(atPath: repository.path + "/examples")) ?? []
        return [repository.path] + examples.sorted().map { repository.path + "/examples/" + $0 }
    }()

    @Test(arguments: sets)
    func anEntryDecodesToTheFormSetYAMLGives(_ folder: String) throws {
        let loaded = FormSetLoader().load(folder)
        let formSet = try #require(loaded.formSet)
        #expect(!loaded.diagnostics.hasErrors)
        let entry = CompiledFormSet(
            salt: "s", contentDigest: loaded.contentDigest, diagnostics: loaded.diagnostics, formSet: formSet)
        let decoded = try #require(CompiledFormSet(bytes: entry.bytes))
        #expect(decoded.salt == "s")
        #expect(decoded.contentDigest == loaded.contentDigest)
        #expect(decoded.diagnostics == loaded.diagnostics)
        #expect(Self.dump(decoded.formSet) == Self.dump(formSet))
    }

    @Test(arguments: sets)
    func aSecondLoadComesFromTheCacheAndEqualsTheFirst(_ folder: String) throws {
        let cache = MemoryCache()
        var loader = FormSetLoader()
        loader.digestSalt = "test build"
        loader.isTrusted = { _ in true }
        let first = loader.load(folder, cache: cache.compiled)
        #expect(cache.writes == 1)
        let second = loader.load(folder, cache: cache.compiled)
        #expect(cache.writes == 1, "the second load is a hit: nothing is written again")
        #expect(second.rulesTrusted)
        #expect(Self.dump(try #require(second.formSet)) == Self.dump(try #require(first.formSet)))
        #expect(second.diagnostics == first.diagnostics)
        #expect(second.files == first.files)
        #expect(second.contentDigest == first.contentDigest)
        for file in first.files {
            #expect(second.sources.line(1, of: file) == first.sources.line(1, of: file))
        }
    }

    @Test func aDamagedEntryFallsBackToYAMLAndIsWrittenAgain() throws {
        let folder = Fixtures.repository.path + "/examples/visit-report"
        let cache = MemoryCache()
        var loader = FormSetLoader()
        loader.isTrusted = { _ in true }
        let first = loader.load(folder, cache: cache.compiled)
        let key = try #require(cache.keys.first)
        for (index, offset) in [0, 20, 60, 500, cache.entry(key).count - 1].enumerated() {
            var damaged = cache.entry(key)
            damaged[offset] ^= 0x01
            cache.set(key, damaged)
            #expect(CompiledFormSet(bytes: damaged) == nil)
            let again = loader.load(folder, cache: cache.compiled)
            #expect(cache.writes == index + 2, "a damaged entry is a miss, and is written again")
            #expect(Self.dump(try #require(again.formSet)) == Self.dump(try #require(first.formSet)))
            #expect(CompiledFormSet(bytes: cache.entry(key)) != nil)
        }
        let writes = cache.writes
        cache.set(key, Array(cache.entry(key).prefix(100)))
        _ = loader.load(folder, cache: cache.compiled)
        #expect(cache.writes == writes + 1)
    }

    @Test func aChangedFileMissesTheCache() throws {
        let files = [
            "formwork.yaml": "formwork: 1\nname: T\nlocale: en\ninclude: [forms/]\n",
            "forms/a.yaml": "form: a\ntitle: A\nfields:\n  - {id: x, type: text, label: Old}\n",
        ]
        let cache = MemoryCache()
        var loader = FormSetLoader(fileSystem: InMemoryFileSystem(files: files))
        loader.isTrusted = { _ in true }
        _ = loader.load(".", cache: cache.compiled)
        _ = loader.load(".", cache: cache.compiled)
        #expect(cache.writes == 1)
        var changed = files
        changed["forms/a.yaml"] = "form: a\ntitle: A\nfields:\n  - {id: x, type: text, label: New}\n"
        loader.fileSystem = InMemoryFileSystem(files: changed)
        let result = loader.load(".", cache: cache.compiled)
        #expect(cache.writes == 2)
        #expect(result.formSet?.forms.first?.fields.first?.label == LocalizedText("New"))
        // A new file in an included folder changes the set too.
        changed["forms/b.yaml"] = "form: b\ntitle: B\nfields:\n  - {id: y, type: text}\n"
        loader.fileSystem = InMemoryFileSystem(files: changed)
        #expect(loader.load(".", cache: cache.compiled).formSet?.forms.count == 2)
    }

    @Test func anUntrustedDigestOrAnotherBuildMissesTheCache() throws {
        let folder = Fixtures.repository.path + "/examples/visit-report"
        let cache = MemoryCache()
        var loader = FormSetLoader()
        loader.isTrusted = { _ in true }
        _ = loader.load(folder, cache: cache.compiled)
        loader.isTrusted = { _ in false }
        #expect(!loader.load(folder, cache: cache.compiled).rulesTrusted)
        #expect(cache.writes == 2)
        loader.isTrusted = { _ in true }
        loader.digestSalt = "another build"
        _ = loader.load(folder, cache: cache.compiled)
        #expect(cache.writes == 3)
    }

    @Test func aSetWithErrorsIsNeverKept() {
        let cache = MemoryCache()
        let loader = FormSetLoader(
            fileSystem: InMemoryFileSystem(files: [
                "formwork.yaml": "formwork: 1\nname: T\nlocale: en\ninclude: [a.yaml]\n",
                "a.yaml": "form: a\ntitle: A\nfields:\n  - {id: x, type: txt}\n",
            ]))
        #expect(loader.load(".", cache: cache.compiled).diagnostics.hasErrors)
        #expect(cache.writes == 0)
    }

    /// Every stored property, recursively, with sets and dictionaries in a stable order: two form sets
    /// with the same dump are the same definitions (a field added to the model is compared too).
    static func dump(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        if mirror.children.isEmpty && mirror.displayStyle != .collection && mirror.displayStyle != .set
            && mirror.displayStyle != .dictionary
        {
            return "\(type(of: value))(\(String(reflecting: value)))"
        }
        var parts = mirror.children.map { ($0.label ?? "") + ": " + dump($0.value) }
        if mirror.displayStyle == .set || mirror.displayStyle == .dictionary { parts.sort() }
        return "\(type(of: value)){" + parts.joined(separator: ", ") + "}"
    }
}

/// A compiled-form-set cache in memory that counts its writes.
final class MemoryCache: Sendable {
    private let state = Mutex<(entries: [String: [UInt8]], writes: Int)>(([:], 0))

    var writes: Int { state.withLock { $0.writes } }
    var keys: [String] { state.withLock { Array($0.entries.keys) } }
    func entry(_ key: String) -> [UInt8] { state.withLock { $0.entries[key] ?? [] } }
    func set(_ key: String, _ bytes: [UInt8]) { state.withLock { $0.entries[key] = bytes } }

    var compiled: FormSetLoader.CompiledCache {
        FormSetLoader.CompiledCache(
            read: { key in self.state.withLock { $0.entries[key] } },
            write: { key, bytes in
                self.state.withLock {
                    $0.entries[key] = bytes
                    $0.writes += 1
                }
            })
    }
}

/// The compiled form set's reader on payloads that pass the checksum but were not written by this build: damaged
/// and then sealed again, as a bug, another build or a hand edit could leave them. Each must decode to a form set or
/// to nothing (the damage is drawn from a seeded generator, so a failure can be run again); the test process
/// surviving every one of them is the assertion that matters (an index out of range, an allocation sized by a
/// damaged count or an endless loop would stop it).
@Suite struct CompiledFormSetReaderTests {
    /// One damage of `payload`: a byte changed, a run of 0xFF or 0x00 (huge or empty counts and lengths), a cut,
    /// a stretch removed or repeated.
    static func damaged(_ payload: [UInt8], _ random: inout SeededRandom) -> [UInt8] {
        guard !payload.isEmpty else { return payload }
        var bytes = payload
        let at = random.int(below: bytes.count)
        switch random.int(below: 6) {
        case 0: bytes[at] ^= UInt8(truncatingIfNeeded: 1 + random.int(below: 255))
        case 1: for offset in at..<min(bytes.count, at + 1 + random.int(below: 8)) { bytes[offset] = 0xFF }
        case 2: for offset in at..<min(bytes.count, at + 1 + random.int(below: 8)) { bytes[offset] = 0 }
        case 3: bytes.removeSubrange(at...)
        case 4: bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.int(below: 64)))
        default: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 1 + random.int(below: 64))], at: at)
        }
        return bytes
    }

    @Test(arguments: [Fixtures.repository.path, Fixtures.repository.path + "/examples/acme-industrial"])
    func aDamagedPayloadWithAValidChecksumDecodesOrIsRefused(_ folder: String) throws {
        let loaded = FormSetLoader().load(folder)
        let formSet = try #require(loaded.formSet)
        let entry = CompiledFormSet(
            salt: "s", contentDigest: loaded.contentDigest, diagnostics: loaded.diagnostics, formSet: formSet
        ).bytes
        let payload = Array(entry[CompiledFormSet.payloadOffset...])
        #expect(CompiledFormSet(bytes: CompiledFormSet.sealed(payload)) != nil)
        var random = SeededRandom(seed: 20_261_203)
        var refused = 0
        let cases = 1_500
        for _ in 0..<cases {
            var bytes = Self.damaged(payload, &random)
            if random.int(below: 4) == 0 { bytes = Self.damaged(bytes, &random) }
            if CompiledFormSet(bytes: CompiledFormSet.sealed(bytes)) == nil { refused += 1 }
        }
        // Most damage breaks the structure; some (a changed letter in a text) still reads.
        #expect(refused > cases / 4)
    }
}
