import Crypto
public import FormworkDiagnostics
import Foundation
import Synchronization

/// Loads a form set folder: the manifest, every file it includes, then every semantic rule.
///
/// Loading never stops at the first problem: each file is read and decoded as far as it goes, and
/// all findings come back together, in one run.
public struct FormSetLoader: Sendable {
    public var fileSystem: any DefinitionFileSystem
    public var limits: YAMLLimits
    /// Whether files with this `contentDigest` were checked before with no error: then the semantic
    /// rules are not run a second time. Commands use it to skip re-checking an unchanged form set
    /// (see the CLI's `CheckedDefinitions`); `formwork check` never does.
    public var isTrusted: @Sendable (String) -> Bool = { _ in false }
    /// Mixed into `contentDigest`: the checker's own identity, so that another build of Formwork
    /// (with other rules) never trusts a verdict it did not reach.
    public var digestSalt = ""

    public init(fileSystem: any DefinitionFileSystem = LocalFileSystem(), limits: YAMLLimits = .standard) {
        self.fileSystem = fileSystem
        self.limits = limits
    }

    /// What a load produced.
    public struct Result: Sendable {
        /// The form set, present unless the manifest itself could not be read. It may still have
        /// errors: use it only when `diagnostics.hasErrors` is false.
        public var formSet: FormSet?
        public var diagnostics: [Diagnostic]
        /// The text of every file read, for quoting lines in rendered diagnostics.
        public var sources: SourceFiles
        /// Display paths of the files read.
        public var files: [String]
        /// True when no manifest was found at all (a usage problem rather than a bad file).
        public var manifestMissing: Bool
        /// True when some file could not be read as YAML at all.
        public var unreadable: Bool
        /// True when some included file is missing or does not say what it defines.
        public var incomplete = false
        /// True when the semantic rules did not run because of `unreadable` or `incomplete`.
        public var rulesSkipped = false
        /// SHA-256 (hex) of the salt and every file read (path and bytes): what a clean verdict is for.
        public var contentDigest = ""
        /// True when the rules were not run because `isTrusted(contentDigest)`.
        public var rulesTrusted = false
    }

    /// The file kinds, by the key that opens each file.
    enum FileKind: String, CaseIterable {
        case form, workflow, policy, choices, org
    }

    public func load(_ root: String) -> Result {
        var result = Result(
            formSet: nil, diagnostics: [], sources: SourceFiles(), files: [], manifestMissing: false,
            unreadable: false)
        let manifestPath = self.manifestPath(root)
        guard fileSystem.kind(of: manifestPath) == .file else {
            result.manifestMissing = true
            result.diagnostics.append(
                .error(
                    "missing-manifest",
                    "no form set at '\(root)': expected a manifest file '\(manifestPath)' (see docs/definition-language.md)",
                    at: nil))
            return result
        }
        var decoder = NodeDecoder()
        var digests: [String] = []
        let manifestFile = parse(manifestPath)
        digests.append(manifestFile.path + "\u{0}" + manifestFile.digest)
        guard let manifestRoot = record(manifestFile, into: &result),
            let manifest = decoder.manifest(manifestRoot, file: manifestPath)
        else {
            result.diagnostics += decoder.diagnostics
            return result
        }
        decoder.locales = manifest.locales
        var formSet = FormSet(
            manifest: manifest, org: nil, choiceLists: [], forms: [], workflows: [], policies: [], files: [])
        let before = decoder.diagnostics.count
        let paths = includedFiles(of: manifest, manifestPath: manifestPath, decoder: &decoder)
        result.incomplete = decoder.hasNewErrors(since: before)
        for parsed in parseAll(paths) {
            digests.append(parsed.path + "\u{0}" + parsed.digest)
            guard let node = record(parsed, into: &result) else { continue }
            let path = parsed.path
            if !decode(node, file: path, version: parsed.digest, into: &formSet, decoder: &decoder) {
                result.incomplete = true
            }
        }
        formSet.files = result.files
        formSet.damagedNames = decoder.damagedNames
        formSet.version = Self.setVersion(of: digests, manifest: manifestPath)
        formSet.zoneOffsets = ZoneOffsets.reading(manifest.calendar.timeZone)
        result.diagnostics += decoder.diagnostics
        // Rules judge the whole set; with a file missing or unreadable they would only report the
        // consequences (every reference to what that file defines), so they wait until all is read.
        result.contentDigest = Self.digest(([digestSalt] + digests).joined(separator: "\n"))
        if !result.unreadable && !result.incomplete && !result.diagnostics.hasErrors
            && isTrusted(result.contentDigest)
        {
            result.rulesTrusted = true
        } else if !result.unreadable && !result.incomplete {
            result.diagnostics += RuleSet.standard.check(formSet)
        } else {
            result.rulesSkipped = true
        }
        result.formSet = formSet
        return result
    }

