import Foundation

/// A small bounded queue between a producer thread (parsing a sheet) and the consumer (the
/// caller's code), so that both run on their own core in constant memory.
final class HandOff<Payload>: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var queue: [Payload] = []
    private var finished = false
    private var cancelled = false
    private var failure: XLSXError?

    init(capacity: Int) {
        self.capacity = capacity
    }

    // MARK: Producer side

    /// Queues `payload`, waiting while the queue is full; false once the consumer has cancelled.
    func send(_ payload: Payload) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        queue.append(payload)
        condition.broadcast()
        return true
    }

    /// Ends the stream, with the producer's error if it failed.
    func finish(_ error: XLSXError?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    // MARK: Consumer side

    /// The next payload; nil at the end. Throws the producer's error once the payloads before it
    /// are consumed.
    func receive() throws(XLSXError) -> Payload? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !finished { condition.wait() }
        if !queue.isEmpty {
            condition.broadcast()
            return queue.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops the producer (the consumer failed or had enough).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until the producer has finished.
    func waitUntilFinished() {
        condition.lock()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
