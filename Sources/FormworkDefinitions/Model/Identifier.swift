/// A typed id: `FormID`, `FieldID`, `PersonID`, … are all `Identifier`s with different tags, so that
/// a person id can never be passed where a form id is expected.
public struct Identifier<Tag: IdentifierTag>: RawRepresentable, Hashable, Sendable, Comparable,
    CustomStringConvertible, ExpressibleByStringLiteral
{
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What an id names, used in messages ("unknown form 'visit_pln'").
public protocol IdentifierTag: Sendable {
    static var noun: String { get }
}

public enum FormTag: IdentifierTag { public static let noun = "form" }
public enum FieldTag: IdentifierTag { public static let noun = "field" }
public enum SectionTag: IdentifierTag { public static let noun = "section" }
public enum PersonTag: IdentifierTag { public static let noun = "person" }
public enum RoleTag: IdentifierTag { public static let noun = "role" }
public enum RegionTag: IdentifierTag { public static let noun = "region" }
public enum PolicyTag: IdentifierTag { public static let noun = "policy" }
public enum StepTag: IdentifierTag { public static let noun = "step" }
public enum StageTag: IdentifierTag { public static let noun = "stage" }
public enum WorkflowTag: IdentifierTag { public static let noun = "workflow" }
public enum ChoiceListTag: IdentifierTag { public static let noun = "choice list" }
public enum OrgTag: IdentifierTag { public static let noun = "organisation" }

public typealias FormID = Identifier<FormTag>
public typealias FieldID = Identifier<FieldTag>
public typealias SectionID = Identifier<SectionTag>
public typealias PersonID = Identifier<PersonTag>
public typealias RoleID = Identifier<RoleTag>
public typealias RegionID = Identifier<RegionTag>
public typealias PolicyID = Identifier<PolicyTag>
public typealias StepID = Identifier<StepTag>
public typealias StageID = Identifier<StageTag>
public typealias WorkflowID = Identifier<WorkflowTag>
public typealias ChoiceListID = Identifier<ChoiceListTag>
public typealias OrgID = Identifier<OrgTag>
