/// A file system held in memory: the loader's twin for tests and for checking text from an editor.
public struct InMemoryFileSystem: DefinitionFileSystem {
    /// Files by normalised path (`a/b.yaml`, no leading `./`).
    public var files: [String: [UInt8]]

    public init(files: [String: String] = [:]) {
        self.files = files.mapValues { Array($0.utf8) }
    }

    public init(bytes: [String: [UInt8]]) {
        self.files = bytes
    }

    public func kind(of path: String) -> FileKind {
        let key = PathName.normalize(path)
        if files[key] != nil { return .file }
        let prefix = key.isEmpty || key == "." ? "" : key + "/"
        return files.keys.contains { $0.hasPrefix(prefix) } ? .folder : .missing
    }

    public func read(_ path: String, limit: Int) throws(FileReadError) -> [UInt8] {
        guard let bytes = files[PathName.normalize(path)] else { throw FileReadError(.missing, "no such file") }
        if bytes.count > limit {
            throw FileReadError(.tooLarge(size: bytes.count), "the file is larger than the limit")
        }
        return bytes
    }

    public func contents(of path: String) throws(FileReadError) -> [String] {
        let key = PathName.normalize(path)
        let prefix = key.isEmpty || key == "." ? "" : key + "/"
        var names = Set<String>()
        for file in files.keys where file.hasPrefix(prefix) {
            let rest = file.dropFirst(prefix.count)
            if let first = rest.split(separator: "/").first { names.insert(String(first)) }
        }
        return names.sorted()
    }
}
