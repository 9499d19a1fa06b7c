import ArgumentParser
import Foundation
import Yams

/// Parses its arguments, reads a line of YAML and prints a greeting with the time: the work every
/// command of a Swift CLI of this kind does before its own.
struct Hello: ParsableCommand {
    @Option(help: "Who to greet.") var name = "world"

    func run() throws {
        let settings = try Yams.load(yaml: "greeting: hello\n") as? [String: String]
        print("\(settings?["greeting"] ?? "hello"), \(name) at \(Date().timeIntervalSince1970)")
    }
}

Hello.main()
