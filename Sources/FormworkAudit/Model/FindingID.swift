/// The stable, documented name of a kind of finding: `audit.<category>.<name>`.
public struct FindingID: RawRepresentable, Hashable, Sendable, Comparable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    public var description: String { rawValue }

    /// The category named by the id's second part (`too-few` in `audit.too-few.no-reviewer`).
    public var category: FindingCategory {
        let parts = rawValue.split(separator: ".")
        return parts.count > 1 ? FindingCategory(rawValue: String(parts[1])) ?? .usage : .usage
    }

    public static func < (lhs: FindingID, rhs: FindingID) -> Bool { lhs.rawValue < rhs.rawValue }
}
