public import FormworkDiagnostics

/// A YAML node as Formwork reads it: every scalar kept as text with its location, so that nothing
/// is typed behind the user's back (YAML 1.1's `no` → false, `1:30` → 90, sexagesimal traps).
public final class YAMLNode: Sendable {
    /// How a scalar was written; quoted and block scalars are never null.
    public enum ScalarStyle: Sendable, Equatable {
        case plain
        case singleQuoted
        case doubleQuoted
        case literal
        case folded
    }

    public enum Kind: Sendable {
        case scalar(String, ScalarStyle)
        case mapping([(key: YAMLNode, value: YAMLNode)])
        case sequence([YAMLNode])
    }

    public let kind: Kind
    /// Where the node starts.
    public let location: SourceLocation
    /// Where the key that holds this node is, when the node is a map's value: a missing key inside
    /// a map is best reported at the key that opens the map (`sla:`), not at the map's first entry.
    public let keyLocation: SourceLocation?
    /// True when a scalar's text stands exactly as written on its first line (no folding, no
    /// escapes), so that offsets inside the text map to columns one to one.
    public let isVerbatim: Bool

    public init(_ kind: Kind, at location: SourceLocation, keyLocation: SourceLocation? = nil, isVerbatim: Bool = false)
    {
        self.kind = kind
        self.location = location
        self.keyLocation = keyLocation
        self.isVerbatim = isVerbatim
    }

    /// Where to report something missing from this node: its key when it has one.
    public var ownerLocation: SourceLocation { keyLocation ?? location }

    /// The scalar's text, or nil for collections.
    public var scalar: String? {
        if case .scalar(let text, _) = kind { return text }
        return nil
    }

    /// A plain scalar spelled `null`, `~` or nothing at all.
    public var isNull: Bool {
        if case .scalar(let text, .plain) = kind {
            return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
        }
        return false
    }

    /// The location of the first character of a scalar's content (after an opening quote).
    public var contentLocation: SourceLocation {
        if case .scalar(_, let style) = kind, style == .singleQuoted || style == .doubleQuoted {
            return location.advanced(by: 1)
        }
        return location
    }

    /// Words for the kind of node, for messages ("a list", "a map", "a value").
    public var kindDescription: String {
        switch kind {
        case .scalar: isNull ? "nothing" : "a single value"
        case .mapping: "a map of keys"
        case .sequence: "a list"
        }
    }
}