    /// The form set's version: SHA-256 over every file's path relative to the manifest's folder and
    /// the SHA-256 of its bytes, in reading order. Unlike `contentDigest` it does not depend on how
    /// the folder was named or on the build, so that two copies of one set have one version.
    static func setVersion(of digests: [String], manifest: String) -> String {
        let folder = PathName.folder(of: manifest)
        let lines = digests.map { line -> String in
            let parts = line.split(separator: "\u{0}", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { return line }
            return PathName.relative(String(parts[0]), to: folder) + "\u{0}" + parts[1]
        }
        return digest((["formwork-set-v1"] + lines).joined(separator: "\n"))
    }

    /// The manifest of the form set at `root`: `root` itself, or its `formwork.yaml` when it is a folder.
    func manifestPath(_ root: String) -> String {
        let path = PathName.normalize(root)
        return fileSystem.kind(of: path) == .folder ? PathName.join(path, "formwork.yaml") : path
    }

    static func digest(_ text: String) -> String {
        hexDigest(of: Array(text.utf8))
    }

    /// SHA-256 of `bytes`, hex.
    static func hexDigest(of bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }

    /// One file read and parsed, not yet recorded in a result.
    struct ParsedFile: Sendable {
        var path: String
        /// False when the bytes could not be read at all.
        var wasRead: Bool
        var read: YAMLReader.Result
        /// SHA-256 of the file's bytes, hex: the version of what the file defines.
        var digest: String = ""
    }

    /// Reads and parses one file; touches nothing shared, so files can be parsed in parallel.
    func parse(_ path: String) -> ParsedFile {
        let start = SourceLocation(file: path, line: 1, column: 1)
        let bytes: [UInt8]
        do {
            bytes = try fileSystem.read(path, limit: limits.maxFileBytes)
        } catch {
            let diagnostic: Diagnostic
            switch error.code {
            case .tooLarge(let size):
                diagnostic = .error(
                    "file-too-large",
                    "the file is \(size) bytes; definition files are limited to \(limits.maxFileBytes) bytes", at: start
                )
            case .missing:
                diagnostic = .error("missing-file", "the file '\(path)' does not exist", at: nil)
            case .unreadable:
                diagnostic = .error("unreadable-file", "'\(path)': \(error.message)", at: nil)
            }
            return ParsedFile(
                path: path, wasRead: false, read: YAMLReader.Result(root: nil, text: nil, diagnostics: [diagnostic]))
        }
        return ParsedFile(
            path: path, wasRead: true, read: YAMLReader(limits: limits).read(bytes, file: path),
            digest: Self.hexDigest(of: bytes))
    }

    /// Parses `paths` on every core (YAML parsing dominates loading), keeping their order.
    func parseAll(_ paths: [String]) -> [ParsedFile] {
        let results = Mutex([ParsedFile?](repeating: nil, count: paths.count))
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            let parsed = parse(paths[index])
            results.withLock { $0[index] = parsed }
        }
        return results.withLock { $0.compactMap { $0 } }
    }

    /// Records a parsed file's text and problems in the result; returns its root node.
    private func record(_ parsed: ParsedFile, into result: inout Result) -> YAMLNode? {
        if parsed.wasRead { result.files.append(parsed.path) }
        if let text = parsed.read.text { result.sources.add(text, as: parsed.path) }
        result.diagnostics += parsed.read.diagnostics
        if parsed.read.root == nil { result.unreadable = true }
        return parsed.read.root
    }

    /// A problem with an `include` of the manifest.
    enum IncludeProblem {
        case missing(Located<String>)
        case unlistable(Located<String>)
        case emptyFolder(Located<String>)
    }

