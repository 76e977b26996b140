/// Hands inflated chunks from a producer thread (zlib) to the consumer (the XML parser) through a
/// small fixed pool of buffers, so that inflating and parsing run on both cores in constant memory.
/// Two `HandOff` queues: full buffers go one way, emptied ones come back the other.
final class ChunkPipe: @unchecked Sendable {
    private let full: HandOff<(buffer: UnsafeMutableRawBufferPointer, count: Int)>
    private let free: HandOff<UnsafeMutableRawBufferPointer>
    private let all: [UnsafeMutableRawBufferPointer]

    init(buffers: Int, size: Int) {
        all = (0..<buffers).map { _ in UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16) }
        full = HandOff(capacity: buffers)
        free = HandOff(capacity: buffers)
        for buffer in all { _ = free.send(buffer) }
    }

    deinit {
        for buffer in all { buffer.deallocate() }
    }

    // MARK: Producer side

    /// Copies `chunk` into free buffers and queues them; false once the consumer has cancelled.
    func send(_ chunk: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < chunk.count {
            // The free queue ends (nil) when the consumer cancels.
            guard let buffer = (try? free.receive()) ?? nil else { return false }
            let count = min(buffer.count, chunk.count - offset)
            buffer.baseAddress!.copyMemory(from: chunk.baseAddress! + offset, byteCount: count)
            offset += count
            guard full.send((buffer, count)) else { return false }
        }
        return true
    }

    /// Ends the stream, with the producer's error if it failed.
    func finish(_ error: XLSXError?) { full.finish(error) }

    // MARK: Consumer side

    /// The next chunk (call `recycle` when done with it); nil at the end. Throws the producer's error.
    func receive() throws(XLSXError) -> (buffer: UnsafeMutableRawBufferPointer, count: Int)? { try full.receive() }

    func recycle(_ buffer: UnsafeMutableRawBufferPointer) { _ = free.send(buffer) }

    /// Stops the producer (the consumer failed or had enough).
    func cancel() {
        full.cancel()
        free.finish(nil)
    }

    /// Blocks until the producer has finished.
    func waitUntilFinished() { full.waitUntilFinished() }
}
