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

    /// The answers by field id, or why they cannot be read (exit 65 for bad data, 66 for a missing file).
    func answers(readingStdin: () -> [UInt8]) -> Result<[String: Answer], SessionFailure> {
        var answers: [String: Answer] = [:]
        if let from {
            let bytes: [UInt8]
            if from == "-" {
                bytes = readingStdin()
            } else {
                guard let data = FileManager.default.contents(atPath: from) else {
                    return .failure(SessionFailure(.missingFile, "formwork: cannot read answers file '\(from)'"))
                }
                bytes = [UInt8](data)
            }
            guard bytes.count <= Self.maxBytes else {
                return .failure(SessionFailure(.invalidData, "formwork: the answers file is larger than 1 MiB"))
            }
            let value: JSONValue
            do {
                value = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
            } catch {
                return .failure(
                    SessionFailure(.invalidData, "formwork: '\(from)' is not valid JSON: \(Self.describe(error))"))
            }
            guard case .object(let object) = value else {
                return .failure(
                    SessionFailure(.invalidData, "formwork: '\(from)' must hold one JSON object of answers by field id")
                )
            }
            for (key, item) in object { answers[key] = .json(item) }
        }
        for pair in set {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                return .failure(SessionFailure(.usage, "formwork: --set takes FIELD=VALUE, not '\(pair)'"))
            }
            answers[String(pair[..<equals])] = .text(String(pair[pair.index(after: equals)...]))
        }
        return .success(answers)
    }

    static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error { return context.debugDescription }
        return "\(error)"
    }
}
