import ArgumentParser
import FormworkDefinitions
import FormworkDiagnostics
import Foundation

/// Remembers which form sets this build of Formwork has checked clean, so that a command on an
/// unchanged form set does not run every semantic rule again (they cost more than a command's work).
///
/// A verdict is an empty file named by the loader's `contentDigest` (SHA-256 of every file's path and
/// bytes, salted with this build's identity) in `$FORMWORK_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/formwork/checked`, else `~/.cache/formwork/checked`. A changed file, another
/// Formwork build or a missing cache all mean "check again"; the cache is never required, and
/// failing to write it is not an error. Only a clean verdict is remembered.
struct CheckedDefinitions: Sendable {
    let directory: String?
    let salt: String

    init(environment: [String: String]) {
        if let explicit = environment["FORMWORK_CACHE_DIR"], !explicit.isEmpty {
            directory = explicit
        } else if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            directory = xdg + "/formwork/checked"
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            directory = home + "/.cache/formwork/checked"
        } else {
            directory = nil
        }
        salt = "formwork \(FormworkCommand.configuration.version) " + Self.buildIdentity()
    }

    /// The running executable's path, size and modification time: a rebuilt binary checks again.
    ///
    /// Read with `readlink` and `stat`: `FileManager.attributesOfItem` builds a dictionary of every
    /// attribute (~0.5 M instructions in a process's first use).
    private static func buildIdentity() -> String {
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = buffer.withUnsafeMutableBufferPointer { pointer in
            pointer.baseAddress.map {
                $0.withMemoryRebound(to: CChar.self, capacity: pointer.count) {
                    readlink("/proc/self/exe", $0, pointer.count - 1)
                }
            } ?? -1
        }
        let path = count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : CommandLine.arguments.first ?? ""
        var info = stat()
        guard stat(path, &info) == 0 else { return "unknown build \(path)" }
        return "\(path) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    /// A loader that trusts the verdicts of this cache.
    func loader() -> FormSetLoader {
        var loader = FormSetLoader()
        loader.digestSalt = salt
        let directory = directory
        loader.isTrusted = { digest in
            guard let directory else { return false }
            return FileManager.default.fileExists(atPath: directory + "/" + digest)
        }
        return loader
    }

    /// The compiled form sets this build wrote (`FormSetLoader.load(_:cache:)`): `<key>.formset` files
    /// in the folder beside the verdicts' named `<verdicts>.compiled` (the verdicts' folder holds
    /// verdicts only), each replaced whole (temp file, fsync, rename) so that a reader sees an old
    /// entry or a new one, never a mix; every entry carries its own checksum besides.
    func compiledCache() -> FormSetLoader.CompiledCache {
        let directory = directory.map { $0 + ".compiled" }
        return FormSetLoader.CompiledCache(
            read: { key in
                guard let directory else { return nil }
                return FileManager.default.contents(atPath: directory + "/" + key + ".formset").map { [UInt8]($0) }
            },
            write: { key, bytes in
                guard let directory else { return }
                try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                Self.replace(directory + "/" + key + ".formset", with: bytes)
            })
    }

    /// Writes `bytes` to a temp file, syncs it and renames it over `path`; any failure leaves `path` as it was.
    private static func replace(_ path: String, with bytes: [UInt8]) {
        let temp = path + ".\(getpid()).tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return }
        var written = 0
        let complete = bytes.withUnsafeBytes { buffer -> Bool in
            while written < buffer.count {
                let count = write(fd, buffer.baseAddress.map { $0 + written }, buffer.count - written)
                if count <= 0 { return false }
                written += count
            }
            return true
        }
        let synced = complete && fsync(fd) == 0
        close(fd)
        if !synced || rename(temp, path) != 0 { unlink(temp) }
    }

    /// Records that the files of `result` were checked with no error.
    func remember(_ result: FormSetLoader.Result) {
        guard let directory, !result.rulesTrusted, !result.rulesSkipped, !result.diagnostics.hasErrors,
            result.contentDigest.count == 64
        else { return }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: directory + "/" + result.contentDigest, contents: Data())
    }
}
