import FormworkDefinitions
import FormworkLanguage

/// The words of a history line, written as UTF-8 bytes and made a `String` once.
///
/// A snapshot writes the words of every line the engine kept as `HistoryWords`, so a full replay writes millions;
/// appending to a `String` part by part (what `"\(…)"` does) cost several times the bytes. Interpolation reads as
/// it does for a `String`: `"step \(step) opened for \(names)"`; each line is one interpolation into one buffer.
struct HistoryText: ExpressibleByStringInterpolation {
    /// Literals are static: their bytes are copied as they are, without making a `String` of them first.
    typealias StringLiteralType = StaticString

    private var bytes: [UInt8]

    init(stringLiteral literal: StaticString) {
        bytes = literal.withUTF8Buffer { Array($0) }
    }

    init(stringInterpolation: Interpolation) {
        bytes = stringInterpolation.bytes
    }

    /// The text as a `String`.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    private static func append(_ part: String, to bytes: inout [UInt8]) {
        var part = part
        part.withUTF8 { bytes.append(contentsOf: $0) }
    }

    struct Interpolation: StringInterpolationProtocol {
        fileprivate var bytes: [UInt8] = []

        init(literalCapacity: Int, interpolationCount: Int) {
            // Room for the ids and names of a typical line, so that it is allocated once.
            bytes.reserveCapacity(max(64, literalCapacity + 16 * interpolationCount))
        }

        mutating func appendLiteral(_ literal: StaticString) {
            literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }

        mutating func appendInterpolation(_ part: String) {
            HistoryText.append(part, to: &bytes)
        }

        mutating func appendInterpolation<Tag>(_ id: Identifier<Tag>) {
            HistoryText.append(id.rawValue, to: &bytes)
        }

        /// Anything else as its `description`, which is what `"\(…)"` writes for these values.
        mutating func appendInterpolation(_ value: some CustomStringConvertible) {
            HistoryText.append(value.description, to: &bytes)
        }

        /// The ids separated by commas, as `joined(separator: ", ")` writes them.
        mutating func appendInterpolation<Tag>(_ ids: [Identifier<Tag>]) {
            for (index, id) in ids.enumerated() {
                if index > 0 { bytes += [0x2c, 0x20] }
                HistoryText.append(id.rawValue, to: &bytes)
            }
        }

        /// `value` between `before` and `after`; nothing at all when there is none. An optional part of a line is
        /// written in the line's one interpolation, not made a text of its own.
        mutating func appendInterpolation(
            _ value: (some CustomStringConvertible)?, before: StaticString, after: StaticString = ""
        ) {
            guard let value else { return }
            appendLiteral(before)
            appendInterpolation(value)
            appendLiteral(after)
        }
    }
}
