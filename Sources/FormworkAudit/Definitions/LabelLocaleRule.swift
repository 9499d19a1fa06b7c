import FormworkDefinitions
import FormworkDiagnostics

/// Titles, labels and hints that lack one of the manifest's locales (a plain string counts as the
/// default locale only): a rep working in that language reads the question in another one. One
/// finding per form.
struct LabelLocaleRule: DefinitionRule {
    var ids: [FindingID] { ["audit.unsuitable.label-missing-locale"] }

    func findings(in context: AuditContext) -> [Finding] {
        let manifest = context.formSet.manifest
        guard manifest.locales.count > 1 else { return [] }
        var out: [Finding] = []
        for form in context.formSet.forms {
            var places: [String] = []
            var missing: [String] = []
            var location: (SourceLocation, Int)?
            func note(_ text: LocalizedText?, _ what: String, at place: SourceLocation, length: Int) {
                guard let text else { return }
                let present = text.isPlain ? [manifest.defaultLocale] : text.locales
                let lacking = manifest.locales.filter { !present.contains($0) }
                guard !lacking.isEmpty else { return }
                places.append(what)
                missing += lacking.filter { !missing.contains($0) }
                if location == nil { location = (place, length) }
            }
            note(form.title, "title", at: form.id.location, length: form.id.length)
            for field in form.fields {
                for (path, item) in [(field.id.value.rawValue, field)]
                    + field.fields.map({ ("\(field.id.value).\($0.id.value)", $0) })
                {
                    note(item.label, "\(path) (label)", at: item.id.location, length: item.id.length)
                    note(item.hint, "\(path) (hint)", at: item.id.location, length: item.id.length)
                }
            }
            guard let (place, length) = location else { continue }
            out.append(
                Finding(
                    "audit.unsuitable.label-missing-locale", .warning,
                    "\(places.count == 1 ? "1 text" : "\(places.count) texts") of '\(form.id.value)' \(places.count == 1 ? "has" : "have") no \(missing.joined(separator: ", ")) version, so reps working in \(missing.count == 1 ? "that language" : "those languages") read \(places.count == 1 ? "it" : "them") in another: \(places.joined(separator: ", "))",
                    suggestion:
                        "write each as a map with every locale: {\(manifest.locales.map { "\($0): …" }.joined(separator: ", "))}",
                    at: place, length: length, subject: Subject(form: form.id.value),
                    figures: [.list("missing_locales", missing), .list("texts", places)]))
        }
        return out
    }
}
