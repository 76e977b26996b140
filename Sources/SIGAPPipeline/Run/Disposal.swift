import Foundation

/// Lets go of large values on a thread of its own. Freeing a month of a million workers (their
/// strings, one by one) takes a noticeable part of a second that the run's thread need not wait
/// for.
final class Disposal: @unchecked Sendable {
    private let condition = NSCondition()
    private var running = 0

    /// Takes the array out of `value` (left empty) and frees it on another thread.
    func release<Element>(_ value: inout [Element]) {
        let box = Box(value)
        value = []  // the box holds the only reference now
        Self.start(box, counted: self)
    }

    /// Blocks until every value handed to `release` is freed.
    func wait() {
        condition.lock()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    /// Frees `value` on a thread nobody waits for: for the last values of a run, which a process
    /// that exits then skips freeing at all.
    static func releaseUnwaited<Element>(_ value: inout [Element]) {
        let box = Box(value)
        value = []
        start(box, counted: nil)
    }

    private static func start<Value>(_ box: Box<Value>, counted disposal: Disposal?) {
        disposal?.condition.lock()
        disposal?.running += 1
        disposal?.condition.unlock()
        let thread = Thread {
            box.empty()
            guard let disposal else { return }
            disposal.condition.lock()
            disposal.running -= 1
            disposal.condition.broadcast()
            disposal.condition.unlock()
        }
        thread.start()
    }

    private final class Box<Value>: @unchecked Sendable {
        private var value: Value?
        init(_ value: Value) { self.value = value }
        func empty() { value = nil }
    }
}
