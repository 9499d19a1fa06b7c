/// Pure path arithmetic on `/`-separated paths (no file-system access).
package enum PathName {
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
        // Joined by hand: `joined(separator:)` over substrings is generic code whose first use costs a command
        // more than its whole form set's paths (docs/design/command-start.md).
        var joined = absolute ? "/" : ""
        for (index, part) in parts.enumerated() {
            if index > 0 { joined += "/" }
            joined += String(part)
        }
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

    /// `path` relative to the folder `base` (both absolute, or both relative to one folder), with
    /// `..` where it lies outside: `relative("a/forms/x.yaml", to: "a/b")` is `../forms/x.yaml`.
    package static func relative(_ path: String, to base: String) -> String {
        let target = normalize(path).split(separator: "/").map(String.init)
        let from = base == "." ? [] : normalize(base).split(separator: "/").map(String.init)
        var common = 0
        while common < target.count, common < from.count, target[common] == from[common] { common += 1 }
        let parts = Array(repeating: "..", count: from.count - common) + target[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// The last component of `path`.
    static func name(of path: String) -> String {
        String(normalize(path).split(separator: "/").last ?? "")
    }
}
