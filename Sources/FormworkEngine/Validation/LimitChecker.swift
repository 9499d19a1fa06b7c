import FormworkDefinitions
import FormworkLanguage
import Foundation

/// The limits a field puts on a non-empty answer: options, pattern, length, range, items, unique,
/// the shape of e-mail addresses and phone numbers, and which report a `report` field may name.
extension ValidationRun {
    /// Every limit the value breaks, in words. The checks write into one list: most answers break none, and
    /// adding each check's empty list cost as much as the check.
    func limitProblems(with value: Value, of plan: FieldPlan) -> [String] {
        let label = plan.label
        var out: [String] = []
        switch (plan.type, value) {
        case (.text, .string(let text)), (.longText, .string(let text)), (.email, .string(let text)),
            (.phone, .string(let text)):
            textProblems(text, plan: plan, label: label, item: nil, into: &out)
        case (.choice, .string(let option)):
            if !plan.optionSet.isEmpty, !plan.optionSet.contains(option) {
                out += optionProblems([option], plan: plan, label: label)
            }
        case (.multiChoice, .list(let items)):
            out += optionProblems(items.compactMap(Self.text), plan: plan, label: label)
            itemProblems(items, plan: plan, label: label, into: &out)
        case (.textList, .list(let items)):
            itemProblems(items, plan: plan, label: label, into: &out)
            for (index, item) in items.enumerated() {
                guard case .string(let text) = item else { continue }
                textProblems(text, plan: plan, label: label, item: index + 1, into: &out)
            }
        case (.group, .list(let items)):
            itemProblems(items, plan: plan, label: label, into: &out)
        case (.report, .string(let id)):
            out += reportProblems(ReportID(id), field: plan.field, label: label)
        case (.customer, .string(let id)):
            if id.trimmedOfSpaces != id {
                out.append("\(label): a customer id has no spaces at either end")
            }
        case (_, .decimal(let number)) where !number.isFinite:
            // The parsers never make one, but a library caller's JSON answer may hold one: it is refused here
            // rather than journaled, where it would make every later read of the store fail.
            return ["\(label) is not a number that can be kept"]
        default:
            break
        }
        if let range = plan.range { rangeProblems(value, range: range, label: label, into: &out) }
        return out
    }

    private static func text(_ value: Value) -> String? {
        if case .string(let text) = value { return text }
        return nil
    }

    private static func display(_ value: Value) -> String {
        switch value {
        case .string(let text): "'\(text)'"
        case .decimal(let number): CanonicalText.decimal(number)
        case .date(let date): date.description
        case .datetime(let instant): instant.description
        default: value.description
        }
    }

    /// The limits `text` breaks, as the answer of the field `plan` or as its item number `item`.
    private func textProblems(
        _ text: String, plan: FieldPlan, label fieldLabel: String, item: Int?, into out: inout [String]
    ) {
        let type = plan.type
        // Made only for a message: most answers break no limit.
        var label: String { item.map { "item \($0) of \(fieldLabel)" } ?? fieldLabel }
        if type != .longText && type != .textList, Self.hasLineBreak(text) {
            out.append("\(label) takes one line of text")
        }
        if let control = ControlCharacters.first(in: text, allowingLineBreaks: true) {
            out.append(
                "\(label) holds the control character \(ControlCharacters.name(control)), which would garble the "
                    + "screen of whoever reads the report; remove it")
        }
        if type == .email, !Self.looksLikeEmail(text) {
            out.append("\(label) must be an e-mail address such as name@example.com, not \(Self.quoted(text))")
        }
        if type == .phone, !Self.looksLikePhone(text) {
            out.append("\(label) must be a phone number (digits, spaces, + - ( ) . /), not \(Self.quoted(text))")
        }
        if let length = plan.length, !Self.surelyFits(text, length) {
            // Counted only when the text's bytes leave the count in doubt: counting scalars walks the whole text.
            let count = Self.scalarCount(text)
            if let min = length.min?.value, count < min {
                out.append("\(label) needs at least \(min) character\(min == 1 ? "" : "s"); it has \(count)")
            }
            if let max = length.max?.value, count > max {
                out.append("\(label) takes at most \(max) character\(max == 1 ? "" : "s"); it has \(count)")
            }
        }
        if let pattern = plan.pattern {
            // Both matchers take time linear in the answer, whatever the pattern (no backtracking); the general one
            // is still bounded in its work (a megabyte against thousands of states would take minutes).
            if let matched = plan.simplePattern?.wholeMatch(text) {
                if !matched { out.append("\(label) must match the pattern \(pattern); \(Self.quoted(text)) does not") }
            } else if let linear = plan.compiledPattern?.linear {
                let count = text.utf8.count > linear.longestText ? text.count : 0
                if count > linear.longestText {
                    out.append(
                        "\(label) is too long to be checked against the pattern \(pattern) (\(count) characters; "
                            + "at most \(linear.longestText) for this pattern)")
                } else if !linear.wholeMatch(text) {
                    out.append("\(label) must match the pattern \(pattern); \(Self.quoted(text)) does not")
                }
            } else {
                out.append("\(label) cannot be checked: the pattern \(pattern) is not a valid regular expression")
            }
        }
    }

    /// `text` in quotes for a message; a long one shortened to its start and its length.
    static func quoted(_ text: String) -> String {
        guard text.utf8.count > 120 else { return "'\(text)'" }
        return "'\(text.prefix(60))…' (\(scalarCount(text)) characters)"
    }

