/// The little JSON the store writes and reads itself: string escaping, string parsing, and a strict validator
/// for bodies (RFC 8259, compact: no raw line feeds, carriage returns or tabs, so a record stays on one line).
enum JSONText {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `text` as a JSON string literal (with quotes), escaping quotes, backslashes and control bytes.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(0x22)
        var text = text
        text.withUTF8 { utf8 in
            // Runs of bytes that need no escape are copied whole.
            var start = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5c else { continue }
                if index > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index])) }
                start = index + 1
                switch byte {
                case 0x22: out += [0x5c, 0x22]
                case 0x5c: out += [0x5c, 0x5c]
                case 0x0a: out += [0x5c, 0x6e]
                case 0x0d: out += [0x5c, 0x72]
                case 0x09: out += [0x5c, 0x74]
                case 0x08: out += [0x5c, 0x62]
                case 0x0c: out += [0x5c, 0x66]
                default:
                    out += [0x5c, 0x75, 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0f)]]
                }
            }
            if utf8.count > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count])) }
        }
        out.append(0x22)
    }

    /// Parses the JSON string literal starting at `index` (its opening quote); on success moves `index` past
    /// the closing quote. `nil` for a malformed literal or one that is not valid UTF-8.
    static func parseString(_ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int) -> String? {
        guard index < bytes.count, bytes[index] == 0x22 else { return nil }
        var position = index + 1
        let start = position
        var hasEscape = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x22 { break }
            if byte < 0x20 { return nil }
            if byte == 0x5c {
                hasEscape = true
                position += 2
            } else {
                position += 1
            }
        }
        guard position < bytes.count, bytes[position] == 0x22 else { return nil }
        let end = position
        index = end + 1
        if !hasEscape {
            return String(validating: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(end - start)
        var cursor = start
        while cursor < end {
            let byte = bytes[cursor]
            guard byte == 0x5c else {
                decoded.append(byte)
                cursor += 1
                continue
            }
            guard cursor + 1 < end else { return nil }
            let escape = bytes[cursor + 1]
            cursor += 2
            switch escape {
            case 0x22, 0x5c, 0x2f: decoded.append(escape)
            case 0x62: decoded.append(0x08)
            case 0x66: decoded.append(0x0c)
            case 0x6e: decoded.append(0x0a)
            case 0x72: decoded.append(0x0d)
            case 0x74: decoded.append(0x09)
            case 0x75:
                guard var scalar = hexValue(bytes, at: cursor, end: end) else { return nil }
                cursor += 4
                if (0xD800..<0xDC00).contains(scalar) {
                    guard cursor + 6 <= end, bytes[cursor] == 0x5c, bytes[cursor + 1] == 0x75,
                        let low = hexValue(bytes, at: cursor + 2, end: end), (0xDC00..<0xE000).contains(low)
                    else { return nil }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    cursor += 6
                } else if (0xDC00..<0xE000).contains(scalar) {
                    return nil
                }
                guard let unicode = Unicode.Scalar(scalar) else { return nil }
                decoded += Array(String(Character(unicode)).utf8)
            default: return nil
            }
        }
        return String(validating: decoded, as: UTF8.self)
    }

    private static func hexValue(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> UInt32? {
        guard index + 4 <= end else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[index + offset]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }

    /// `nil` when `bytes` is one compact JSON object (spaces around it allowed); otherwise why not.
    static func objectProblem(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var validator = Validator(bytes: bytes)
        return validator.objectProblem()
    }

    /// `nil` when `bytes` is one compact JSON object; otherwise why not.
    static func objectProblem(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { objectProblem($0) }
    }
}
