/// Pure path arithmetic on `/`-separated paths (no file-system access).
enum PathName {
    /// Removes `.` components, folds `a/..`, and drops a trailing slash. Keeps a leading `/` and
    /// leading `..` components that cannot be folded.
    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", absolute { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// `base` joined with `relative` (unless `relative` is absolute), normalised.
    static func join(_ base: String, _ relative: String) -> String {
        if relative.hasPrefix("/") || base.isEmpty || base == "." { return normalize(relative) }
        return normalize(base + "/" + relative)
    }

    /// The folder part of `path` (`.` when there is none).
    static func folder(of path: String) -> String {
        let normal = normalize(path)
        guard let slash = normal.lastIndex(of: "/") else { return "." }
        if slash == normal.startIndex { return "/" }
        return String(normal[..<slash])
    }

    /// The last component of `path`.
    static func name(of path: String) -> String {
        String(normalize(path).split(separator: "/").last ?? "")
    }
}
