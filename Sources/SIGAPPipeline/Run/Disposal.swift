import Foundation

/// Lets go of large values on a thread of its own. Freeing a month of a million workers (their
/// strings, one by one) takes a noticeable part of a second that the run's thread need not wait
/// for; a process that exits meanwhile simply skips it.
enum Disposal {
    /// Takes the array out of `value` (left empty) and frees it on another thread.
    static func release<Element>(_ value: inout [Element]) {
        let box = Box(value)
        value = []  // the box holds the only reference now
        let thread = Thread { box.empty() }
        thread.start()
    }

    private final class Box<Value>: @unchecked Sendable {
        private var value: Value?
        init(_ value: Value) { self.value = value }
        func empty() { value = nil }
    }
}