    /// The files named by `include`, folders expanded to their YAML files, each once, in order.
    private func includedFiles(of manifest: Manifest, manifestPath: String, decoder: inout NodeDecoder) -> [String] {
        var problems: [IncludeProblem] = []
        let files = includedPaths(of: manifest, manifestPath: manifestPath) { problems.append($0) }
        for problem in problems {
            switch problem {
            case .missing(let include):
                decoder.error(
                    "missing-file", "the included path '\(include.value)' does not exist", at: include.location,
                    length: include.value.unicodeScalars.count)
            case .unlistable(let include):
                decoder.error(
                    "unreadable-file", "the folder '\(include.value)' cannot be listed", at: include.location)
            case .emptyFolder(let include):
                decoder.warning(
                    "empty-folder", "the folder '\(include.value)' has no YAML files", at: include.location)
            }
        }
        return files
    }

    /// The files named by `include` (see `includedFiles`), with the problems found handed to `problem`
    /// in the order found; reads folders, never files.
    func includedPaths(
        of manifest: Manifest, manifestPath: String, problem: (IncludeProblem) -> Void
    ) -> [String] {
        let base = PathName.folder(of: manifestPath)
        var seen: Set<String> = [manifestPath]
        var files: [String] = []
        for include in manifest.includes {
            let path = PathName.join(base, include.value)
            switch fileSystem.kind(of: path) {
            case .missing:
                problem(.missing(include))
            case .file:
                if seen.insert(path).inserted { files.append(path) }
            case .folder:
                let names: [String]
                do {
                    names = try fileSystem.contents(of: path)
                } catch {
                    problem(.unlistable(include))
                    continue
                }
                let yaml = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                if yaml.isEmpty { problem(.emptyFolder(include)) }
                for name in yaml {
                    let file = PathName.join(path, name)
                    if fileSystem.kind(of: file) == .file, seen.insert(file).inserted { files.append(file) }
                }
            }
        }
        return files
    }

    /// Decides what a file holds by its opening key and decodes it into the form set; false when the
    /// file does not say what it defines.
    private func decode(
        _ node: YAMLNode, file: String, version: String, into formSet: inout FormSet, decoder: inout NodeDecoder
    ) -> Bool {
        guard case .mapping(let pairs) = node.kind else {
            decoder.error(
                "unknown-file-kind",
                "a definition file must be a map starting with one of form:, workflow:, policy:, choices:, org:",
                at: node.location)
            return false
        }
        guard let first = pairs.first?.key.scalar, let kind = FileKind(rawValue: first) else {
            let known = FileKind.allCases.map(\.rawValue)
            let opening = pairs.first?.key.scalar ?? ""
            let hint = opening.isEmpty ? "" : Suggestion.didYouMean(opening, in: known)
            decoder.error(
                "unknown-file-kind",
                "a definition file starts with what it defines: form:, workflow:, policy:, choices: or org:\(hint)",
                at: pairs.first?.key.location ?? node.location)
            return false
        }
        switch kind {
        case .form:
            guard let map = decoder.mapping(node, "the form", allowed: NodeDecoder.formKeys) else { return true }
            if var form = decoder.form(node, map: map, file: file) {
                form.version = version
                formSet.forms.append(form)
            }
        case .workflow:
            guard let map = decoder.mapping(node, "the workflow", allowed: NodeDecoder.workflowKeys) else {
                return true
            }
            if let workflow = decoder.workflow(node, map: map, file: file) { formSet.workflows.append(workflow) }
        case .policy:
            guard let map = decoder.mapping(node, "the policy", allowed: NodeDecoder.policyKeys) else { return true }
            if var policy = decoder.policy(node, map: map, file: file) {
                policy.version = version
                formSet.policies.append(policy)
            }
        case .choices:
            guard let map = decoder.mapping(node, "the choice lists", allowed: ["choices"]) else { return true }
            formSet.choiceLists += decoder.choiceLists(map)
        case .org:
            guard let map = decoder.mapping(node, "the organisation", allowed: NodeDecoder.orgKeys) else { return true }
            guard let org = decoder.org(node, map: map, file: file) else { return true }
            if let first = formSet.org {
                decoder.diagnostics.append(
                    .error(
                        "duplicate-id", "a form set has one organisation; '\(first.id.value)' is already defined",
                        at: org.id.location, notes: [.init("first defined here", at: first.id.location)]))
            } else {
                formSet.org = org
            }
        }
        return true
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
