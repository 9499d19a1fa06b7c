import Mustache

extension ReportRenderer {
    /// The report as one self-contained HTML page: inline CSS, inline SVG charts beside the tables
    /// that hold their figures, no script and nothing loaded from elsewhere. Rendered through
    /// Mustache, which HTML-escapes every value, text in the SVG included.
    public static func html(_ report: ManagementReport) throws -> String {
        let library = try templates.get()
        guard let page = library.render(HTMLPage(report), withTemplate: "page") else {
            throw HTMLTemplateError(message: "the HTML page template is missing")
        }
        return page
    }

    /// The parsed templates: parsed once; a template that does not parse is a bug that every HTML
    /// test shows.
    static let templates: Result<MustacheLibrary, any Error> = Result {
        var library = MustacheLibrary()
        try library.register(HTMLTemplates.page, named: "page")
        try library.register(HTMLTemplates.table, named: "table")
        try library.register(HTMLTemplates.chart, named: "chart")
        return library
    }
}

/// A template of the HTML format that could not be used.
public struct HTMLTemplateError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
