/// What is found at a path.
public enum StoreFileKind: Sendable, Equatable {
    case missing
    case file
    case directory
    case other
}
