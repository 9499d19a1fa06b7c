public import FormworkDefinitions
public import FormworkLanguage

/// One version of a report's answers: the first submission is revision 1, each resubmission after
/// a return adds one. Approvers sign a revision by its hash.
public struct Revision: Sendable, Hashable, Codable {
    /// 1 for the submission, then 2, 3, … for each resubmission.
    public var number: Int
    public var at: Timestamp
    /// Who wrote this revision (the submitter).
    public var by: PersonID
    /// The SHA-256 of the form file the answers were checked against.
    public var formVersion: String
    /// Every answer of the revision: given, prefilled, defaulted and computed.
    public var answers: Answers
    /// `sha256:` and the SHA-256 of the revision's canonical text (docs/engine.md, "Revision hash").
    public var hash: String
    /// Answers of hidden fields, dropped at submission.
    public var dropped: [DroppedAnswer]
    /// Answers taken from the customer's latest approved report of another form.
    public var prefilled: [PrefilledAnswer]
    /// Fields (paths) whose answer is the field's `default` or `default_expr`.
    public var defaulted: [String]
    /// Checks of severity `warning` that failed: recorded, not refused.
    public var warnings: [FieldFinding]

    public init(
        number: Int, at: Timestamp, by: PersonID, formVersion: String, answers: Answers, hash: String,
        dropped: [DroppedAnswer], prefilled: [PrefilledAnswer], defaulted: [String], warnings: [FieldFinding]
    ) {
        self.number = number
        self.at = at
        self.by = by
        self.formVersion = formVersion
        self.answers = answers
        self.hash = hash
        self.dropped = dropped
        self.prefilled = prefilled
        self.defaulted = defaulted
        self.warnings = warnings
    }

    /// The hash of a revision: SHA-256 over its canonical text, written `sha256:<hex>`.
    static func hash(
        report: ReportID, number: Int, form: FormID, formVersion: String, answers: [FieldID: Value]
    ) -> String {
        hash(report: report, number: number, form: form, formVersion: formVersion) { text in
            text.canonicalAnswers(answers) { $0.rawValue }
        }
    }

    /// `hash(report:number:form:formVersion:answers:)` of a revision's answers.
    static func hash(report: ReportID, number: Int, form: FormID, formVersion: String, answers: Answers) -> String {
        hash(report: report, number: number, form: form, formVersion: formVersion) { text in
            let sorted = answers.entriesInUTF8Order.lazy.map { (key: $0.field, value: $0.value) }
            text.canonicalAnswers(sorted: sorted) { $0.rawValue }
        }
    }

    /// The hash of a revision whose answers `answers` writes, as `canonicalAnswers` does.
    static func hash(
        report: ReportID, number: Int, form: FormID, formVersion: String, answers: (inout JSONBuffer) -> Void
    ) -> String {
        var text = JSONBuffer(capacity: 1024)
        text.raw("formwork-revision-v1\nreport:")
        text.string(report.rawValue, canonical: true)
        text.raw("\nrevision:")
        text.int(number)
        text.raw("\nform:")
        text.string(form.rawValue, canonical: true)
        text.raw("\nform-version:")
        text.string(formVersion, canonical: true)
        text.raw("\nanswers:")
        answers(&text)
        return "sha256:" + RevisionDigest.hex(of: text.bytes)
    }
}
