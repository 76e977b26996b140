import Foundation

/// Runs a piece of work on a thread of its own (the machines have two cores: writing the
/// workbooks overlaps saving the store and writing the CSV files). `wait()` returns its result or
/// rethrows its error.
final class BackgroundTask<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<Value, any Error>?

    /// `body` runs on the new thread; the caller must not touch what it uses until `wait()`.
    init(_ body: @escaping () throws -> Value) {
        nonisolated(unsafe) let body = body
        let thread = Thread { [self] in
            let outcome = Result { try body() }
            condition.lock()
            result = outcome
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Blocks until the work is done.
    func wait() throws -> Value {
        condition.lock()
        while result == nil { condition.wait() }
        let outcome = result!
        condition.unlock()
        return try outcome.get()
    }
}
