import FormworkDefinitions
import FormworkLanguage

/// The words of a history line, written as UTF-8 bytes and made a `String` once.
///
/// Every event adds a line or two, so they are built on the hot path of every command and of every
/// replay; appending to a `String` part by part (what `"\(…)"` does) cost several times the bytes.
/// Interpolation reads as it does for a `String`: `"step \(step) opened for \(names)"`.
struct HistoryText: ExpressibleByStringInterpolation {
    /// Literals are static: their bytes are copied as they are, without making a `String` of them first.
    typealias StringLiteralType = StaticString

    private var bytes: [UInt8]

    /// An empty text with room for a typical line.
    init() {
        bytes = []
        bytes.reserveCapacity(96)
    }

    init(stringLiteral literal: StaticString) {
        bytes = literal.withUTF8Buffer { Array($0) }
    }

    init(stringInterpolation: Interpolation) {
        bytes = stringInterpolation.bytes
    }

    /// The text as a `String`.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ more: HistoryText) {
        bytes += more.bytes
    }

    /// The ids separated by commas, as `joined(separator: ", ")` writes them.
    mutating func append<Tag>(_ ids: [Identifier<Tag>]) {
        for (index, id) in ids.enumerated() {
            if index > 0 { bytes += [0x2c, 0x20] }
            Self.append(id.rawValue, to: &bytes)
        }
    }

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
    }
}
