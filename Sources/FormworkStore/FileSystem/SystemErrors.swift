#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `errno` values the store tests for, and their names for messages.
enum SystemErrors {
    static let noEntry = ENOENT
    static let exists = EEXIST
    static let io = EIO
    static let noSpace = ENOSPC
    static let badFile = EBADF
    static let accessDenied = EACCES
    static let readOnlyFileSystem = EROFS
    static let notPermitted = EPERM
    static let interrupted = EINTR
    static let wouldBlock = EWOULDBLOCK
    static let invalid = EINVAL
    static let tooLarge = EFBIG

    /// The system's text for `code`, e.g. "No space left on device (ENOSPC)".
    static func name(_ code: Int32) -> String {
        let text: String
        if let pointer = strerror(code) {
            text = String(cString: pointer)
        } else {
            text = "error"
        }
        return "\(text) (errno \(code))"
    }
}
