/// A store problem: what kind (the CLI turns `code` into the exit status, SPEC §11), what
/// happened, and where (the store's path, when known).
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The store (or a file it copies from) cannot be opened, read or written: exit 73.
        case cannotWrite
        /// A request the books' rules refuse (closing out of order, a month never computed): exit 64.
        case refused
        /// What the store holds cannot be read back as this program wrote it: exit 70.
        case damaged
        /// There is no store where one must exist (SPEC §11): exit 66.
        case missing
    }

    public var code: Code
    public var message: String
    /// The store's path or URL, when the problem is about the store as a whole.
    public var store: String?

    public init(_ code: Code, _ message: String, store: String? = nil) {
        self.code = code
        self.message = message
        self.store = store
    }

    /// A store that cannot be opened, read or written.
    public init(_ message: String) {
        self.init(.cannotWrite, message)
    }

    public static func refused(_ message: String) -> StoreError {
        StoreError(.refused, message)
    }

    public static func damaged(_ message: String) -> StoreError {
        StoreError(.damaged, message)
    }

    public static func missing(_ message: String, store: String) -> StoreError {
        StoreError(.missing, message, store: store)
    }

    public var description: String { message }
}
