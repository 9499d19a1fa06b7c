public import ArgumentParser
import FormworkEngine
import Foundation

/// Answers given on the command line (`--set FIELD=VALUE`, repeatable) or in a JSON file (`--from`).
public struct AnswerOptions: ParsableArguments, Sendable {
    @Option(
        name: .customLong("set"), help: ArgumentHelp("An answer, FIELD=VALUE (repeatable).", valueName: "FIELD=VALUE"))
    public var set: [String] = []

    @Option(
        name: .customLong("from"),
        help: ArgumentHelp("Answers as one JSON object, from a file or - for stdin.", valueName: "FILE"))
    public var from: String?

    public init() {}

    /// True when no answer is given on the command line (neither `--set` nor `--from`).
    var isEmpty: Bool { self.set.isEmpty && from == nil }

    /// Largest answers file read.
    static let maxBytes = 1 << 20

    /// The answers by field id (the file's sorted by id, then each `--set` in its place or after them), or why they
    /// cannot be read (exit 65 for bad data, 66 for a missing file).
    func answers(readingStdin: () -> [UInt8]) -> Result<GivenAnswers, SessionFailure> {
        var answers = GivenAnswers()
        if let from {
            let bytes: [UInt8]
            if from == "-" {
                bytes = readingStdin()
            } else {
                // At most one byte more than the limit is read, so that a larger file is noticed, not loaded.
                // (`read(upToCount:)` gives nil at the end of the file: an empty file is empty, not unreadable.)
                guard let file = FileHandle(forReadingAtPath: from),
                    case .success(let data) = Result(catching: { try file.read(upToCount: Self.maxBytes + 1) })
                else {
                    return .failure(SessionFailure(.missingFile, "formwork: cannot read answers file '\(from)'"))
                }
                try? file.close()
                bytes = [UInt8](data ?? Data())
            }
            guard bytes.count <= Self.maxBytes else {
                return .failure(SessionFailure(.invalidData, "formwork: the answers file is larger than 1 MiB"))
            }
            let value: JSONValue
            do {
                value = try JSONValue.parse(bytes)
            } catch {
                let name = from == "-" ? "standard input" : "'\(from)'"
                return .failure(SessionFailure(.invalidData, "formwork: \(name) is not valid JSON answers: \(error)"))
            }
            guard case .object(let object) = value else {
                return .failure(
                    SessionFailure(.invalidData, "formwork: '\(from)' must hold one JSON object of answers by field id")
                )
            }
            answers = GivenAnswers(object.mapValues { .json($0) })
        }
        // A `--set` overrides the file's answer to its field; two `--set`s of one field would leave one of them
        // unread, so that is refused rather than one silently winning.
        var given: Set<String> = []
        for pair in set {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                return .failure(SessionFailure(.usage, "formwork: --set takes FIELD=VALUE, not '\(pair)'"))
            }
            let field = String(pair[..<equals])
            guard given.insert(field).inserted else {
                return .failure(
                    SessionFailure(.usage, "formwork: --set gives '\(field)' twice; give each field one answer"))
            }
            answers[field] = .text(String(pair[pair.index(after: equals)...]))
        }
        return .success(answers)
    }
}
