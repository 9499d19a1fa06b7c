/// One number (or list) behind a finding: `unreviewed = 14`.
public struct Figure: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        case int(Int)
        case text(String)
        case list([String])
    }

    /// A snake_case name, stable across versions.
    public var name: String
    public var value: Value

    public init(_ name: String, _ value: Value) {
        self.name = name
        self.value = value
    }

    public static func int(_ name: String, _ value: Int) -> Figure { Figure(name, .int(value)) }
    public static func text(_ name: String, _ value: String) -> Figure { Figure(name, .text(value)) }
    public static func list(_ name: String, _ value: [String]) -> Figure { Figure(name, .list(value)) }
    /// A share as a whole percentage, rounded half up.
    public static func percent(_ name: String, _ part: Int, of whole: Int) -> Figure {
        Figure(name, .int(Percent.of(part, whole)))
    }
}

/// Whole percentages, rounded half up, without floating point.
enum Percent {
    static func of(_ part: Int, _ whole: Int) -> Int {
        whole == 0 ? 0 : (part * 200 + whole) / (whole * 2)
    }
}
