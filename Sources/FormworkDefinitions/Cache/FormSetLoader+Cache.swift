import Crypto
import FormworkDiagnostics

extension FormSetLoader {
    /// Where compiled form sets are kept between commands: entries by key, as bytes. Reading may
    /// fail (nil) and writing may be lost; the cache is never required.
    package struct CompiledCache: Sendable {
        package var read: @Sendable (String) -> [UInt8]?
        package var write: @Sendable (String, [UInt8]) -> Void

        package init(
            read: @escaping @Sendable (String) -> [UInt8]?, write: @escaping @Sendable (String, [UInt8]) -> Void
        ) {
            self.read = read
            self.write = write
        }
    }

    /// `load(_:)`, skipping YAML when `cache` holds this form set as compiled by this build.
    ///
    /// The entry is found by the manifest's path and bytes; it is used only when its checksum holds,
    /// it decodes, and the digest of every file it was made from, read again now, is the digest it
    /// records and one `isTrusted` accepts. Otherwise the form set is loaded from YAML and, if it
    /// loaded without errors, the entry is written again.
    package func load(_ root: String, cache: CompiledCache) -> Result {
        let manifestPath = self.manifestPath(root)
        guard fileSystem.kind(of: manifestPath) == .file,
            let manifestBytes = try? fileSystem.read(manifestPath, limit: limits.maxFileBytes)
        else { return load(root) }
        let key = Self.digest([digestSalt, manifestPath, Self.hexDigest(of: manifestBytes)].joined(separator: "\u{0}"))
        if let bytes = cache.read(key), let entry = CompiledFormSet(bytes: bytes),
            let result = cachedResult(entry, manifestPath: manifestPath, manifestBytes: manifestBytes)
        {
            return result
        }
        let result = load(root)
        if let formSet = result.formSet, !result.diagnostics.hasErrors, !result.unreadable, !result.incomplete,
            !result.rulesSkipped, result.contentDigest.count == 64
        {
            let entry = CompiledFormSet(
                salt: digestSalt, contentDigest: result.contentDigest, diagnostics: result.diagnostics,
                formSet: formSet)
            cache.write(key, entry.bytes)
        }
        return result
    }

    /// The result `load(_:)` would give, from a compiled entry, when the files are still those it was
    /// made from; nil otherwise.
    private func cachedResult(_ entry: CompiledFormSet, manifestPath: String, manifestBytes: [UInt8]) -> Result? {
        guard entry.salt == digestSalt, entry.formSet.manifest.file == manifestPath else { return nil }
        var clean = true
        let paths = includedPaths(of: entry.formSet.manifest, manifestPath: manifestPath) { problem in
            if case .emptyFolder = problem { return }
            clean = false
        }
        guard clean else { return nil }
        var result = Result(
            formSet: nil, diagnostics: [], sources: SourceFiles(), files: [], manifestMissing: false,
            unreadable: false)
        var digests = [manifestPath + "\u{0}" + Self.hexDigest(of: manifestBytes)]
        result.files.append(manifestPath)
        result.sources.add(bytes: manifestBytes, as: manifestPath)
        for path in paths {
            guard let bytes = try? fileSystem.read(path, limit: limits.maxFileBytes) else { return nil }
            digests.append(path + "\u{0}" + Self.hexDigest(of: bytes))
            result.files.append(path)
            result.sources.add(bytes: bytes, as: path)
        }
        let contentDigest = Self.digest(([digestSalt] + digests).joined(separator: "\n"))
        guard contentDigest == entry.contentDigest, result.files == entry.formSet.files, isTrusted(contentDigest)
        else { return nil }
        result.formSet = entry.formSet
        result.diagnostics = entry.diagnostics
        result.contentDigest = contentDigest
        result.rulesTrusted = true
        return result
    }
}