    /// Whether `text` holds a line feed or a carriage return, looked for in its bytes where they are stored.
    private static func hasLineBreak(_ text: String) -> Bool {
        let inPlace = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.contains { $0 == 0x0a || $0 == 0x0d }
        }
        return inPlace ?? text.utf8.contains { $0 == 0x0a || $0 == 0x0d }
    }

    /// `text.unicodeScalars.count`, counted on the bytes where they are stored: every byte but a continuation
    /// byte (`10xxxxxx`) starts a scalar of the (always valid) UTF-8.
    private static func scalarCount(_ text: String) -> Int {
        let inPlace = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.reduce(0) { count, byte in byte & 0xC0 == 0x80 ? count : count + 1 }
        }
        return inPlace ?? text.unicodeScalars.count
    }

    /// True when `text` has between `length.min` and `length.max` Unicode scalars whatever they are: a scalar
    /// takes one to four UTF-8 bytes, and the byte count of a native string is known without walking it.
    private static func surelyFits(_ text: String, _ length: Bounds<Int>) -> Bool {
        let bytes = text.utf8.count
        if let max = length.max?.value, bytes > max { return false }
        if let min = length.min?.value, (bytes + 3) / 4 < min { return false }
        return true
    }

    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix(".")
        else { return false }
        return !text.contains { $0.isWhitespace }
    }

    static func looksLikePhone(_ text: String) -> Bool {
        let allowed = Set("0123456789 +-()./")
        return text.allSatisfy { allowed.contains($0) } && text.filter(\.isNumber).count >= 3
    }

    private func optionProblems(_ chosen: [String], plan: FieldPlan, label: String) -> [String] {
        let options = plan.options
        guard !options.isEmpty else { return [] }
        return chosen.filter { !plan.optionSet.contains($0) }.map { option in
            var message = "'\(option)' is not an option of \(label)"
            if let close = Suggestion.closest(to: option, in: options) {
                message += "; did you mean '\(close)'?"
            } else if options.count <= 12 {
                message += "; choose one of " + options.joined(separator: ", ")
            }
            return message
        }
    }

    private func itemProblems(_ items: [Value], plan: FieldPlan, label: String, into out: inout [String]) {
        let noun = plan.type == .group ? "row" : "item"
        if let bounds = plan.field.items {
            if let min = bounds.min?.value, items.count < min {
                out.append("\(label) needs at least \(min) \(noun)\(min == 1 ? "" : "s"); it has \(items.count)")
            }
            if let max = bounds.max?.value, items.count > max {
                out.append("\(label) takes at most \(max) \(noun)\(max == 1 ? "" : "s"); it has \(items.count)")
                // Too many to be compared: the count is the problem to fix first.
                return
            }
        }
        // A multiple choice is a set of options, `unique:` or not.
        if plan.field.unique || plan.type == .multiChoice {
            for item in Self.repeatedItems(items) { out.append("\(label) lists \(Self.display(item)) more than once") }
        }
    }

    /// Each item that `items` lists more than once, once, in the order of its first repetition. Items are
    /// grouped by their text (canonically equivalent texts share a group; other values share one), and only
    /// compared within a group, by the language's equality: time linear in the list, whatever its length.
    static func repeatedItems(_ items: [Value]) -> [Value] {
        // A short list (most are a handful of items) is compared pair by pair: no table to build. Texts are only
        // equal when they are in the same group, so both ways find the same items in the same order.
        items.count <= 16 ? repeatedItems(comparingPairs: items) : repeatedItems(grouping: items)
    }

    /// `repeatedItems` by comparing each item with those before it; at most 16 items.
    static func repeatedItems(comparingPairs items: [Value]) -> [Value] {
        guard items.count <= 16 else { return repeatedItems(grouping: items) }
        var repeated: [Value] = []
        var marked: UInt16 = 0
        for later in items.indices {
            for earlier in 0..<later where items[earlier].languageEquals(items[later]) {
                if marked & (1 << earlier) == 0 {
                    repeated.append(items[earlier])
                    marked |= 1 << earlier
                }
                break
            }
        }
        return repeated
    }

    /// `repeatedItems` by grouping the items by their text first.
    static func repeatedItems(grouping items: [Value]) -> [Value] {
        var groups: [String: [(item: Value, repeated: Bool)]] = [:]
        var repeated: [Value] = []
        for item in items {
            let key = if case .string(let text) = item { "s" + text } else { "" }
            // Changed in place: a group taken out and put back would be copied each time.
            if let index = groups[key, default: []].firstIndex(where: { $0.item.languageEquals(item) }) {
                if let first = groups[key]?[index], !first.repeated { repeated.append(first.item) }
                groups[key]?[index].repeated = true
            } else {
                groups[key, default: []].append((item, false))
            }
        }
        return repeated
    }

    private func rangeProblems(_ value: Value, range: Bounds<Value>, label: String, into out: inout [String]) {
        if let min = range.min?.value, let order = value.languageCompare(min), order < 0 {
            out.append("\(label) must be at least \(Self.display(min)); it is \(Self.display(value))")
        }
        if let max = range.max?.value, let order = value.languageCompare(max), order > 0 {
            out.append("\(label) must be at most \(Self.display(max)); it is \(Self.display(value))")
        }
    }

    private func reportProblems(_ id: ReportID, field: Field, label: String) -> [String] {
        guard let info = context.reportInfo(id) else { return ["\(label) names report '\(id)', which does not exist"] }
        var out: [String] = []
        if info.customer != context.customerID {
            out.append("\(label) names report \(id) of customer \(info.customer), not of \(context.customerID)")
        }
        if let form = field.reportForm?.value, info.form != form {
            out.append("\(label) names report \(id), a \(info.form), not a \(form)")
        }
        if let statuses = field.reportStatuses?.value, !statuses.contains(info.status) {
            out.append(
                "\(label) names report \(id), which is \(info.status.rawValue); it must be \(ReportStatus.phrase(statuses))"
            )
        }
        return out
    }
}
