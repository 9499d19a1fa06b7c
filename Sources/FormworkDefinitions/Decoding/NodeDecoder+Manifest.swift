import FormworkDiagnostics
import Foundation

extension NodeDecoder {
    static let manifestKeys = [
        "formwork", "name", "locale", "locales", "currency", "calendar", "include", "audit", "change_control",
    ]

    mutating func manifest(_ root: YAMLNode, file: String) -> Manifest? {
        guard let map = mapping(root, "the manifest", allowed: Self.manifestKeys) else { return nil }
        var version = 1
        if let node = required(map, "formwork"), let value = int(node, "the format version 'formwork'", in: 0...1_000) {
            if value.value != 1 {
                error(
                    "unsupported-version",
                    "this Formwork reads format version 1; the manifest says \(value.value)", at: value.location)
            }
            version = value.value
        }
        let name = required(map, "name").flatMap { nonEmptyString($0, "the form set's name") }
        let locale = required(map, "locale").flatMap { string($0, "the default locale") }
        var locales = locale.map { [$0.value] } ?? ["en"]
        var listed: [Located<String>] = locale.map { [$0] } ?? []
        if let node = map["locales"], let items = sequence(node, "'locales'") {
            listed = items.compactMap { string($0, "each locale") }
            locales = listed.map(\.value)
            if let locale, !locales.contains(locale.value) {
                error(
                    "invalid-value", "the default locale '\(locale.value)' is not among 'locales'", at: locale.location,
                    length: locale.value.unicodeScalars.count)
            }
            for (index, item) in listed.enumerated() where listed[..<index].contains(where: { $0.value == item.value })
            {
                error("duplicate-id", "the locale '\(item.value)' is listed twice", at: item.location)
            }
        }
        for code in listed where code.value.wholeMatch(of: /[a-z]{2,3}(-[A-Za-z0-9]{2,8})*/) == nil {
            let suggestion = code.value.replacingOccurrences(of: "_", with: "-")
            let hint = suggestion != code.value ? "; did you mean '\(suggestion)'?" : ""
            error(
                "invalid-value", "'\(code.value)' is not a locale code like 'en' or 'zh-Hant'\(hint)",
                at: code.location,
                length: code.value.unicodeScalars.count)
            locales.removeAll { $0 == code.value }
        }
        var currency: Located<String>?
        if let node = map["currency"], let code = string(node, "the currency") {
            if code.value.wholeMatch(of: /[A-Z]{3}/) == nil {
                error(
                    "invalid-value", "the currency must be an ISO 4217 code like TWD or USD, not '\(code.value)'",
                    at: code.location)
            } else {
                currency = code
            }
        }
        let calendar = map["calendar"].flatMap { self.calendar($0) } ?? WorkCalendar()
        var includes: [Located<String>] = []
        if let node = required(map, "include"), let items = sequence(node, "'include'") {
            includes = items.compactMap { nonEmptyString($0, "each included path") }
        }
        var manifest = Manifest(
            formatVersion: version, name: name?.value ?? "", defaultLocale: locale?.value ?? "en", locales: locales,
            currency: currency, calendar: calendar, includes: includes, file: file)
        manifest.audit = map["audit"].flatMap { auditSettings($0) }
        manifest.changeControl = map["change_control"].flatMap { changeControl($0) }
        return manifest
    }

    /// `change_control: {proposed_by: [ROLE…], policy: POLICY}`.
    private mutating func changeControl(_ node: YAMLNode) -> ChangeControl? {
        guard let map = mapping(node, "the change control", allowed: ["proposed_by", "policy"]) else { return nil }
        let before = diagnostics.count
        let roles = required(map, "proposed_by").map { idList($0, "'proposed_by'", as: RoleTag.self) } ?? []
        if let node = map["proposed_by"], roles.isEmpty, !hasNewErrors(since: before) {
            error("invalid-value", "'proposed_by' needs at least one role", at: node.location)
        }
        guard let policy = required(map, "policy").flatMap({ id($0, "the change-control policy", as: PolicyTag.self) })
        else { return nil }
        return ChangeControl(proposedBy: roles, policy: policy, location: node.location)
    }

