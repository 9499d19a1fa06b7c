/// Why an answer could not be read as a value of its field's type, in words.
struct ParseFailure: Error, ExpressibleByStringInterpolation {
    var message: String

    init(stringLiteral value: String) { message = value }

    init(stringInterpolation: DefaultStringInterpolation) { message = String(stringInterpolation: stringInterpolation) }
}
