import FormworkDiagnostics
import FormworkLanguage
import Foundation

/// The one place management reports are formatted: aligned text tables (by display width, so that
/// Chinese names line up), CSV (RFC 4180, CRLF, formula injection neutralised), Markdown, and
/// stable, versioned JSON.
public enum ReportRenderer {
    /// The JSON layout's version; fields are only ever added.
    public static let jsonVersion = 1

    // MARK: - Text

    public static func text(_ report: ManagementReport) -> String {
        var out = heading(report) + "\n"
        for table in report.tables {
            out += "\n" + table.title + "\n"
            if table.rows.isEmpty {
                out += "  (none)\n"
                continue
            }
            let header = table.columns.map(\.title)
            let body = table.rows.map { $0.map(display) }
            let widths = table.columns.indices.map { index in
                ([header[index]] + body.map { $0[index] }).map { DisplayWidth.of($0) }.max() ?? 0
            }
            let numeric = table.columns.indices.map { index in
                table.rows.allSatisfy { $0[index].isNumeric }
            }
            func line(_ cells: [String]) -> String {
                let padded = cells.enumerated().map { index, cell in
                    let pad = String(repeating: " ", count: max(0, widths[index] - DisplayWidth.of(cell)))
                    return numeric[index] ? pad + cell : cell + pad
                }
                return "  " + padded.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
            }
            out += line(header)
            out += line(widths.map { String(repeating: "-", count: $0) })
            for row in body { out += line(row) }
        }
        if !report.notes.isEmpty {
            out += "\n" + report.notes.map { "note: " + $0 + "\n" }.joined()
        }
        return out
    }

    static func heading(_ report: ManagementReport) -> String {
        ([report.title] + scopeParts(report)).joined(separator: " · ")
    }

    /// What the report covers: the period (or every report), region, person, and "as of".
    static func scopeParts(_ report: ManagementReport) -> [String] {
        var parts: [String] = []
        if let period = report.period {
            let range = "\(period.start)..\(period.end)"
            parts.append("period " + (period.description == range ? range : "\(period.description) (\(range))"))
        } else {
            parts.append("every report")
        }
        if let region = report.region { parts.append("region \(region)") }
        if let person = report.person { parts.append("person \(person)") }
        parts.append("as of \(report.asOf)")
        return parts
    }

    /// A cell as text and Markdown show it: amounts grouped by thousands, a missing figure "-".
    static func display(_ cell: Cell) -> String {
        switch cell {
        case .amount(let value): grouped(value)
        case .none: "-"
        default: plain(cell)
        }
    }

    /// A cell as CSV and JSON strings carry it: no grouping, a missing figure empty.
    static func plain(_ cell: Cell) -> String {
        switch cell {
        case .text(let text): text
        case .int(let value): String(value)
        case .amount(let value): "\(value)"
        case .percent(let value), .measure(let value): oneDecimal(value)
        case .none: ""
        }
    }

    static func oneDecimal(_ value: Decimal) -> String {
        let text = "\(value)"
        return text.contains(".") ? text : text + ".0"
    }

