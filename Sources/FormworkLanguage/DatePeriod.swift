/// A span of days: a year, a quarter, a month or `FROM..TO`, inclusive, in a form set's calendar:
/// the period of an audit or of a management report.
public struct DatePeriod: Sendable, Hashable, CustomStringConvertible {
    public var start: LocalDate
    public var end: LocalDate
    /// As the user wrote it (`2026-11`, `2026-Q1`, `2026-01-05..2026-03-27`).
    public var description: String

    public init(start: LocalDate, end: LocalDate, description: String? = nil) {
        self.start = start
        self.end = end
        self.description = description ?? "\(start)..\(end)"
    }

    /// Parses `2026`, `2026-Q1`, `2026-03` or `2026-01-05..2026-03-27`; nil when it is none of them.
    public init?(parsing text: String) {
        if let range = text.firstRange(of: "..") {
            guard let start = LocalDate(String(text[..<range.lowerBound])),
                let end = LocalDate(String(text[range.upperBound...])), start <= end
            else { return nil }
            self.init(start: start, end: end, description: text)
            return
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, first.count == 4, first.allSatisfy({ $0.isASCII && $0.isNumber }),
            let year = Int(first), year >= 1
        else { return nil }
        var months = 1...12
        if parts.count == 2 {
            let part = parts[1]
            if part.count == 2, part.first == "Q", let quarter = Int(part.dropFirst()), (1...4).contains(quarter) {
                months = (quarter * 3 - 2)...(quarter * 3)
            } else if part.count == 2, part.allSatisfy({ $0.isASCII && $0.isNumber }), let month = Int(part),
                (1...12).contains(month)
            {
                months = month...month
            } else {
                return nil
            }
        } else if parts.count != 1 {
            return nil
        }
        guard let start = LocalDate(year: year, month: months.lowerBound, day: 1),
            let end = LocalDate(
                year: year, month: months.upperBound,
                day: LocalDate.numberOfDays(inMonth: months.upperBound, year: year))
        else { return nil }
        self.init(start: start, end: end, description: text)
    }

    public func contains(_ date: LocalDate) -> Bool { start <= date && date <= end }

    /// Whether `other` lies wholly inside this period.
    public func covers(_ other: DatePeriod) -> Bool { start <= other.start && other.end <= end }
}
