/// The store cannot be opened or written (exit 73), or a request breaks the closing rules.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
