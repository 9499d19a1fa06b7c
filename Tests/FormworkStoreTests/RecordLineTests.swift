import FormworkText
import Foundation
import Testing

@testable import FormworkStore

@Suite("record lines and JSON")
struct RecordLineTests {
    @Test(
        "strings survive escaping and parsing",
        arguments: [
            "plain", "quote \" backslash \\ slash /", "line\nfeed\ttab\r\u{08}\u{0C}", "\u{01}\u{1F}\u{7F}",
            "é 🧾 \u{2028}",
        ])
    func stringRoundTrip(text: String) throws {
        var bytes: [UInt8] = []
        JSONString.append(text, to: &bytes)
        #expect(!bytes.contains(0x0a) && !bytes.contains(0x09))
        var index = 0
        let parsed = bytes.withUnsafeBufferPointer { JSONText.parseString($0, at: &index) }
        #expect(parsed == text)
        #expect(index == bytes.count)
        // Foundation reads the same text back.
        let decoded = try JSONDecoder().decode(String.self, from: Data(bytes))
        #expect(decoded == text)
    }

    @Test("escapes a writer other than the store may use are understood")
    func foreignEscapes() {
        let samples: [(String, String?)] = [
            (#""\u00e9\ud83e\uddfe\/""#, "é🧾/"),
            (#""\ud83e""#, nil),
            (#""\udc00x""#, nil),
            (#""\q""#, nil),
            ("\"a\u{01}\"", nil),
            (#""unterminated"#, nil),
        ]
        for (literal, expected) in samples {
            var index = 0
            let parsed = Array(literal.utf8).withUnsafeBufferPointer { JSONText.parseString($0, at: &index) }
            #expect(parsed == expected, "\(literal)")
        }
    }

    @Test(
        "the body validator accepts JSON objects and refuses everything else",
        arguments: [
            (#"{}"#, true), (#" {"a":[1,-2.5e+3,0,true,false,null,"x",{"b":{}}]} "#, true),
            (#"{"a":"\u00e9\n"}"#, true), (#"{"a":1,}"#, false), (#"{"a" 1}"#, false), (#"{"a":01}"#, false),
            (#"{"a":1.}"#, false), (#"{"a":-}"#, false), (#"{"a":tru}"#, false), (#"{"a":[1,]}"#, false),
            (#"{"a":1}{"#, false), (#"[]"#, false), (#"{"a":"\x"}"#, false), (#"{"a":"\u12"}"#, false),
            ("{\"a\":\t1}", false), ("{\"a\":1}\n", false), (#"{1:2}"#, false), ("", false), ("{", false),
        ])
    func validator(body: String, valid: Bool) {
        #expect((JSONText.objectProblem(Array(body.utf8)) == nil) == valid, "\(body)")
    }

    @Test("the body validator refuses exactly the strings that are not valid UTF-8, and says so")
    func validatorUTF8() {
        func verdict(_ inner: [UInt8]) -> (accepted: Bool, oracle: Bool, message: String?) {
            let body = Array(#"{"a":""#.utf8) + inner + Array(#""}"#.utf8)
            let problem = JSONText.objectProblem(body)
            return (problem == nil, String(validating: body, as: UTF8.self) != nil, problem)
        }
        // Valid; overlong and surrogate; beyond U+10FFFF or never a lead; cut short or stray.
        let edges: [[UInt8]] = [
            [0xc3, 0xa9], [0xe5, 0x90, 0x8d], [0xf0, 0x9f, 0x98, 0x80], [0xf4, 0x8f, 0xbf, 0xbf],
            [0xc0, 0x80], [0xc1, 0xbf], [0xe0, 0x80, 0x80], [0xe0, 0x9f, 0xbf], [0xed, 0xa0, 0x80],
            [0xf0, 0x8f, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80, 0x80, 0x80], [0xff], [0x80],
            [0xe5, 0x90], [0xf0, 0x9f, 0x98], [0xc3], [0xe5, 0x41, 0x8d], [0xc3, 0xa9, 0xa9],
        ]
        var cases = edges
        var state: UInt64 = 0x5eed_f00d  // a fixed linear congruential sequence: the same cases every run
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        for _ in 0..<5_000 {
            var inner: [UInt8] = []
            for _ in 0..<Int(next() % 6) {
                switch next() % 4 {
                case 0: inner.append(UInt8(0x20 + next() % 0x5f))
                case 1: inner.append(UInt8(0x80 + next() % 0x80))
                default:
                    let scalar = Unicode.Scalar(UInt32(next() % 0x11_0000)) ?? "x"
                    inner += Array(String(Character(scalar)).utf8)
                }
            }
            cases.append(inner.filter { $0 != 0x22 && $0 != 0x5c && $0 >= 0x20 })
        }
        for inner in cases {
            let (accepted, oracle, message) = verdict(inner)
            #expect(accepted == oracle, "\(inner)")
            if !oracle { #expect(message == "the body is not valid UTF-8", "\(inner)") }
        }
    }

    @Test("the body validator finds a quote, a backslash, a control or a non-ASCII byte at any place in a string")
    func validatorEveryPosition() {
        for length in 1...24 {
            for place in 0..<length {
                func body(_ special: [UInt8]) -> [UInt8] {
                    let text =
                        Array(repeating: UInt8(ascii: "x"), count: place) + special
                        + Array(repeating: UInt8(ascii: "y"), count: length - place - 1)
                    return Array(#"{"a":""#.utf8) + text + Array(#"","b":1}"#.utf8)
                }
                let at = "\(length):\(place)"
                #expect(JSONText.objectProblem(body([0x78])) == nil, "\(at)")
                #expect(JSONText.objectProblem(body([0x5c, 0x22])) == nil, "escaped quote \(at)")
                #expect(JSONText.objectProblem(body([0xc3, 0xa9])) == nil, "é \(at)")
                #expect(JSONText.objectProblem(body([0x22])) != nil, "bare quote \(at)")
                #expect(JSONText.objectProblem(body([0x5c, 0x71])) != nil, "bad escape \(at)")
                #expect(
                    JSONText.objectProblem(body([0x01])) == "a control byte inside a string at byte \(7 + place)",
                    "control \(at)")
                #expect(JSONText.objectProblem(body([0x7f])) == nil, "DEL \(at)")
                #expect(JSONText.objectProblem(body([0xc3])) == "the body is not valid UTF-8", "cut é \(at)")
            }
        }
    }

    /// Readers count on from a line's seq (a batch's next line is seq + 1): a line altered to seq 2^64 - 1, its
    /// checksum written anew, is refused rather than trapping the reader.
    @Test("a seq from 2^62 on is refused", arguments: [RecordLine.seqLimit, UInt64.max])
    func seqIsBounded(seq: UInt64) throws {
        let draft = RecordDraft(kind: "k", actor: "a", time: "2025-01-01T00:00:00Z", body: Array(#"{"x":1}"#.utf8))
        let (line, _) = RecordLine.encode(
            seq: seq, commandID: "c", index: 0, count: 1, draft: draft, prev: Checksum.zeroHexBytes)
        #expect(throws: RecordLine.Defect.self) { try RecordLine.parse(line.dropLast()) }
        let (highest, _) = RecordLine.encode(
            seq: RecordLine.seqLimit - 1, commandID: "c", index: 0, count: 1, draft: draft, prev: Checksum.zeroHexBytes)
        #expect(try RecordLine.parse(highest.dropLast()).seq == RecordLine.seqLimit - 1)
    }

    @Test("a line parses back to what was encoded, and its hash is the SHA-256 of the record bytes")
    func lineRoundTrip() throws {
        let draft = RecordDraft(kind: "k\"", actor: "ü", time: "2025-01-01T00:00:00Z", body: Array(#"{"x":[1]}"#.utf8))
        let (line, hash) = RecordLine.encode(
            seq: 42, commandID: "cmd\\1", index: 1, count: 3, draft: draft, prev: Checksum.zeroHexBytes)
        #expect(line.last == 0x0a)
        #expect(line.filter { $0 == 0x0a }.count == 1)
        let parsed = try RecordLine.parse(line.dropLast())
        #expect(parsed.seq == 42 && parsed.commandID == "cmd\\1" && parsed.index == 1 && parsed.count == 3)
        #expect(parsed.kind == "k\"" && parsed.actor == "ü" && parsed.time == draft.time)
        #expect(parsed.hash == hash)
        #expect(Array(line[parsed.bodyRange]) == draft.body)
        let record = Array(line.dropLast(66))
        #expect(Checksum.hex(of: record) == hash)
        // Standard tools read the record part as JSON.
        let object = try JSONSerialization.jsonObject(with: Data(record)) as? [String: Any]
        #expect(object?["seq"] as? Int == 42)
        #expect(object?["cmd"] as? String == "cmd\\1")
    }

    @Test(
        "numbers are written as String writes them, and the record's bytes are exact",
        arguments: [0, 1, 9, 10, 99, 100, 12_345, UInt64(Int64.max), UInt64.max])
    func numbers(number: UInt64) {
        var bytes: [UInt8] = [0x78]
        RecordLine.appendDecimal(number, to: &bytes)
        #expect(bytes == [0x78] + Array(String(number).utf8))
    }

    @Test("a line's record is the documented bytes")
    func exactRecordBytes() {
        let draft = RecordDraft(kind: "k", actor: "a", time: "t", body: Array(#"{"x":1}"#.utf8))
        let (line, hash) = RecordLine.encode(
            seq: 1_000_007, commandID: "c", index: 10, count: 11, draft: draft, prev: Checksum.zeroHexBytes)
        let record =
            #"{"v":1,"seq":1000007,"cmd":"c","i":10,"n":11,"time":"t","actor":"a","kind":"k","prev":""#
            + Checksum.zeroHex + #"","body":{"x":1}}"#
        #expect(line == Array(record.utf8) + [0x09] + hash + [0x0a])
    }

    @Test("damage is told apart from a bad grammar")
    func defects() throws {
        let (line, _) = RecordLine.encode(
            seq: 1, commandID: "c", index: 0, count: 1, draft: draft(1), prev: Checksum.zeroHexBytes)
        var flipped = Array(line.dropLast())
        flipped[5] ^= 0x01
        #expect(throws: RecordLine.Defect.self) { try RecordLine.parse(flipped[...]) }
        do {
            _ = try RecordLine.parse(flipped[...])
        } catch {
            guard case .damaged = error else { Issue.record("expected damage, got \(error)"); return }
        }
        let record = Array(#"{"v":1,"seq":01}"#.utf8)
        do {
            _ = try RecordLine.parse((record + [0x09] + Checksum.hex(of: record))[...])
            Issue.record("a leading zero was accepted")
        } catch {
            guard case .invalid = error else { Issue.record("expected invalid, got \(error)"); return }
        }
    }

    @Test("the snapshot file round-trips and refuses damage")
    func snapshotFile() throws {
        let snapshot = Snapshot(seq: 9, hash: String(repeating: "ab", count: 32), state: [0, 10, 9, 255])
        let bytes = SnapshotFile.encode(snapshot)
        #expect(try SnapshotFile.decode(bytes, name: "s") == snapshot)
        for position in [3, bytes.count - 1] {
            var damaged = bytes
            damaged[position] ^= 0x01
            let error = #expect(throws: StoreError.self) { try SnapshotFile.decode(damaged, name: "s") }
            #expect(error?.code == .corrupt)
        }
        #expect(throws: StoreError.self) { try SnapshotFile.decode(Array(bytes.dropLast()), name: "s") }
        #expect(throws: StoreError.self) { try SnapshotFile.decode([], name: "s") }
    }

    @Test("a failpoint name parses, and an unknown one is ignored")
    func failpointNames() {
        #expect(Failpoint(rawValue: "after-write-before-fsync") == .afterWriteBeforeFsync)
        #expect(Failpoint.allCases.count == 6)
    }
}
