import FormworkText

extension JSONText {
    /// A strict, non-recursive JSON validator over bytes.
    struct Validator {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        /// `nil` when the bytes are one JSON object with only spaces around it.
        ///
        /// The problems are reported in this order: a line break or tab, invalid UTF-8, then the grammar. The
        /// grammar is checked first all the same, since a body that parses can hold no line break or tab (only
        /// spaces are allowed between tokens, and no control byte inside a string): the search for them runs
        /// only to name the problem of a body that is refused anyway.
        mutating func objectProblem() -> String? {
            // A body that parses is also valid UTF-8: every byte outside a string is ASCII, and `string()` checks
            // the UTF-8 of every string. Only a refused body is searched again, to name its first problem.
            guard let grammar = grammarProblem() else { return nil }
            if let control = bytes.firstIndex(where: { $0 == 0x0a || $0 == 0x0d || $0 == 0x09 }) {
                let name = bytes[control] == 0x09 ? "a tab" : "a line break"
                return "the body contains \(name) at byte \(control + 1); encode it as compact JSON"
            }
            if String(validating: bytes, as: UTF8.self) == nil { return "the body is not valid UTF-8" }
            return grammar
        }

        /// What breaks the grammar (or the UTF-8 of a string) of one object with only spaces around it, if anything.
        private mutating func grammarProblem() -> String? {
            position = 0
            skipSpaces()
            guard position < bytes.count, bytes[position] == 0x7b else {
                return "the body must be a JSON object (starting with '{')"
            }
            if let problem = value() { return problem }
            skipSpaces()
            guard position == bytes.count else { return "unexpected bytes after the object at byte \(position + 1)" }
            return nil
        }

        private mutating func skipSpaces() {
            while position < bytes.count, bytes[position] == 0x20 { position += 1 }
        }

        /// Validates one value starting at `position` (after spaces), using an explicit stack for nesting.
        private mutating func value() -> String? {
            // Each stack entry: true for an object, false for an array.
            var stack: [Bool] = []
            var expectValue = true
            while true {
                skipSpaces()
                guard position < bytes.count else { return "the JSON ends too early" }
                if expectValue {
                    let byte = bytes[position]
                    switch byte {
                    case 0x7b, 0x5b:
                        guard stack.count < StoreLimits.maxBodyDepth else {
                            return "the body nests deeper than \(StoreLimits.maxBodyDepth) levels"
                        }
                        let isObject = byte == 0x7b
                        stack.append(isObject)
                        position += 1
                        skipSpaces()
                        guard position < bytes.count else { return "the JSON ends too early" }
                        if bytes[position] == (isObject ? 0x7d : 0x5d) {
                            position += 1
                            stack.removeLast()
                            expectValue = false
                        } else if isObject {
                            if let problem = key() { return problem }
                        }
                        // Loop on: an array expects a value; an object's key() consumed "key:" already.
                        if stack.isEmpty && !expectValue { return nil }
                        continue
                    case 0x22:
                        if let problem = string() { return problem }
                    case 0x74: if let problem = literal("true") { return problem }
                    case 0x66: if let problem = literal("false") { return problem }
                    case 0x6e: if let problem = literal("null") { return problem }
                    case 0x2d, 0x30...0x39: if let problem = number() { return problem }
                    default: return "unexpected byte at \(position + 1)"
                    }
                    expectValue = false
                    if stack.isEmpty { return nil }
                    continue
                }
                // After a value: a comma, or the end of the innermost container.
                guard let isObject = stack.last else { return nil }
                let byte = bytes[position]
                if byte == 0x2c {
                    position += 1
                    if isObject, let problem = key() { return problem }
                    expectValue = true
                } else if byte == (isObject ? 0x7d : 0x5d) {
                    position += 1
                    stack.removeLast()
                    if stack.isEmpty { return nil }
                } else {
                    return "expected ',' or '\(isObject ? "}" : "]")' at byte \(position + 1)"
                }
            }
        }

        /// A key and its colon.
        private mutating func key() -> String? {
            skipSpaces()
            guard position < bytes.count, bytes[position] == 0x22 else {
                return "expected a key at byte \(position + 1)"
            }
            if let problem = string() { return problem }
            skipSpaces()
            guard position < bytes.count, bytes[position] == 0x3a else {
                return "expected ':' at byte \(position + 1)"
            }
            position += 1
            return nil
        }

        /// A string, from its opening quote: escapes, no control byte, and valid UTF-8.
        private mutating func string() -> String? {
            let start = position
            let count = bytes.count
            var index = position + 1
            defer { position = index }
            while index < count {
                if let base = bytes.baseAddress {
                    let raw = UnsafeRawPointer(base)
                    while index + 8 <= count,
                        JSONString.isPlainASCII(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                    {
                        index += 8
                    }
                    if index >= count { break }
                }
                let byte = bytes[index]
                // Most bytes are plain ASCII text: one comparison chain, then on.
                if byte >= 0x20 && byte < 0x80 && byte != 0x22 && byte != 0x5c {
                    index += 1
                    continue
                }
                if byte == 0x22 {
                    index += 1
                    return nil
                }
                if byte < 0x20 { return "a control byte inside a string at byte \(index + 1)" }
                if byte >= 0x80 {
                    guard let length = UTF8Sequence.length(in: bytes, at: index) else {
                        return "invalid UTF-8 at byte \(index + 1)"
                    }
                    index += length
                    continue
                }
                // A backslash.
                guard index + 1 < count else { break }
                let escape = bytes[index + 1]
                if escape == 0x75 {
                    guard index + 6 <= count, bytes[(index + 2)..<(index + 6)].allSatisfy({ Self.isHexDigit($0) })
                    else { return "a bad \\u escape at byte \(index + 1)" }
                    index += 6
                    continue
                }
                guard [0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74].contains(escape) else {
                    return "a bad escape at byte \(index + 1)"
                }
                index += 2
            }
            index = count
            return "an unterminated string starting at byte \(start + 1)"
        }

        private mutating func literal(_ word: StaticString) -> String? {
            let count = word.utf8CodeUnitCount
            guard position + count <= bytes.count else { return "unexpected end at byte \(position + 1)" }
            let expected = UnsafeBufferPointer(start: word.utf8Start, count: count)
            for offset in 0..<count where bytes[position + offset] != expected[offset] {
                return "unexpected byte at \(position + offset + 1)"
            }
            position += count
            return nil
        }

        private mutating func number() -> String? {
            let start = position
            if bytes[position] == 0x2d { position += 1 }
            guard position < bytes.count, Self.isDigit(bytes[position]) else {
                return "a bad number at byte \(start + 1)"
            }
            if bytes[position] == 0x30 {
                position += 1
            } else {
                while position < bytes.count, Self.isDigit(bytes[position]) { position += 1 }
            }
            if position < bytes.count, bytes[position] == 0x2e {
                position += 1
                guard position < bytes.count, Self.isDigit(bytes[position]) else {
                    return "a bad number at byte \(start + 1)"
                }
                while position < bytes.count, Self.isDigit(bytes[position]) { position += 1 }
            }
            if position < bytes.count, bytes[position] == 0x65 || bytes[position] == 0x45 {
                position += 1
                if position < bytes.count, bytes[position] == 0x2b || bytes[position] == 0x2d { position += 1 }
                guard position < bytes.count, Self.isDigit(bytes[position]) else {
                    return "a bad number at byte \(start + 1)"
                }
                while position < bytes.count, Self.isDigit(bytes[position]) { position += 1 }
            }
            return nil
        }

        private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

        private static func isHexDigit(_ byte: UInt8) -> Bool {
            isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
        }
    }
}
