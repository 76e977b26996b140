import Foundation

/// Hands inflated chunks from a producer thread (zlib) to the consumer (the XML parser) through a
/// small fixed pool of buffers, so that inflating and parsing run on both cores in constant memory.
final class ChunkPipe: @unchecked Sendable {
    private let condition = NSCondition()
    private var free: [UnsafeMutableRawBufferPointer]
    private var full: [(buffer: UnsafeMutableRawBufferPointer, count: Int)] = []
    private var finished = false
    private var cancelled = false
    private var failure: XLSXError?
    private let all: [UnsafeMutableRawBufferPointer]

    init(buffers: Int, size: Int) {
        all = (0..<buffers).map { _ in UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16) }
        free = all
    }

    deinit {
        for buffer in all { buffer.deallocate() }
    }

    // MARK: Producer side

    /// Copies `chunk` into a free buffer and queues it; false once the consumer has cancelled.
    func send(_ chunk: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < chunk.count {
            condition.lock()
            while free.isEmpty && !cancelled { condition.wait() }
            if cancelled {
                condition.unlock()
                return false
            }
            let buffer = free.removeLast()
            condition.unlock()
            let count = min(buffer.count, chunk.count - offset)
            buffer.baseAddress!.copyMemory(from: chunk.baseAddress! + offset, byteCount: count)
            offset += count
            condition.lock()
            full.append((buffer, count))
            condition.signal()
            condition.unlock()
        }
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

    /// The next chunk (call `recycle` when done with it); nil at the end. Throws the producer's error.
    func receive() throws(XLSXError) -> (buffer: UnsafeMutableRawBufferPointer, count: Int)? {
        condition.lock()
        defer { condition.unlock() }
        while full.isEmpty && !finished { condition.wait() }
        if !full.isEmpty { return full.removeFirst() }
        if let failure { throw failure }
        return nil
    }

    func recycle(_ buffer: UnsafeMutableRawBufferPointer) {
        condition.lock()
        free.append(buffer)
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
