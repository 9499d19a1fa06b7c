public import FormworkDefinitions

/// What a customer id names, in messages.
public enum CustomerTag: IdentifierTag { public static let noun = "customer" }

/// A customer's id: any non-empty text without spaces at either end. A customer exists from the
/// first report filed for it.
public typealias CustomerID = Identifier<CustomerTag>
