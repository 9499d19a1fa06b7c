public import FormworkDefinitions

/// What is known about one customer: where it stands in each workflow, and what its guards need of its reports.
///
/// Its size is bounded by the funnel and by the customer's open work, not by how many reports were ever filed for
/// it: the list of those reports and the customer's whole history are in its pages (`CustomerPage`), which a
/// command that files or decides one report touches one of. A key account with 50,000 reports costs a command what
/// a customer with five does.
public struct CustomerRecord: Sendable, Hashable, Codable {
    public var id: CustomerID
    /// Where the customer stands in each workflow it entered. (A customer's maps hold a handful of keys each: see
    /// `SmallMap`.)
    public var positions: SmallMap<WorkflowID, CustomerPosition>
    /// The reports neither approved, rejected nor recalled (pending, or returned for revision), by form, oldest
    /// first.
    public var open: SmallMap<FormID, [ReportID]>
    /// The customer's latest approved report of each form.
    public var latestApproved: SmallMap<FormID, ReportID>
    /// The first report filed for the customer: its submitter owns the customer in the funnel report.
    public var firstReport: ReportID?
    /// How many reports were filed for the customer.
    public var reportCount: Int
    /// How many history lines its pages hold (a report's filing is one of them).
    public var lineCount: Int
    /// How many pages hold its reports and history: `CustomerPage.lineLimit` lines each, the last one taking what
    /// comes next.
    public var pageCount: Int { (lineCount + CustomerPage.lineLimit - 1) / CustomerPage.lineLimit }
    /// The customer's own lines (entering a workflow, moving between stages), also in the pages among the
    /// reports' lines: what the funnel report reads, bounded by the funnel.
    public var stageHistory: [HistoryEntry]

    public init(id: CustomerID) {
        self.id = id
        positions = [:]
        open = [:]
        latestApproved = [:]
        firstReport = nil
        reportCount = 0
        lineCount = 0
        stageHistory = []
    }

    /// Whether `report` (of `form`) is one of the customer's open reports.
    public func isOpen(_ report: ReportID, form: FormID) -> Bool { open[form]?.contains(report) == true }
}

/// A report as its customer's pages list it.
public struct FiledReport: Sendable, Hashable, Codable {
    public var report: ReportID
    public var form: FormID

    public init(report: ReportID, form: FormID) {
        self.report = report
        self.form = form
    }
}

/// One page of a customer's reports and history, in the order they came: page 0 first, each page `lineLimit` lines
/// (the last one fewer) and the reports filed by those lines, so that filing or deciding a report reads and writes
/// one small page however many reports the customer has. Line n of the customer's history is on page n / lineLimit.
///
/// Why the line count alone places a line: the page to write is known from the customer's record, without reading
/// the page first to see whether it is full.
public struct CustomerPage: Sendable, Hashable, Codable {
    /// A page's place: its customer and its number.
    public struct Key: Sendable, Hashable, Comparable, Codable {
        public var customer: CustomerID
        public var number: Int

        public init(customer: CustomerID, number: Int) {
            self.customer = customer
            self.number = number
        }

        public static func < (lhs: Self, rhs: Self) -> Bool {
            lhs.customer != rhs.customer ? lhs.customer < rhs.customer : lhs.number < rhs.number
        }
    }

    public var customer: CustomerID
    public var number: Int
    public var reports: [FiledReport]
    public var history: [HistoryEntry]

    public init(customer: CustomerID, number: Int, reports: [FiledReport] = [], history: [HistoryEntry] = []) {
        self.customer = customer
        self.number = number
        self.reports = reports
        self.history = history
    }

    public var key: Key { Key(customer: customer, number: number) }

    /// The history lines of a full page (so at most this many reports: each is filed by one of them).
    public static let lineLimit = 128
}
