import Foundation

/// The real file system, read with Foundation.
public struct LocalFileSystem: DefinitionFileSystem {
    public init() {}

    public func kind(of path: String) -> FileKind {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return .missing }
        return isFolder.boolValue ? .folder : .file
    }

    public func read(_ path: String, limit: Int) throws(FileReadError) -> [UInt8] {
        // Only a regular file (after symbolic links): opening a named pipe or a device would wait for a writer, or
        // read without end.
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            throw FileReadError(.unreadable, "it is not a regular file (a pipe, a device or a socket cannot be read)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            if kind(of: path) == .missing { throw FileReadError(.missing, "no such file") }
            throw FileReadError(.unreadable, "the file cannot be opened (check its permissions)")
        }
        defer { try? handle.close() }
        do {
            // Read one byte past the limit: enough to know the file is too large without reading it all.
            let data = try handle.read(upToCount: limit + 1) ?? Data()
            if data.count > limit {
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? data.count
                throw FileReadError(.tooLarge(size: size), "the file is larger than the limit")
            }
            return [UInt8](data)
        } catch let error as FileReadError {
            throw error
        } catch {
            throw FileReadError(.unreadable, "the file cannot be read: \(error.localizedDescription)")
        }
    }

    public func contents(of path: String) throws(FileReadError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw FileReadError(.unreadable, "the folder cannot be listed")
        }
    }
}
