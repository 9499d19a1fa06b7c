/// `snapshot.dat`: a header line with its own checksum, then the caller's state bytes.
///
/// ```
/// {"v":1,"seq":120,"hash":"<64 hex>","size":5120,"sha256":"<64 hex of the state>"}<TAB><64 hex of the header>
/// <5120 state bytes>
/// ```
enum SnapshotFile {
    /// The header names at most `StoreLimits.maxSnapshotSegments` segments.
    static let maxHeaderBytes = 1024 + 48 * StoreLimits.maxSnapshotSegments

    /// The file's bytes for `snapshot`.
    static func encode(_ snapshot: Snapshot) -> [UInt8] {
        var header = Array(#"{"v":2,"seq":"#.utf8) + Array(String(snapshot.seq).utf8)
        header += Array(#","hash":""#.utf8) + Array(snapshot.hash.utf8)
        header += Array(#"","size":"#.utf8) + Array(String(snapshot.state.count).utf8)
        header += Array(#","sha256":""#.utf8) + Checksum.hex(of: snapshot.state) + Array(#"","segments":["#.utf8)
        for (index, name) in snapshot.segments.enumerated() {
            header += (index == 0 ? [] : [UInt8(ascii: ",")]) + Array("\"\(name)\"".utf8)
        }
        header += Array("]}".utf8)
        let checksum = Checksum.hex(of: header)
        return header + [0x09] + checksum + [0x0a] + snapshot.state
    }

    /// The snapshot in the file at `path`; throws `.corrupt` naming what is wrong.
    static func read(_ path: String, name: String, fileSystem: any StoreFileSystem) throws(StoreError) -> Snapshot {
        let limit = Int64(StoreLimits.maxSnapshotBytes + 4096)
        let bytes = try performIO("reading \(name)") { () throws(FileSystemError) -> [UInt8]? in
            let file = try fileSystem.open(path, mode: .read)
            defer { file.close() }
            let size = try file.size()
            return size <= limit ? try file.read(at: 0, count: Int(size)) : nil
        }
        guard let bytes else {
            throw StoreError(.corrupt, "the snapshot is larger than the limit of \(limit) bytes", file: name)
        }
        return try decode(bytes, name: name)
    }

    /// Decodes and checks a snapshot file's bytes.
    static func decode(_ bytes: [UInt8], name: String) throws(StoreError) -> Snapshot {
        func corrupt(_ message: String) -> StoreError { StoreError(.corrupt, message, file: name) }
        guard let newline = bytes.prefix(maxHeaderBytes).firstIndex(of: 0x0a), newline >= 66,
            bytes[newline - 65] == 0x09
        else { throw corrupt("the snapshot has no checksummed header line") }
        let header = Array(bytes[..<(newline - 65)])
        let stored = Array(bytes[(newline - 64)..<newline])
        guard Checksum.isHex(stored), Checksum.hex(of: header) == stored else {
            throw corrupt("the snapshot header's checksum does not match")
        }
        let fields = header.withUnsafeBufferPointer { buffer -> (UInt64, [UInt8], UInt64, [UInt8], [String])? in
            var cursor = ByteCursor(buffer)
            let version2 = cursor.consume(#"{"v":2,"seq":"#)
            guard version2 || cursor.consume(#"{"v":1,"seq":"#), let seq = cursor.unsigned(),
                cursor.consume(#","hash":""#), let hash = cursor.hex64(), cursor.consume(#"","size":"#),
                let size = cursor.unsigned(), cursor.consume(#","sha256":""#), let digest = cursor.hex64()
            else { return nil }
            var segments: [String] = []
            if version2 {
                guard cursor.consume(#"","segments":["#) else { return nil }
                while !cursor.consume("]") {
                    guard segments.isEmpty || cursor.consume(","), let name = cursor.string(),
                        SegmentFile.isValidName(name)
                    else { return nil }
                    segments.append(name)
                }
                guard cursor.consume("}") else { return nil }
            } else {
                guard cursor.consume(#""}"#) else { return nil }
            }
            guard cursor.isAtEnd else { return nil }
            return (seq, hash, size, digest, segments)
        }
        guard let (seq, hash, size, digest, segments) = fields else {
            throw corrupt("the snapshot header is not in the format v1 or v2 grammar")
        }
        let state = Array(bytes[(newline + 1)...])
        guard UInt64(state.count) == size else {
            throw corrupt("the snapshot holds \(state.count) state bytes; its header says \(size)")
        }
        guard Checksum.hex(of: state) == digest else { throw corrupt("the snapshot state's checksum does not match") }
        return Snapshot(seq: seq, hash: String(decoding: hash, as: UTF8.self), state: state, segments: segments)
    }
}
