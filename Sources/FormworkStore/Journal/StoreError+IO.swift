extension StoreError {
    /// A failed file operation as a store error.
    static func io(_ error: FileSystemError, _ context: String) -> StoreError {
        StoreError(.io, "\(context): \(error)", errno: error.errno)
    }
}

/// Runs a file operation, turning its failure into `.io` with `context`.
func performIO<T>(_ context: @autoclosure () -> String, _ body: () throws(FileSystemError) -> T) throws(StoreError) -> T
{
    do {
        return try body()
    } catch {
        throw StoreError.io(error, context())
    }
}
