import CXMLBridge
import Foundation

/// Hands parsed cell batches from a producer thread (inflating and parsing the sheet XML) to the
/// consumer (the caller's code) through a small fixed pool of reusable batches, so that the XML
/// layer and the caller's work on the cells run on both cores in constant memory.
final class BatchPipe: @unchecked Sendable {
    /// A copy of one parser batch, owned by the pipe and reused.
    final class Slot {
        var cells: [cxb_cell] = []
        var text: [UInt8] = []
        var merges: [cxb_merge] = []

        /// Copies the parser's current batch (the parser is cleared by the caller).
        func fill(from parser: SAXParser) {
            cells.removeAll(keepingCapacity: true)
            text.removeAll(keepingCapacity: true)
            merges.removeAll(keepingCapacity: true)
            cells.append(contentsOf: parser.cells)
            text.append(contentsOf: parser.text)
            merges.append(contentsOf: parser.merges)
        }
    }

    private let condition = NSCondition()
    private var free: [Slot]
    private var full: [Slot] = []
    private var finished = false
    private var cancelled = false
    private var failure: XLSXError?

    init(slots: Int) {
        free = (0..<slots).map { _ in Slot() }
    }

    // MARK: Producer side

    /// A free slot to fill; nil once the consumer has cancelled.
    func slot() -> Slot? {
        condition.lock()
        defer { condition.unlock() }
        while free.isEmpty && !cancelled { condition.wait() }
        return cancelled ? nil : free.removeLast()
    }

    func send(_ slot: Slot) {
        condition.lock()
        full.append(slot)
        condition.signal()
        condition.unlock()
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

    /// The next batch (call `recycle` when done with it); nil at the end. Throws the producer's
    /// error once the batches before it are consumed.
    func receive() throws(XLSXError) -> Slot? {
        condition.lock()
        defer { condition.unlock() }
        while full.isEmpty && !finished { condition.wait() }
        if !full.isEmpty { return full.removeFirst() }
        if let failure { throw failure }
        return nil
    }

    func recycle(_ slot: Slot) {
        condition.lock()
        free.append(slot)
        condition.signal()
        condition.unlock()
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
