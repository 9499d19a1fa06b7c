public import Foundation

extension Value {
    /// The language's `==`: numbers compare by value (`1 == 1.0`), text by Unicode scalars, lists and
    /// records field by field, datetimes by instant; `null` equals only `null`.
    public func languageEquals(_ other: Value) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        case (.bool(let left), .bool(let right)): return left == right
        case (.string(let left), .string(let right)): return left.unicodeScalars.elementsEqual(right.unicodeScalars)
        case (.date(let left), .date(let right)): return left == right
        case (.datetime(let left), .datetime(let right)): return left == right
        case (.list(let left), .list(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { $0.languageEquals($1) }
        case (.record(let left), .record(let right)):
            return left.fields.count == right.fields.count
                && zip(left.fields, right.fields).allSatisfy { $0.name == $1.name && $0.value.languageEquals($1.value) }
        default:
            if let left = numericValue, let right = other.numericValue { return left == right }
            return false
        }
    }

    /// The language's ordering: `-1`, `0` or `1` for two numbers, two texts (by Unicode scalars), two dates or
    /// two datetimes; `nil` when the values cannot be ordered against each other (including null).
    public func languageCompare(_ other: Value) -> Int? {
        switch (self, other) {
        case (.string(let left), .string(let right)):
            return Value.compareScalars(left.unicodeScalars, right.unicodeScalars)
        case (.date(let left), .date(let right)):
            return left == right ? 0 : (left < right ? -1 : 1)
        case (.datetime(let left), .datetime(let right)):
            return left == right ? 0 : (left < right ? -1 : 1)
        case (.int(let left), .int(let right)):
            return left == right ? 0 : (left < right ? -1 : 1)
        default:
            guard var left = numericValue, var right = other.numericValue else { return nil }
            if left.isNaN || right.isNaN { return left == right ? 0 : (left < right ? -1 : 1) }
            if let order = DecimalText.compare(left, right) { return order }
            // One comparison instead of `==` then `<`: a Decimal comparison aligns both numbers first.
            switch NSDecimalCompare(&left, &right) {
            case .orderedSame: return 0
            case .orderedAscending: return -1
            case .orderedDescending: return 1
            }
        }
    }

    /// The value as a `Decimal` when it is a number.
    public var numericValue: Decimal? {
        switch self {
        case .int(let number): Decimal(number)
        case .decimal(let number): number
        default: nil
        }
    }

    private static func compareScalars(_ left: String.UnicodeScalarView, _ right: String.UnicodeScalarView) -> Int {
        var leftIterator = left.makeIterator()
        var rightIterator = right.makeIterator()
        while true {
            switch (leftIterator.next(), rightIterator.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let leftScalar?, let rightScalar?):
                if leftScalar != rightScalar { return leftScalar.value < rightScalar.value ? -1 : 1 }
            }
        }
    }
}