    /// `audit: {budget: {ROLE: MINUTES}, field_seconds: {TYPE: SECONDS}}`.
    private mutating func auditSettings(_ node: YAMLNode) -> AuditSettings? {
        guard let map = mapping(node, "the audit settings", allowed: ["budget", "field_seconds"]) else { return nil }
        var budgets: [AuditSettings.Budget] = []
        if let budget = map["budget"], case .mapping(let pairs) = budget.kind {
            for pair in pairs {
                guard let role = id(pair.key, "a role in 'budget'", as: RoleTag.self),
                    let minutes = int(pair.value, "the weekly budget of '\(role.value)' in minutes", in: 1...10_080)
                else { continue }
                budgets.append(AuditSettings.Budget(role: role, minutes: minutes))
            }
        } else if let budget = map["budget"], !budget.isNull {
            error(
                "wrong-type", "'budget' must be a map of role to minutes a week, like {rep: 150}", at: budget.location)
        }
        var seconds: [FieldType: Located<Int>] = [:]
        if let node = map["field_seconds"], case .mapping(let pairs) = node.kind {
            for pair in pairs {
                guard let type = choice(pair.key, "a field type in 'field_seconds'", among: FieldType.allCases),
                    let value = int(pair.value, "the seconds of a '\(type.value.rawValue)' field", in: 0...3_600)
                else { continue }
                seconds[type.value] = value
            }
        } else if let node = map["field_seconds"], !node.isNull {
            error(
                "wrong-type", "'field_seconds' must be a map of field type to seconds, like {long_text: 90}",
                at: node.location)
        }
        return AuditSettings(budgets: budgets, fieldSeconds: seconds, location: node.location)
    }

    private mutating func calendar(_ node: YAMLNode) -> WorkCalendar? {
        guard let map = mapping(node, "the calendar", allowed: ["timezone", "workdays", "holidays"]) else { return nil }
        var calendar = WorkCalendar()
        if let node = map["timezone"], let zone = string(node, "the time zone") {
            let known = TimeZone.knownTimeZoneIdentifiers
            // The IANA names the platform lists, and the Area/Location names it knows but does not list: the
            // fixed-offset `Etc/` zones, and current names whose old alias is the listed one (Asia/Kolkata, listed
            // as Asia/Calcutta). Abbreviations (EST, CST) are refused: they are ambiguous.
            let named = zone.value == "UTC" || known.contains(zone.value) || zone.value.contains("/")
            if !named || TimeZone(identifier: zone.value) == nil {
                let guess = Suggestion.closest(to: zone.value, in: known)
                error(
                    "invalid-value",
                    "unknown time zone '\(zone.value)': use an IANA name like \(guess ?? "Asia/Taipei")",
                    at: zone.location, length: zone.value.unicodeScalars.count)
            } else {
                calendar.timeZone = zone.value
            }
        }
        if let node = map["workdays"], let items = sequence(node, "'workdays'") {
            var days = Set<Int>()
            for item in items {
                guard let day = string(item, "each workday") else { continue }
                if let index = WorkCalendar.weekdayNames.firstIndex(of: day.value.lowercased()) {
                    days.insert(index + 1)
                } else {
                    error(
                        "invalid-value",
                        "'\(day.value)' is not a weekday; use mon, tue, wed, thu, fri, sat, sun\(Suggestion.didYouMean(day.value.lowercased(), in: WorkCalendar.weekdayNames))",
                        at: day.location)
                }
            }
            if items.isEmpty {
                error("invalid-value", "the calendar needs at least one workday", at: node.location)
            }
            calendar.workdays = days.isEmpty ? calendar.workdays : days
        }
        if let node = map["holidays"], let items = sequence(node, "'holidays'") {
            calendar.holidays = Set(items.compactMap { date($0, "each holiday")?.value })
        }
        return calendar
    }
}
