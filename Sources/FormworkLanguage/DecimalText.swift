package import Foundation

/// A `Decimal` written out from its fields instead of by Foundation's `description`, which divides
/// by ten once per digit (the largest cost of routing a report and of writing its events).
///
/// Foundation does not expose a decimal's mantissa and exponent on Linux, so they are read from the
/// value's memory: exponent (`Int8`), length and sign bits, then the mantissa as eight `UInt16`s. The
/// reading is checked once against `description` on sample values; when the layout is not the one
/// expected, or the mantissa is zero or wider than 64 bits, `description` answers.
package enum DecimalText {
    /// Exactly `number.description`.
    package static func description(_ number: Decimal) -> String {
        guard layoutVerified, let fields = fields(of: number) else { return number.description }
        return format(fields, canonical: false)
    }

    /// `number.description` without trailing zeros after the point and without a negative zero:
    /// `12.5`, `-3`, `0` (the canonical text of a revision and the journal's `{"decimal": …}`).
    package static func canonical(_ number: Decimal) -> String {
        guard layoutVerified, let fields = fields(of: number) else { return slowCanonical(number) }
        return format(fields, canonical: true)
    }

    /// The number a plain decimal text stands for (`1200`, `-3.25`, `0.0001`: a `-`, digits, and a fraction of
    /// digits after a point), exactly as `Decimal(string:locale:)` reads it in the POSIX locale, which is how
    /// every other text (an exponent, a `+`, more than 19 significant digits, a zero with a fraction) is read.
    ///
    /// The first `Locale` a process makes sets up ICU, ~0.3 ms of a command that reads its form set's bounds and
    /// its journal's numbers; a plain text does not need it.
    package static func parse(_ text: String) -> Decimal? {
        if let number = plain(text) { return number }
        return Decimal(string: text, locale: posix)
    }

    /// `sign digits × 10^exponent` as `Decimal(string: "[-]digits" + "e" + exponent)` reads it, for `digits` of
    /// at most 38 significant digits without zeros at either end and with no sign.
    package static func value(negative: Bool, digits: Substring, exponent: Int) -> Decimal? {
        if digits.utf8.count <= 19, (-100...100).contains(exponent), let mantissa = UInt64(digits), mantissa > 0 {
            return Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(mantissa))
        }
        return Decimal(string: (negative ? "-" : "") + digits + "e" + String(exponent), locale: posix)
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// The fast path of `parse`: nil for any text it does not read exactly as Foundation does.
    ///
    /// Read from the text's contiguous UTF-8 (every `String` made from bytes has it): stepping a `String`'s view
    /// cost ~50 instructions a byte, and the compiled form set of an org of 500 reps holds two thousand numbers.
    package static func plain(_ text: String) -> Decimal? {
        var text = text
        return text.withUTF8 { plain(bytes: $0) }
    }

    private static func plain(bytes: UnsafeBufferPointer<UInt8>) -> Decimal? {
        var utf8 = bytes[...]
        let negative = utf8.first == UInt8(ascii: "-")
        if negative { utf8 = utf8.dropFirst() }
        var mantissa: UInt64 = 0
        var significant = 0
        var integerDigits = 0
        var fractionDigits = 0
        var inFraction = false
        for byte in utf8 {
            if byte == UInt8(ascii: ".") {
                guard !inFraction, integerDigits > 0 else { return nil }
                inFraction = true
                continue
            }
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            if inFraction { fractionDigits += 1 } else { integerDigits += 1 }
            if mantissa == 0 && byte == 0x30 { continue }
            significant += 1
            guard significant <= 19 else { return nil }
            mantissa = mantissa * 10 + UInt64(byte - 0x30)
        }
        guard integerDigits > 0, !inFraction || fractionDigits > 0, fractionDigits <= 100 else { return nil }
        // Foundation keeps the exponent of a zero written with a fraction (`0.00`): left to it.
        guard mantissa > 0 else { return fractionDigits == 0 ? Decimal() : nil }
        return Decimal(sign: negative ? .minus : .plus, exponent: -fractionDigits, significand: Decimal(mantissa))
    }

    /// `canonical(_:)` from Foundation's `description`: the definition the fast path must agree with.
    package static func slowCanonical(_ number: Decimal) -> String {
        var text = number.description
        if text.utf8.contains(UInt8(ascii: ".")) {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "-0" || text.isEmpty { text = "0" }
        return text
    }

    /// Whether reading the fields gives Foundation's answers on this platform.
    package static let layoutVerified: Bool = {
        guard MemoryLayout<Decimal>.size == 20 else { return false }
        // (Made from their digits: reading texts would set up a locale, which the checked paths avoid.)
        // One to four 16-bit words of mantissa, both signs, exponents either side of zero, a point within, before
        // and after the digits: six numbers, because Foundation's `description` costs a command's start ~20 µs
        // each (the tests compare the two on 20,000 random numbers).
        let samples: [(Bool, UInt64, Int)] = [
            (true, 12345, -2), (false, 1, -4), (false, 1, 10), (false, 31_415_926_535, -10),
            (false, 18_446_744_073_709_551_615, -2), (false, 120_050, -2),
        ]
        for (negative, mantissa, exponent) in samples {
            let number = Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(mantissa))
            guard let fields = fields(of: number), format(fields, canonical: false) == number.description,
                format(fields, canonical: true) == slowCanonical(number)
            else { return false }
        }
        return fields(of: Decimal()) == nil
    }()

    /// `NSDecimalCompare(left, right)` as -1, 0 or 1, worked out exactly on the fields when both are read
    /// (zero included) and aligning their exponents keeps the mantissas within 64 bits; nil otherwise.
    ///
    /// Foundation aligns the exponents too before comparing the mantissas, exactly while the mantissas fit in
    /// its 128 bits: the same order, without its copies and long multiplications.
    package static func compare(_ left: Decimal, _ right: Decimal) -> Int? {
        guard layoutVerified, let left = signedFields(of: left), let right = signedFields(of: right) else {
            return nil
        }
        if left.negative != right.negative { return left.negative ? -1 : 1 }
        var (leftMantissa, rightMantissa) = (left.mantissa, right.mantissa)
        if leftMantissa != 0 && rightMantissa != 0 {
            var (leftExponent, rightExponent) = (left.exponent, right.exponent)
            while leftExponent > rightExponent {
                let (scaled, overflow) = leftMantissa.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                leftMantissa = scaled
                leftExponent -= 1
            }
            while rightExponent > leftExponent {
                let (scaled, overflow) = rightMantissa.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                rightMantissa = scaled
                rightExponent -= 1
            }
        }
        let order = leftMantissa == rightMantissa ? 0 : (leftMantissa < rightMantissa ? -1 : 1)
        return left.negative ? -order : order
    }

    /// The fields of a number, zero included (a zero mantissa, not negative); nil for NaN and what `fields`
    /// does not read.
    private static func signedFields(of number: Decimal) -> Fields? {
        if let fields = fields(of: number) { return fields }
        let zero = withUnsafeBytes(of: number) { raw in raw.count == 20 && raw[1] >> 4 == 0 && raw[1] & 0x08 == 0 }
        return zero ? Fields(mantissa: 0, exponent: 0, negative: false) : nil
    }

    private struct Fields: Equatable {
        var mantissa: UInt64
        var exponent: Int
        var negative: Bool
    }

    private static func fields(of number: Decimal) -> Fields? {
        withUnsafeBytes(of: number) { raw -> Fields? in
            guard raw.count == 20 else { return nil }
            let length = Int(raw[1] >> 4)
            guard length >= 1 && length <= 4 else { return nil }
            for index in length..<8 where raw[4 + 2 * index] != 0 || raw[5 + 2 * index] != 0 { return nil }
            var mantissa: UInt64 = 0
            for index in stride(from: length - 1, through: 0, by: -1) {
                mantissa = mantissa << 16 | UInt64(raw[4 + 2 * index]) | UInt64(raw[5 + 2 * index]) << 8
            }
            guard mantissa != 0 else { return nil }
            return Fields(mantissa: mantissa, exponent: Int(Int8(bitPattern: raw[0])), negative: raw[1] & 0x08 != 0)
        }
    }

    /// `±mantissa × 10^exponent` without an exponent; `canonical` drops trailing zeros after the point.
    ///
    /// Written from the last byte back straight into the string's storage: the length is known from the count
    /// of digits, so no digit array is made and reversed.
    private static func format(_ fields: Fields, canonical: Bool) -> String {
        var rest = fields.mantissa
        var exponent = fields.exponent
        if canonical {
            while exponent < 0 && rest % 10 == 0 {
                rest /= 10
                exponent += 1
            }
        }
        var digitCount = 0
        var scan = rest
        repeat {
            digitCount += 1
            scan /= 10
        } while scan > 0
        let sign = fields.negative ? 1 : 0
        // Digits then zeros; digits with a point among them; or "0." then zeros then the digits.
        let (length, fraction, leadingZeros): (Int, Int, Int) =
            if exponent >= 0 {
                (sign + digitCount + exponent, 0, 0)
            } else if digitCount > -exponent {
                (sign + digitCount + 1, -exponent, 0)
            } else {
                (sign + 2 - exponent, 0, -exponent - digitCount)
            }
        return String(unsafeUninitializedCapacity: length) { out in
            var position = length
            func put(_ byte: UInt8) {
                position -= 1
                out[position] = byte
            }
            for _ in 0..<max(0, exponent) { put(0x30) }
            var written = 0
            repeat {
                if written == fraction && fraction > 0 { put(0x2e) }
                put(UInt8(truncatingIfNeeded: rest % 10) + 0x30)
                rest /= 10
                written += 1
            } while rest > 0
            if exponent < 0 && fraction == 0 {
                for _ in 0..<leadingZeros { put(0x30) }
                put(0x2e)
                put(0x30)
            }
            if sign == 1 { put(0x2d) }
            return length
        }
    }
}
