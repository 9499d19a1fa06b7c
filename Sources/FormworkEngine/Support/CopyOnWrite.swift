/// A value held by reference and copied on write: a copy of a `CopyOnWrite` is one retain, however many parts the
/// value has, and a change copies the value only when another copy shares it.
///
/// For the engine's large records (a report's, a customer's): a guard or a query that takes one hands it on by one
/// reference count, where a copy of the value itself retains and releases each of its strings and arrays (natively,
/// those atomic counts were the largest single cost of an approval flow: docs/design/slot-indexed-engine.md).
///
/// The value lives in a `ManagedBuffer`'s header, read and changed in place through its addressors: a class's stored
/// property would check exclusive access at run time on every read and change.
struct CopyOnWrite<Value> {
    private var buffer: ManagedBuffer<Value, UInt8>

    init(_ value: Value) {
        buffer = ManagedBuffer.create(minimumCapacity: 0) { _ in value }
    }

    /// The value, read where it is held; a change copies it first if another copy shares it.
    ///
    /// Through the header's address: the buffer's `header` property is a class's stored property, and each access
    /// to it would be checked for exclusivity at run time. The address stays valid while `buffer` holds the buffer,
    /// which it does for the whole access.
    var value: Value {
        _read { yield header.pointee }
        _modify {
            if !isKnownUniquelyReferenced(&buffer) {
                let shared = header.pointee
                buffer = ManagedBuffer.create(minimumCapacity: 0) { _ in shared }
            }
            yield &header.pointee
        }
    }

    private var header: UnsafeMutablePointer<Value> { buffer.withUnsafeMutablePointerToHeader { $0 } }

    /// True when both hold the same buffer: equal without comparing the values.
    func isIdentical(to other: CopyOnWrite) -> Bool { buffer === other.buffer }
}

// The buffer is never changed while another copy shares it, so copies on different threads only read it.
extension CopyOnWrite: @unchecked Sendable where Value: Sendable {}
