import Foundation
import NIOCore

/// The rows of one packed query (`PostgresRowCursor.packedColumns`), passed from the connection's
/// thread, which receives and decodes the server's messages, to the thread that asked, which turns
/// them into ledger lines or text: the two work at once, a batch apart.
///
/// The connection's thread copies each row's bytes into the open batch and hands a full one over;
/// when `capacity` batches wait, it waits for one to be taken (so a month of rows is never held
/// whole). Once the asking thread gives up (`cancel`), rows still arriving are dropped.
final class PackedRowHandoff: @unchecked Sendable {
    /// Rows' bytes end to end, and where each row ends.
    struct Batch {
        var bytes: [UInt8] = []
        var ends: [Int] = []

        /// Each row's bytes in order.
        func forEachRow(_ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
            try bytes.withUnsafeBytes { all in
                var start = 0
                for end in ends {
                    try body(UnsafeRawBufferPointer(rebasing: all[start..<end]))
                    start = end
                }
            }
        }
    }

    private let condition = NSCondition()
    private var waiting: [Batch] = []
    private var open = Batch()
    private var finished = false
    private var cancelled = false
    private let capacity: Int
    private let rowsPerBatch: Int

    init(capacity: Int = 4, rowsPerBatch: Int = 2048) {
        self.capacity = capacity
        self.rowsPerBatch = rowsPerBatch
        startBatch()
    }

    /// A new open batch, with room for a batch of rows of about 256 bytes.
    private func startBatch() {
        open = Batch()
        open.bytes.reserveCapacity(rowsPerBatch * 256)
    }

    /// On the connection's thread: one row (its only value's bytes; nil for NULL, an empty row).
    func receive(_ value: ByteBuffer?) {
        if let value { value.withUnsafeReadableBytes { open.bytes.append(contentsOf: $0) } }
        open.ends.append(open.bytes.count)
        guard open.ends.count >= rowsPerBatch else { return }
        condition.lock()
        while waiting.count >= capacity && !cancelled { condition.wait() }
        if !cancelled { waiting.append(open) }
        condition.signal()
        condition.unlock()
        startBatch()
    }

    /// On the connection's thread, once the query has ended (well or not): the last rows.
    func finish() {
        condition.lock()
        if !cancelled && !open.ends.isEmpty { waiting.append(open) }
        open = Batch()
        finished = true
        condition.signal()
        condition.unlock()
    }

    /// On the asking thread: the next batch, or nil once the query has ended and every batch was
    /// taken. `stillThere` is asked every 100 ms of waiting, and may throw to stop the wait.
    func next(stillThere: () throws -> Void) throws -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty && !finished {
            if !condition.wait(until: Date(timeIntervalSinceNow: 0.1)) {
                condition.unlock()
                defer { condition.lock() }
                try stillThere()
            }
        }
        guard !waiting.isEmpty else { return nil }
        let batch = waiting.removeFirst()
        condition.signal()
        return batch
    }

    /// On the asking thread, when it stops taking rows: the connection's thread no longer waits.
    func cancel() {
        condition.lock()
        cancelled = true
        waiting.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
