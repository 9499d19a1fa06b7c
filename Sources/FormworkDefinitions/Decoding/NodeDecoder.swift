import FormworkDiagnostics
import FormworkLanguage
import Foundation

/// Reads typed values out of ``YAMLNode``s, collecting a located diagnostic for every problem
/// instead of stopping at the first. Each file kind has its decoder in an extension.
struct NodeDecoder {
    var diagnostics: [Diagnostic] = []
    /// Locales declared by the manifest; texts missing one of them get a warning.
    var locales: [String] = []
    /// Ids of definitions that were dropped after their id was read (a field with an unknown type,
    /// say): rules treat references to them as known, so one mistake is reported once.
    var damagedNames: Set<String> = []

    /// Whether new errors were reported since `count` (a snapshot of `diagnostics.count`).
    func hasNewErrors(since count: Int) -> Bool {
        diagnostics[count...].contains { $0.severity == .error }
    }

    mutating func error(_ id: DiagnosticID, _ message: String, at location: SourceLocation, length: Int = 1) {
        diagnostics.append(.error(id, message, at: location, length: length))
    }

    mutating func warning(_ id: DiagnosticID, _ message: String, at location: SourceLocation, length: Int = 1) {
        diagnostics.append(.warning(id, message, at: location, length: length))
    }

    // MARK: - Maps

    /// The node as a map whose keys must be among `allowed`; unknown keys are reported with a
    /// suggestion. Returns nil (after reporting) when the node is not a map.
    mutating func mapping(_ node: YAMLNode, _ what: String, allowed: [String]) -> MappingView? {
        guard case .mapping(let pairs) = node.kind else {
            error("wrong-type", "\(what) must be a map of keys, but this is \(node.kindDescription)", at: node.location)
            return nil
        }
        var entries: [String: (key: YAMLNode, value: YAMLNode)] = [:]
        for pair in pairs {
            guard let key = pair.key.scalar else {
                error("wrong-type", "keys must be plain words", at: pair.key.location)
                continue
            }
            if !allowed.contains(key) {
                let hint =
                    key == "<<"
                    ? "; merge keys ('<<') are not supported"
                    : Self.nestedKeyHint(key, allowed: allowed) ?? Suggestion.didYouMean(key, in: allowed)
                error(
                    "unknown-key", "unknown key '\(key)' in \(what)\(hint)", at: pair.key.location,
                    length: key.unicodeScalars.count)
                continue
            }
            entries[key] = pair
        }
        return MappingView(node: node, what: what, entries: entries)
    }

    /// Keys that belong one level down: "'timezone' belongs under 'calendar:'".
    static let nestedKeys: [String: String] = [
        "timezone": "calendar", "workdays": "calendar", "holidays": "calendar", "min": "range, length or items",
        "max": "range, length or items", "days": "sla", "remind_after": "sla", "escalate_to": "sla",
        "options": "a choice list", "rule": "checks", "message": "checks", "severity": "checks",
    ]

    static func nestedKeyHint(_ key: String, allowed: [String]) -> String? {
        guard let parent = nestedKeys[key] else { return nil }
        let parents = parent.components(separatedBy: CharacterSet(charactersIn: ", ")).filter(allowed.contains)
        guard !parents.isEmpty || parent == "a choice list" else { return nil }
        return parent == "a choice list"
            ? "; 'options' belongs in a choice list" : "; it belongs under '\(parents[0]):'"
    }

    /// The value of a key that must be present.
    mutating func required(_ map: MappingView, _ key: String) -> YAMLNode? {
        guard let value = map[key], !value.isNull else {
            let place = map[key]?.location ?? map.node.ownerLocation
            error("missing-key", "\(map.what) needs '\(key)'", at: place)
            return nil
        }
        return value
    }

    /// The node as a list (nil, after reporting, when it is not one).
    mutating func sequence(_ node: YAMLNode, _ what: String) -> [YAMLNode]? {
        if case .sequence(let items) = node.kind { return items }
        if node.isNull { return [] }
        let example =
            node.scalar.map { text in
                text.contains(",") ? " (write [\(text)] to make it a list)" : " (write [\(text)] for a list of one)"
            } ?? ""
        error("wrong-type", "\(what) must be a list, but this is \(node.kindDescription)\(example)", at: node.location)
        return nil
    }

    // MARK: - Scalars

    mutating func string(_ node: YAMLNode, _ what: String) -> Located<String>? {
        guard let text = node.scalar, !node.isNull else {
            error(
                "wrong-type", "\(what) must be a single value, but this is \(node.kindDescription)", at: node.location)
            return nil
        }
        // Texts reach people's screens (labels, hints, messages, names): a character a terminal acts on, which a
        // double-quoted YAML string can write ("\e[2J"), would clear, retitle or garble them. Output escapes it too;
        // this says where it is.
        if let unsafe = text.unicodeScalars.first(where: { TerminalText.isUnsafe($0) }) {
            let code = String(unsafe.value, radix: 16, uppercase: true)
            error(
                "control-character",
                "\(what) contains U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code), a control "
                    + "character: shown to people it would act on their terminal instead (clear it, retitle it, hide "
                    + "text); leave it out",
                at: node.contentLocation, length: max(1, text.unicodeScalars.count))
            return nil
        }
        return Located(text, at: node.contentLocation)
    }

