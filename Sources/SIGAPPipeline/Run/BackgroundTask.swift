import Foundation

/// Runs a piece of work on a thread of its own (the machines have two cores: writing the
/// workbooks overlaps saving the store and writing the CSV files). `wait()` returns its result or
/// rethrows its error.
package final class BackgroundTask<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<Value, any Error>?
    /// The work, let go of before the result is published: a caller may hand a closure that must
    /// not outlive its own scope (`withoutActuallyEscaping`).
    private var body: (() throws -> Value)?

    /// `body` runs on the new thread; the caller must not touch what it uses until `wait()`.
    package init(_ body: @escaping () throws -> Value) {
        self.body = body
        let thread = Thread { [self] in run() }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Runs `body` on a thread of its own and times it there: `wait()` gives its value and how
    /// long it took (the time a stage's manifest entry shows, whenever the run waits for it).
    static func timed<Output>(_ body: @escaping () throws -> Output) -> BackgroundTask<(value: Output, took: Duration)>
    where Value == (value: Output, took: Duration) {
        BackgroundTask {
            let clock = ContinuousClock()
            let start = clock.now
            let value = try body()
            return (value, clock.now - start)
        }
    }

    /// `main` on the calling thread while `other` runs on a thread of its own (a store reading two
    /// months at once); both are waited for, whichever fails, so no thread outlives the call, and
    /// `main`'s error wins.
    package static func beside<Main>(_ main: () throws -> Main, _ other: @escaping () throws -> Value) throws -> (
        main: Main, other: Value
    ) {
        let task = BackgroundTask(other)
        let first = Result { try main() }
        let second = Result { try task.wait() }
        return (try first.get(), try second.get())
    }

    private func run() {
        let outcome = Result { try body!() }
        body = nil
        condition.lock()
        result = outcome
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for the work, then lets go of its result (a large one is freed; `wait` then throws).
    package func discardResult() {
        condition.lock()
        while result == nil { condition.wait() }
        result = .failure(Discarded())
        condition.unlock()
    }

    private struct Discarded: Error {}

    /// Blocks until the work is done.
    package func wait() throws -> Value {
        condition.lock()
        while result == nil { condition.wait() }
        let outcome = result!
        condition.unlock()
        return try outcome.get()
    }
}
