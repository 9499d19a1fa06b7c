import Crypto
package import FormworkDiagnostics

/// A loaded form set as the compiled-form-set cache keeps it: the model, the findings of its load
/// (warnings only: a set with errors is never kept), the digest of the files it came from and the
/// build that wrote it. See docs/design/compiled-form-sets.md.
///
/// Bytes: `FWSET05\n`, the SHA-256 of the rest, then the rest (a string table and the model, written
/// by `BinaryWriter`). A damaged or foreign entry decodes to nil, never to another form set.
package struct CompiledFormSet: Sendable {
    package var salt: String
    package var contentDigest: String
    package var diagnostics: [Diagnostic]
    package var formSet: FormSet

    static let magic: [UInt8] = Array("FWSET05\n".utf8)

    package init(salt: String, contentDigest: String, diagnostics: [Diagnostic], formSet: FormSet) {
        self.salt = salt
        self.contentDigest = contentDigest
        self.diagnostics = diagnostics
        self.formSet = formSet
    }

    package var bytes: [UInt8] {
        var writer = BinaryWriter()
        writer.string(salt)
        writer.string(contentDigest)
        writer.array(diagnostics) { $0.diagnostic($1) }
        writer.formSet(formSet)
        return Self.sealed(writer.bytes)
    }

    /// An entry's bytes around `payload`: the magic and the payload's SHA-256 before it.
    package static func sealed(_ payload: [UInt8]) -> [UInt8] {
        magic + Array(SHA256.hash(data: payload)) + payload
    }

    /// Where an entry's payload starts.
    package static let payloadOffset = magic.count + 32

    package init?(bytes: [UInt8]) {
        let headerSize = Self.payloadOffset
        guard bytes.count > headerSize, bytes.starts(with: Self.magic) else { return nil }
        let payload = Array(bytes[headerSize...])
        guard Array(SHA256.hash(data: payload)).elementsEqual(bytes[Self.magic.count..<headerSize]) else { return nil }
        do {
            var reader = try BinaryReader(payload)
            salt = try reader.string()
            contentDigest = try reader.string()
            diagnostics = try reader.array { r in try r.diagnostic() }
            formSet = try reader.formSet()
            guard reader.isAtEnd else { return nil }
        } catch {
            return nil
        }
    }
}
