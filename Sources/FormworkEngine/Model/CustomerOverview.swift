public import FormworkDefinitions

/// A customer with its stage in each workflow, the forms it can be filed now, and what it needs to
/// leave its stage.
public struct CustomerOverview: Sendable, Hashable, Codable {
    /// A form of the customer's current stages, and whether it can be filed now.
    public struct FormAvailability: Sendable, Hashable, Codable {
        public var workflow: WorkflowID
        public var stage: StageID
        public var form: FormID
        public var available: Bool
        /// Why not (gates, a live report of a non-repeatable form), in words.
        public var blockers: [String]

        public init(workflow: WorkflowID, stage: StageID, form: FormID, available: Bool, blockers: [String]) {
            self.workflow = workflow
            self.stage = stage
            self.form = form
            self.available = available
            self.blockers = blockers
        }
    }

    public var record: CustomerRecord
    /// The reports filed for the customer, oldest first: every one, or the latest ones when the overview was asked
    /// for the latest only (`earlierReports` more came before them).
    public var reports: [FiledReport]
    /// The customer's history, its own lines and its reports', in order: all of it, or its latest lines
    /// (`earlierHistoryLines` more came before them).
    public var history: [HistoryEntry]
    /// How many reports were filed before the first of `reports` (0 when it lists every one).
    public var earlierReports: Int
    /// How many history lines came before the first of `history` (0 when it holds the whole history).
    public var earlierHistoryLines: Int
    /// The forms of every stage the customer is at.
    public var forms: [FormAvailability]
    /// What each current stage still needs before the customer moves on, in words.
    public var toAdvance: [String]

    public init(
        record: CustomerRecord, reports: [FiledReport], history: [HistoryEntry], forms: [FormAvailability],
        toAdvance: [String], earlierReports: Int = 0, earlierHistoryLines: Int = 0
    ) {
        self.record = record
        self.reports = reports
        self.history = history
        self.forms = forms
        self.toAdvance = toAdvance
        self.earlierReports = earlierReports
        self.earlierHistoryLines = earlierHistoryLines
    }

    // The JSON keeps the shape it had when the record held the customer's reports and history (`customer --json`
    // is versioned, and fields are only ever added): `record` has the record's fields and `reports` (ids, oldest
    // first), `reportsByForm` and `history` beside them. `earlierReports` and `earlierHistoryLines` were added with
    // `customer --history N`: how many of each the lists leave out (0 when they are whole).

    private enum CodingKeys: String, CodingKey { case record, forms, toAdvance, earlierReports, earlierHistoryLines }
    /// What `record` holds beside the record's own fields: the reports and history its pages hold.
    private enum PageKeys: String, CodingKey { case reports, reportsByForm, history }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let recordEncoder = container.superEncoder(forKey: .record)
        try record.encode(to: recordEncoder)
        var pages = recordEncoder.container(keyedBy: PageKeys.self)
        var byForm: [FormID: [ReportID]] = [:]
        for filed in reports { byForm[filed.form, default: []].append(filed.report) }
        try pages.encode(reports.map(\.report), forKey: .reports)
        try pages.encode(byForm, forKey: .reportsByForm)
        try pages.encode(history, forKey: .history)
        try container.encode(forms, forKey: .forms)
        try container.encode(toAdvance, forKey: .toAdvance)
        try container.encode(earlierReports, forKey: .earlierReports)
        try container.encode(earlierHistoryLines, forKey: .earlierHistoryLines)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        record = try CustomerRecord(from: container.superDecoder(forKey: .record))
        let pages = try container.nestedContainer(keyedBy: PageKeys.self, forKey: .record)
        var form: [ReportID: FormID] = [:]
        for (id, reports) in try pages.decode([FormID: [ReportID]].self, forKey: .reportsByForm) {
            for report in reports { form[report] = id }
        }
        reports = try pages.decode([ReportID].self, forKey: .reports).map { report in
            guard let form = form[report] else {
                throw DecodingError.dataCorruptedError(
                    forKey: .reports, in: pages, debugDescription: "report \(report) is in no form's list")
            }
            return FiledReport(report: report, form: form)
        }
        history = try pages.decode([HistoryEntry].self, forKey: .history)
        forms = try container.decode([FormAvailability].self, forKey: .forms)
        toAdvance = try container.decode([String].self, forKey: .toAdvance)
        earlierReports = try container.decodeIfPresent(Int.self, forKey: .earlierReports) ?? 0
        earlierHistoryLines = try container.decodeIfPresent(Int.self, forKey: .earlierHistoryLines) ?? 0
    }
}
