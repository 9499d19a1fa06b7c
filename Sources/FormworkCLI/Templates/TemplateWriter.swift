import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes files into a folder crash-safely: each one goes to a temporary file beside it, then is
/// renamed over its final name, so that after a crash or Ctrl-C every file is complete or absent.
/// The folder as a whole may be left half written; running `init` again with `--force` completes it.
struct TemplateWriter {
    /// Why a file could not be written.
    struct Failure: Error {
        var path: String
        var reason: String
    }

    /// The folder written to, as the user gave it.
    let directory: String

    /// The names in `directory` (hidden ones included), sorted; nil when nothing is there.
    static func entries(of directory: String) -> [String]? {
        (try? FileManager.default.contentsOfDirectory(atPath: directory))?.sorted()
    }

    /// Whether `path` exists, and whether it is a folder.
    static func kind(of path: String) -> (exists: Bool, isFolder: Bool) {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        return (exists, isFolder.boolValue)
    }

    /// Creates the folder (and its parents) and writes every file, in order. Stops at the first
    /// failure; the files written before it stay.
    func write(_ files: [Template.File]) -> Result<Void, Failure> {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            return .failure(Failure(path: directory, reason: Self.reason(error)))
        }
        for file in files {
            let path = directory + "/" + file.path
            if case .failure(let failure) = Self.write(Data(file.text.utf8), to: path) { return .failure(failure) }
        }
        return .success(())
    }

    /// Writes `data` to `path` through a temporary file in the same folder and a rename.
    static func write(_ data: Data, to path: String) -> Result<Void, Failure> {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(
            ".\(url.lastPathComponent).formwork-init-\(UUID().uuidString.prefix(8).lowercased())")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            return .failure(Failure(path: path, reason: reason(error)))
        }
        guard rename(temporary.path, path) == 0 else {
            let message = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            return .failure(Failure(path: path, reason: message))
        }
        return .success(())
    }

    /// A short reason for an error of Foundation's file calls (the underlying POSIX message when known).
    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}