    mutating func nonEmptyString(_ node: YAMLNode, _ what: String) -> Located<String>? {
        guard let value = string(node, what) else { return nil }
        if value.value.trimmingSpaces().isEmpty {
            error("invalid-value", "\(what) must not be blank", at: node.location)
            return nil
        }
        return value
    }

    /// `[a-z][a-z0-9_]{0,63}`, or for people `[a-z0-9][a-z0-9_.-]{0,63}` (checked by hand: this
    /// runs for every id in a form set, and a regex match costs far more).
    static func isIdentifier<S: StringProtocol>(_ text: S, person: Bool = false) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.first, bytes.count <= 64 else { return false }
        let lower = { (b: UInt8) in b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") }
        let digit = { (b: UInt8) in b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        guard lower(first) || (person && digit(first)) else { return false }
        return bytes.allSatisfy { b in
            lower(b) || digit(b) || b == UInt8(ascii: "_")
                || (person && (b == UInt8(ascii: ".") || b == UInt8(ascii: "-")))
        }
    }

    mutating func id<Tag>(_ node: YAMLNode, _ what: String, as _: Tag.Type = Tag.self) -> Located<Identifier<Tag>>? {
        guard let text = string(node, what) else { return nil }
        let valid =
            Tag.self == PersonTag.self
            ? Self.isIdentifier(text.value, person: true)
            : Self.isIdentifier(text.value)
        if !valid {
            let advice =
                Tag.self == PersonTag.self
                ? "lower-case letters, digits, '_', '.' and '-'"
                : "lower-case letters, digits and '_', starting with a letter (snake_case)"
            error(
                "invalid-id", "'\(text.value)' is not a valid \(Tag.noun) id: use \(advice), at most 64 characters",
                at: text.location, length: text.value.unicodeScalars.count)
            // Keep it: references written the same way then resolve instead of cascading.
        }
        return Located(Identifier(text.value), at: text.location)
    }

    mutating func idList<Tag>(_ node: YAMLNode, _ what: String, as _: Tag.Type = Tag.self) -> [Located<Identifier<Tag>>]
    {
        guard let items = sequence(node, what) else { return [] }
        return items.compactMap { id($0, "each of \(what)", as: Tag.self) }
    }

    mutating func bool(_ node: YAMLNode, _ what: String) -> Located<Bool>? {
        guard let text = string(node, what) else { return nil }
        switch text.value {
        case "true": return Located(true, at: text.location)
        case "false": return Located(false, at: text.location)
        default:
            let lower = text.value.lowercased()
            let guess =
                ["yes", "y", "on", "true"].contains(lower)
                ? "; did you mean 'true'?"
                : ["no", "n", "off", "false"].contains(lower) ? "; did you mean 'false'?" : ""
            error(
                "wrong-type", "\(what) must be true or false, not '\(text.value)'\(guess)", at: text.location,
                length: text.value.unicodeScalars.count)
            return nil
        }
    }

    /// A whole number in `range`, parsed by Formwork (never by Yams: sexagesimal-looking text traps it).
    mutating func int(_ node: YAMLNode, _ what: String, in range: ClosedRange<Int>) -> Located<Int>? {
        guard let text = string(node, what) else { return nil }
        let digits =
            text.value.hasPrefix("-") || text.value.hasPrefix("+") ? text.value.dropFirst() : Substring(text.value)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            error(
                "wrong-type", "\(what) must be a whole number, not '\(text.value)'", at: text.location,
                length: text.value.unicodeScalars.count)
            return nil
        }
        // A whole number too long for 18 digits is out of every range a definition has (it is not a wrong type).
        let value = digits.count <= 18 ? Int(text.value.hasPrefix("+") ? String(digits) : text.value) : nil
        guard let value, range.contains(value) else {
            error(
                "invalid-value",
                "\(what) must be from \(range.lowerBound) to \(range.upperBound), not \(value.map(String.init) ?? text.value)",
                at: text.location, length: text.value.unicodeScalars.count)
            return nil
        }
        return Located(value, at: text.location)
    }

    /// A decimal number written plainly (`1200000`, `0.25`, `-3.5`): no exponent, no separators.
    mutating func decimal(_ node: YAMLNode, _ what: String) -> Located<Decimal>? {
        guard let text = string(node, what) else { return nil }
        guard let value = Self.parseDecimal(text.value) else {
            error(
                "wrong-type", "\(what) must be a number like 1200000 or 0.25, not '\(text.value)'", at: text.location,
                length: text.value.unicodeScalars.count)
            return nil
        }
        return Located(value, at: text.location)
    }

