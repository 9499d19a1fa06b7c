import Foundation

extension String {
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, answered without Foundation when the text
    /// starts and ends with a visible ASCII character (nearly every answer), since nothing is trimmed then.
    var trimmedOfSpacesAndNewlines: String {
        isTrimmedASCII ? self : trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `trimmingCharacters(in: .whitespaces)`, with the same shortcut.
    var trimmedOfSpaces: String {
        isTrimmedASCII ? self : trimmingCharacters(in: .whitespaces)
    }

    /// Whether the first and last characters are visible ASCII (`!` to `~`): then no character set of
    /// spaces or line breaks trims anything.
    var isTrimmedASCII: Bool {
        guard let first = utf8.first, let last = utf8.last else { return false }
        return (0x21...0x7e).contains(first) && (0x21...0x7e).contains(last)
    }
}
