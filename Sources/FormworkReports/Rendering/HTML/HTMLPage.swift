import FormworkLanguage

/// What the HTML templates read: a report as plain values, every text still raw (the template
/// escapes it) and every number already written, so that the page is the same on every machine.
///
/// Sections that may be absent are arrays of zero or one value, and no field shares a name with a
/// field of an enclosing value: Mustache looks a missing name up in the enclosing values, and an
/// absent chart must never show its section's title instead.
struct HTMLPage {
    struct Column {
        var title: String
        var align: String
    }

    struct Cell {
        var text: String
        var align: String
    }

    struct Row {
        var cells: [Cell]
    }

    struct TableView {
        var hasRows: Bool
        var columns: [Column]
        var rows: [Row]
    }

    struct Rect {
        var x: String
        var y: String
        var width: String
        var height: String
        var style: String
        var tooltip: [String]
    }

    struct Line {
        var x1: String
        var y1: String
        var x2: String
        var y2: String
        var style: String
    }

    struct Text {
        var x: String
        var y: String
        var anchor: String
        var style: String
        var content: String
    }

    /// One shape: exactly one of the three arrays holds a value.
    struct Shape {
        var rect: [Rect]
        var line: [Line]
        var text: [Text]
    }

    struct SVG {
        var id: String
        var width: String
        var height: String
        var title: String
        var summary: String
        var shapes: [Shape]
    }

    struct Figure {
        var svg: SVG
        var table: TableView
    }

    struct Group {
        var anchor: String
        var heading: String
        var caption: [String]
        var table: TableView
    }

    struct Section {
        var anchor: String
        var title: String
        var figure: [Figure]
        var plain: [TableView]
        var groups: [Group]
    }

    var language: String
    var title: String
    var scope: String
    var kind: String
    var asOf: String
    var hasContents: Bool
    var sections: [Section]
    var hasNotes: Bool
    var notes: [String]

    init(_ report: ManagementReport) {
        language = report.language
        title = report.title
        scope = ReportRenderer.scopeParts(report).joined(separator: " · ")
        kind = report.kind.rawValue
        asOf = report.asOf.description
        notes = report.notes
        hasNotes = !report.notes.isEmpty
        sections = (report.chartTables + report.tables).enumerated().map { index, table in
            Self.section(table, anchor: "s\(index + 1)")
        }
        hasContents = sections.count > 2
    }

    static func section(_ table: Table, anchor: String) -> Section {
        var section = Section(anchor: anchor, title: table.title, figure: [], plain: [], groups: [])
        if let chart = table.chart {
            section.figure = [Figure(svg: svg(chart, id: anchor + "-chart"), table: view(table))]
        } else if let group = table.groupColumn, !table.rows.isEmpty {
            var keys: [String] = []
            var rows: [String: [[FormworkReports.Cell]]] = [:]
            for row in table.rows {
                let key = ReportRenderer.display(row[group])
                if rows[key] == nil { keys.append(key) }
                rows[key, default: []].append(row)
            }
            let columns = table.columns.indices.filter { $0 != group }
            section.groups = keys.enumerated().map { index, key in
                var part = table
                part.columns = columns.map { table.columns[$0] }
                part.rows = (rows[key] ?? []).map { row in columns.map { row[$0] } }
                return Group(
                    anchor: "\(anchor)-\(index + 1)", heading: key,
                    caption: table.groupCaptions[key].map { [$0] } ?? [], table: view(part))
            }
        } else {
            section.plain = [view(table)]
        }
        return section
    }

    static func view(_ table: Table) -> TableView {
        let numeric = table.columns.indices.map { index in table.rows.allSatisfy { $0[index].isNumeric } }
        return TableView(
            hasRows: !table.rows.isEmpty,
            columns: zip(table.columns, numeric).map { Column(title: $0.title, align: $1 ? "num" : "text") },
            rows: table.rows.map { row in
                Row(
                    cells: zip(row, numeric).map {
                        Cell(text: ReportRenderer.display($0), align: $1 ? "num" : "text")
                    })
            })
    }

    static func svg(_ chart: Chart, id: String) -> SVG {
        let scene = chart.scene()
        let number = ChartNumber.coordinate
        return SVG(
            id: id, width: number(scene.width), height: number(scene.height), title: chart.title,
            summary: chart.summary,
            shapes: scene.shapes.map { shape in
                switch shape {
                case .rect(let x, let y, let width, let height, let style, let tooltip):
                    Shape(
                        rect: [
                            Rect(
                                x: number(x), y: number(y), width: number(max(0, width)),
                                height: number(max(0, height)), style: style, tooltip: tooltip.map { [$0] } ?? [])
                        ], line: [], text: [])
                case .line(let x1, let y1, let x2, let y2, let style):
                    Shape(
                        rect: [],
                        line: [Line(x1: number(x1), y1: number(y1), x2: number(x2), y2: number(y2), style: style)],
                        text: [])
                case .text(let x, let y, let text, let anchor, let style):
                    Shape(
                        rect: [], line: [],
                        text: [
                            Text(x: number(x), y: number(y), anchor: anchor.rawValue, style: style, content: text)
                        ])
                }
            })
    }
}
