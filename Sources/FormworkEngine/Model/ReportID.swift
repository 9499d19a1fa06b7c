public import FormworkDefinitions

/// What a report id names, in messages ("unknown report 'r-42'").
public enum ReportTag: IdentifierTag { public static let noun = "report" }

/// A report's id. Ids come from outside with the submission: the engine never makes one up, so
/// that replaying the journal gives the same ids.
public typealias ReportID = Identifier<ReportTag>
