import FormworkText

/// The little JSON the store reads itself: string parsing, and a strict validator for bodies (RFC 8259,
/// compact: no raw line feeds, carriage returns or tabs, so a record stays on one line). Strings are written by
/// `JSONString.append` of FormworkText, which the engine's encoders share.
enum JSONText {
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
