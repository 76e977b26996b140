/// Lets go of large values on a thread of its own. Freeing a month of a million workers (their
/// strings, one by one) takes a noticeable part of a second that the run's thread need not wait
/// for.
final class Disposal {
    private var tasks: [BackgroundTask<Void>] = []

    /// Takes the array out of `value` (left empty) and frees it on another thread.
    func release<Element>(_ value: inout [Element]) {
        release(&value, leaving: [])
    }

    /// Takes what `value` holds (leaving `empty` in its place) and frees it on another thread.
    func release<Value>(_ value: inout Value, leaving empty: Value) {
        tasks.append(Self.free(&value, leaving: empty))
    }

    /// Blocks until every value handed to `release` is freed.
    func wait() {
        for task in tasks { try? task.wait() }
        tasks = []
    }

    /// Frees `value` on a thread nobody waits for: for the last values of a run, which a process
    /// that exits then skips freeing at all.
    static func releaseUnwaited<Element>(_ value: inout [Element]) {
        _ = free(&value, leaving: [])
    }

    private static func free<Value>(_ value: inout Value, leaving empty: Value) -> BackgroundTask<Void> {
        let box = Box(value)
        value = empty  // the box holds the only reference now, and is emptied on the task's thread
        return BackgroundTask { box.empty() }
    }

    private final class Box<Value>: @unchecked Sendable {
        private var value: Value?
        init(_ value: Value) { self.value = value }
        func empty() { value = nil }
    }
}
