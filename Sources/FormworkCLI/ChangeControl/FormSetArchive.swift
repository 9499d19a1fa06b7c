import FormworkDefinitions
import FormworkEngine
import Foundation

/// The form-set versions a store keeps: every version proposed through change control, as a copy
/// of its files, so that the version in force, and every version a report was filed on, can be
/// loaded again whatever happens to the configuration folder.
///
/// Layout: `STORE/formsets/VERSION/` holds `tree/` (the files, at their paths relative to one
/// another, so that `include: [../../forms/]` still resolves) and `ROOT` (the manifest's folder
/// inside `tree/`). A version is written to a temporary folder and renamed into place, so it is
/// either whole or absent; it is never changed afterwards (its name is its content's digest).
struct FormSetArchive {
    let store: String

    var folder: String { store + "/formsets" }

    func path(of version: String) -> String { folder + "/" + version }

    func contains(_ version: String) -> Bool {
        FileManager.default.fileExists(atPath: path(of: version) + "/ROOT")
    }

    /// Copies the files of a loaded form set (its `files`, manifest first) into the archive, unless
    /// that version is there already.
    func store(_ formSet: FormSet, manifestFolder: String) throws {
        let version = formSet.version
        guard version.count == 64, version.allSatisfy(\.isHexDigit) else {
            throw ArchiveError("the form set has no version to archive")
        }
        if contains(version) { return }
        let base = URL(fileURLWithPath: manifestFolder).standardizedFileURL.path
        let relatives = formSet.files.map {
            PathName.relative(URL(fileURLWithPath: $0).standardizedFileURL.path, to: base)
        }
        let ups = relatives.map { $0.split(separator: "/").prefix { $0 == ".." }.count }.max() ?? 0
        let baseParts = base.split(separator: "/").map(String.init)
        guard ups <= baseParts.count else { throw ArchiveError("the form set's files reach above '/'") }
        let root = baseParts.suffix(ups).joined(separator: "/")
        let manager = FileManager.default
        try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        removeAbandonedCopies()
        let temporary = folder + "/.tmp-\(version.prefix(16))-\(getpid())"
        try? manager.removeItem(atPath: temporary)
        let tree = temporary + "/tree"
        for (file, relative) in zip(formSet.files, relatives) {
            let target = URL(fileURLWithPath: tree + "/" + (root.isEmpty ? "" : root + "/") + relative)
                .standardizedFileURL
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            try bytes.write(to: target)
            try Self.sync(target.path)
        }
        let rootFile = URL(fileURLWithPath: temporary + "/ROOT")
        try Data((root.isEmpty ? "." : root).utf8).write(to: rootFile)
        try Self.sync(rootFile.path)
        try Self.sync(temporary)
        do {
            try manager.moveItem(atPath: temporary, toPath: path(of: version))
        } catch {
            // Another process archived the same version first: the same bytes, so keep theirs.
            try? manager.removeItem(atPath: temporary)
            if !contains(version) { throw error }
        }
        try Self.sync(folder)
    }

    /// Removes the temporary copies (`.tmp-VERSION-PID`) of processes that ended before renaming them into place
    /// (killed mid-copy): nothing else would. A copy whose process still runs, or whose name says no process,
    /// is left alone.
    func removeAbandonedCopies() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(".tmp-") {
            guard let pid = name.split(separator: "-").last.flatMap({ Int32($0) }), pid > 0, pid != getpid() else {
                continue
            }
            // Gone: no such process (a live one answers, or refuses with EPERM when it is another user's).
            if kill(pid, 0) != 0 && errno == ESRCH { try? FileManager.default.removeItem(atPath: folder + "/" + name) }
        }
    }

    /// The manifest folder of an archived version, to load it from.
    func manifestFolder(of version: String) throws -> String {
        let rootFile = path(of: version) + "/ROOT"
        guard let data = FileManager.default.contents(atPath: rootFile),
            let root = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
            !root.isEmpty, !root.hasPrefix("/"), !root.split(separator: "/").contains("..")
        else {
            throw ArchiveError("form-set version \(version.prefix(12)) is missing from the store ('\(rootFile)')")
        }
        return path(of: version) + "/tree" + (root == "." ? "" : "/" + root)
    }

    private static func sync(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw ArchiveError("cannot open '\(path)' to sync it") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw ArchiveError("cannot sync '\(path)'") }
    }
}

struct ArchiveError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Session {
    /// The form a report's current revision was filed on: the current form when the versions match,
    /// else the form from the newest version kept in the store's archive that has that version.
    /// `formSet` is the archived set it came from (nil for the current one).
    func form(
        of record: ReportRecord, store: String, in environment: CommandEnvironment
    ) -> (
        form: Form?, formSet: FormSet?
    ) {
        let current = formSet.form(record.form)
        let wanted = record.revision.formVersion
        guard let current, current.version != wanted else { return (current, nil) }
        let archive = FormSetArchive(store: store)
        for published in engine.state.formSetVersions.reversed() {
            guard let folder = try? archive.manifestFolder(of: published.version),
                case .success(let loaded) = Session.loadFormSet(folder, in: environment),
                let form = loaded.formSet.form(record.form), form.version == wanted
            else { continue }
            return (form, loaded.formSet)
        }
        return (current, nil)
    }
}