    static func grouped(_ value: Decimal) -> String {
        let text = "\(value)"
        let negative = text.hasPrefix("-")
        let unsigned = negative ? String(text.dropFirst()) : text
        let parts = unsigned.split(separator: ".", maxSplits: 1)
        let whole = Array(parts.first.map(String.init) ?? "0")
        var out = ""
        for (index, digit) in whole.enumerated() {
            if index > 0 && (whole.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        if parts.count == 2 { out += "." + parts[1] }
        return (negative ? "-" : "") + out
    }

    // MARK: - CSV

    /// One table as CSV: a header of column ids, then the rows; CRLF line ends (RFC 4180).
    public static func csv(_ table: Table) -> String {
        var out = table.columns.map { csvField($0.id) }.joined(separator: ",") + "\r\n"
        for row in table.rows {
            out += row.map { csvField(plain($0), isText: !$0.isNumeric) }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// A field quoted when it must be, with a leading `'` when a spreadsheet would read it as a
    /// formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return).
    /// Numbers are never prefixed: a negative figure stays a number.
    static func csvField(_ text: String, isText: Bool = true) -> String {
        var value = text
        if isText, let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            value = "'" + value
        }
        let needsQuotes =
            // By scalar: a "\r\n" in the text is one Character, equal to neither "\r" nor "\n".
            value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || value.hasPrefix(" ") || value.hasSuffix(" ")
        return needsQuotes ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }

    // MARK: - Markdown

    public static func markdown(_ report: ManagementReport) -> String {
        var out = "# " + heading(report) + "\n"
        for table in report.tables {
            out += "\n## " + table.title + "\n"
            if table.rows.isEmpty {
                out += "\n(none)\n"
                continue
            }
            if let group = table.groupColumn {
                var keys: [String] = []
                var groups: [String: [[Cell]]] = [:]
                for row in table.rows {
                    let key = display(row[group])
                    if groups[key] == nil { keys.append(key) }
                    groups[key, default: []].append(row)
                }
                let columns = table.columns.indices.filter { $0 != group }
                for key in keys {
                    out += "\n### " + markdownCell(key) + "\n\n"
                    out += markdownTable(table, columns: columns, rows: groups[key] ?? [])
                }
            } else {
                out += "\n" + markdownTable(table, columns: Array(table.columns.indices), rows: table.rows)
            }
        }
        if !report.notes.isEmpty { out += "\n" + report.notes.map { "- " + $0 + "\n" }.joined() }
        return out
    }

    static func markdownTable(_ table: Table, columns: [Int], rows: [[Cell]]) -> String {
        var out = "| " + columns.map { markdownCell(table.columns[$0].title) }.joined(separator: " | ") + " |\n"
        out +=
            "|"
            + columns.map { index in rows.allSatisfy { $0[index].isNumeric } ? "---:" : "---" }
            .joined(separator: "|") + "|\n"
        for row in rows {
            out += "| " + columns.map { markdownCell(display(row[$0])) }.joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// A cell's text for a Markdown table: `&`, `<` and `>` as entities (Markdown passes raw HTML through, and
    /// ids and answers are anybody's text), `\\` and `|` escaped, line breaks as `<br>`.
    static func markdownCell(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\r\n", with: "<br>").replacingOccurrences(of: "\n", with: "<br>")
    }

    // MARK: - JSON

    /// The report as one JSON object, keys sorted, pretty-printed, ending in a newline:
    /// `{"version": 1, "kind", "title", "period": {"label", "from", "to"} | null, "region", "person",
    /// "asOf", "tables": [{"id", "title", "columns": [{"id", "title"}], "rows": [{COLUMN: value}]}],
    /// "notes": [text]}`. Numbers are JSON numbers, a missing figure `null`.
    public static func json(_ report: ManagementReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(JSONReport(report))
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private struct JSONReport: Encodable {
        struct Period: Encodable {
            var label: String
            var from: String
            var to: String
        }
        struct Column: Encodable {
            var id: String
            var title: String
        }
        struct JSONTable: Encodable {
            var id: String
            var title: String
            var columns: [Column]
            var rows: [[String: JSONCell]]
        }

        var version = ReportRenderer.jsonVersion
        var kind: String
        var title: String
        var period: Period?
        var region: String?
        var person: String?
        var asOf: String
        var tables: [JSONTable]
        var notes: [String]

        init(_ report: ManagementReport) {
            kind = report.kind.rawValue
            title = report.title
            period = report.period.map { Period(label: $0.description, from: "\($0.start)", to: "\($0.end)") }
            region = report.region
            person = report.person
            asOf = report.asOf.description
            tables = report.tables.map { table in
                JSONTable(
                    id: table.id, title: table.title, columns: table.columns.map { Column(id: $0.id, title: $0.title) },
                    rows: table.rows.map { row in
                        Dictionary(uniqueKeysWithValues: zip(table.columns.map(\.id), row.map(JSONCell.init)))
                    })
            }
            notes = report.notes
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(version, forKey: .version)
            try container.encode(kind, forKey: .kind)
            try container.encode(title, forKey: .title)
            try container.encode(period, forKey: .period)
            try container.encode(region, forKey: .region)
            try container.encode(person, forKey: .person)
            try container.encode(asOf, forKey: .asOf)
            try container.encode(tables, forKey: .tables)
            try container.encode(notes, forKey: .notes)
        }

        enum Key: String, CodingKey { case version, kind, title, period, region, person, asOf, tables, notes }
    }

    private struct JSONCell: Encodable {
        var cell: Cell
        init(_ cell: Cell) { self.cell = cell }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch cell {
            case .text(let text): try container.encode(text)
            case .int(let value): try container.encode(value)
            case .amount(let value), .percent(let value), .measure(let value): try container.encode(value)
            case .none: try container.encodeNil()
            }
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
