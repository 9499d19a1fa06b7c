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

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

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