    static func parseDecimal(_ text: String) -> Decimal? {
        let body = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard !body.isEmpty, body.count <= 30, parts.count <= 2,
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        return DecimalText.parse(text)
    }

    mutating func date(_ node: YAMLNode, _ what: String) -> Located<LocalDate>? {
        guard let text = string(node, what) else { return nil }
        guard let date = LocalDate(text.value) else {
            let shaped = text.value.wholeMatch(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}/) != nil
            error(
                shaped ? "invalid-value" : "wrong-type",
                shaped
                    ? "\(what): '\(text.value)' is not a day of the calendar"
                    : "\(what) must be a date written YYYY-MM-DD, not '\(text.value)'",
                at: text.location, length: text.value.unicodeScalars.count)
            return nil
        }
        return Located(date, at: text.location)
    }

    /// One of a fixed set of words, with a suggestion for a near miss.
    mutating func choice<T: RawRepresentable>(_ node: YAMLNode, _ what: String, among cases: [T]) -> Located<T>?
    where T.RawValue == String {
        guard let text = string(node, what) else { return nil }
        if let value = T(rawValue: text.value) { return Located(value, at: text.location) }
        let names = cases.map(\.rawValue)
        let hint = Suggestion.closest(to: text.value, in: names).map { "; did you mean '\($0)'?" } ?? ""
        error(
            "invalid-value",
            "\(what) must be one of \(names.map { "'\($0)'" }.joined(separator: ", ")), not '\(text.value)'\(hint)",
            at: text.location, length: text.value.unicodeScalars.count)
        return nil
    }

    /// A plain string, or a map from locale to string.
    mutating func text(_ node: YAMLNode, _ what: String) -> LocalizedText? {
        switch node.kind {
        case .scalar:
            guard let value = nonEmptyString(node, what) else { return nil }
            return LocalizedText(value.value)
        case .mapping(let pairs):
            var entries: [LocalizedText.Entry] = []
            for pair in pairs {
                guard let locale = pair.key.scalar else { continue }
                if !locales.isEmpty && !locales.contains(locale) {
                    let hint = Self.localeHint(locale, among: locales) ?? Suggestion.didYouMean(locale, in: locales)
                    warning(
                        "unknown-locale",
                        "'\(locale)' is not a locale of this form set (\(locales.joined(separator: ", ")))\(hint)",
                        at: pair.key.location, length: locale.unicodeScalars.count)
                }
                guard let value = nonEmptyString(pair.value, "the \(locale) text of \(what)") else { continue }
                entries.append(LocalizedText.Entry(locale: locale, text: value.value))
            }
            if entries.isEmpty { return nil }
            let missing = locales.filter { locale in !entries.contains { $0.locale == locale } }
            if !missing.isEmpty {
                warning(
                    "missing-translation",
                    "\(what) has no \(missing.joined(separator: ", ")) text; the default locale is shown instead",
                    at: node.location)
            }
            return LocalizedText(entries: entries)
        case .sequence:
            error(
                "wrong-type", "\(what) must be a text or a map of locale to text, but this is a list", at: node.location
            )
            return nil
        }
    }

    /// Region-style locale codes people write for the script-style ones Formwork uses.
    static func localeHint(_ locale: String, among locales: [String]) -> String? {
        let aliases = [
            "zh-tw": "zh-Hant", "zh_tw": "zh-Hant", "zh-hk": "zh-Hant", "zh-mo": "zh-Hant", "zh-cn": "zh-Hans",
            "zh_cn": "zh-Hans", "zh-sg": "zh-Hans",
        ]
        guard let alias = aliases[locale.lowercased()], locales.contains(alias) else { return nil }
        return "; did you mean '\(alias)'?"
    }

    /// `{min, max}` integer bounds.
    mutating func intBounds(_ node: YAMLNode, _ what: String, in range: ClosedRange<Int>) -> Bounds<Int>? {
        guard let map = mapping(node, what, allowed: ["min", "max"]) else { return nil }
        let low = map["min"].flatMap { int($0, "the minimum of \(what)", in: range) }
        let high = map["max"].flatMap { int($0, "the maximum of \(what)", in: range) }
        if let low, let high, low.value > high.value {
            error(
                "invalid-range", "the minimum of \(what) (\(low.value)) is above its maximum (\(high.value))",
                at: node.location)
        }
        if map["min"] == nil && map["max"] == nil {
            error("missing-key", "\(what) needs 'min', 'max' or both", at: node.location)
        }
        return Bounds(min: low, max: high, location: node.location)
    }
}

/// A YAML map whose keys have been checked.
struct MappingView {
    let node: YAMLNode
    let what: String
    let entries: [String: (key: YAMLNode, value: YAMLNode)]

    subscript(key: String) -> YAMLNode? { entries[key]?.value }

    func keyLocation(_ key: String) -> SourceLocation? { entries[key]?.key.location }
}
