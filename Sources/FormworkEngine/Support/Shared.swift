/// One value of the catalogue, held by reference: handing it on costs one reference count, where a copy of the value
/// retained and released each of its parts (a person's name, roles and the source locations of each).
final class Shared<Value: Sendable>: Sendable {
    let value: Value

    init(_ value: Value) { self.value = value }
}
