import FormworkDefinitions
import FormworkDiagnostics
import FormworkLanguage

/// The JSON shape of an audit, version 1: `{"version": 1, "formSet", "usage", "findings", "burden",
/// "limits", "summary"}`. Fields are only ever added.
struct AuditJSON: Encodable {
    struct Location: Encodable {
        var file: String
        var line: Int
        var column: Int

        init(_ location: SourceLocation) {
            file = location.file
            line = location.line
            column = location.column
        }
    }

    struct Related: Encodable {
        var message: String
        var location: Location?
    }

    struct FigureValue: Encodable {
        var value: Figure.Value

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch value {
            case .int(let n): try container.encode(n)
            case .text(let text): try container.encode(text)
            case .list(let items): try container.encode(items)
            }
        }
    }

    struct SubjectJSON: Encodable {
        var workflow: String?
        var stage: String?
        var form: String?
        var field: String?
        var person: String?
        var role: String?
        var policy: String?
    }

    struct FindingJSON: Encodable {
        var id: String
        var category: String
        var severity: String
        var message: String
        var suggestion: String
        var location: Location?
        var length: Int
        var subject: SubjectJSON
        var figures: [String: FigureValue]
        var related: [Related]
    }

    struct FormMinutesJSON: Encodable {
        var form: String
        var minutes: Int
        var reportsPerWeek: Double
    }

    struct BurdenJSON: Encodable {
        var role: String
        var people: Int
        var busiest: String?
        var minutes: Int
        var fillMinutes: Int
        var reviewMinutes: Int
        var budget: Int?
        var overBudget: Bool
        var forms: [FormMinutesJSON]
    }

    struct UsageJSON: Encodable {
        var period: String
        var reports: Int
        var storeReports: Int
        var asOf: String?
    }

    struct Summary: Encodable {
        var errors: Int
        var warnings: Int
        var notes: Int
    }

    var version = 1
    var formSet: String
    var usage: UsageJSON?
    var findings: [FindingJSON]
    var burden: [BurdenJSON]
    var limits: [String]
    var summary: Summary

    init(_ report: AuditReport) {
        formSet = report.formSetName
        usage = report.usage.map {
            UsageJSON(period: $0.period, reports: $0.reports, storeReports: $0.storeReports, asOf: $0.asOf?.description)
        }
        findings = report.findings.map { f in
            FindingJSON(
                id: f.id.rawValue, category: f.category.rawValue, severity: f.severity.rawValue, message: f.message,
                suggestion: f.suggestion, location: f.location.map(Location.init), length: f.length,
                subject: SubjectJSON(
                    workflow: f.subject.workflow?.rawValue, stage: f.subject.stage?.rawValue,
                    form: f.subject.form?.rawValue, field: f.subject.field, person: f.subject.person?.rawValue,
                    role: f.subject.role?.rawValue, policy: f.subject.policy?.rawValue),
                figures: Dictionary(
                    f.figures.map { ($0.name, FigureValue(value: $0.value)) }, uniquingKeysWith: { a, _ in a }),
                related: f.related.map { Related(message: $0.message, location: $0.location.map(Location.init)) })
        }
        burden = report.burden.map { b in
            BurdenJSON(
                role: b.role.rawValue, people: b.people, busiest: b.busiest?.rawValue, minutes: b.minutes,
                fillMinutes: b.fillMinutes, reviewMinutes: b.reviewMinutes, budget: b.budget,
                overBudget: b.isOverBudget,
                forms: b.forms.map {
                    FormMinutesJSON(
                        form: $0.form.rawValue, minutes: $0.minutes,
                        reportsPerWeek: ($0.reportsPerWeek * 100).rounded() / 100)
                })
        }
        limits = report.limits
        summary = Summary(
            errors: report.count(.error), warnings: report.count(.warning), notes: report.count(.note))
    }
}
