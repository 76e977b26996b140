import Foundation

/// Deflates a roster extraction's chunks and puts them in the store on threads of their own, so
/// that parsing the roster never waits for the store. In a fresh run the acknowledgement files are
/// kept at the same time, and each holds the store's only writer for seconds: a chunk written from
/// the parsing thread waited behind every one of them, and the roster was read only once they were
/// all in. Chunks deflated while the store is busy go in together, in one write.
///
/// One thread deflates, one writes. At most `encodedLimit` chunks as encoded (about 6 MB each for
/// a roster of 14 columns) wait to be deflated, and `deflatedLimit` deflated ones (about a fifth of
/// that) to be written; beyond those, `add` waits. After a failure the chunks still to come are
/// dropped; `add` and `finish` throw it.
final class StagedChunkWriter: @unchecked Sendable {
    static let encodedLimit = 4
    static let deflatedLimit = 24

    typealias Write = @Sendable (_ chunks: [(index: Int, chunk: StagedRoster.Chunk)]) throws -> Void

    private let condition = NSCondition()
    private var encoded: [(index: Int, rows: Int, bytes: [UInt8])] = []
    private var deflated: [(index: Int, chunk: StagedRoster.Chunk)] = []
    private var failure: (any Error)?
    /// No more chunks come (`finish`, `abandon`).
    private var ending = false
    private var deflaterDone = false
    private var writerDone = false

    /// `write` is called on the writer's thread with chunks in order, each once.
    init(write: @escaping Write) {
        let threads = [Thread { [self] in deflateAll() }, Thread { [self] in writeAll(write) }]
        for thread in threads {
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Hands over the encoded bytes of one chunk (the `StagedRoster.Builder`'s sink).
    func add(index: Int, rows: Int, bytes: [UInt8]) throws {
        condition.lock()
        defer { condition.unlock() }
        while encoded.count >= Self.encodedLimit && failure == nil { condition.wait() }
        if let failure { throw failure }
        encoded.append((index, rows, bytes))
        condition.broadcast()
    }

    /// Waits until every chunk handed over is in the store; throws the first failure.
    func finish() throws {
        condition.lock()
        defer { condition.unlock() }
        endAndJoin()
        if let failure { throw failure }
    }

    /// Stops after the write under way (the chunks not written are dropped); both threads are gone
    /// when this returns. Safe after `finish`.
    func abandon() {
        condition.lock()
        defer { condition.unlock() }
        encoded.removeAll()
        deflated.removeAll()
        endAndJoin()
    }

    /// Says no more chunks come and waits for both threads to end (the lock held).
    private func endAndJoin() {
        ending = true
        condition.broadcast()
        while !(deflaterDone && writerDone) { condition.wait() }
    }

    private func deflateAll() {
        condition.lock()
        while true {
            while encoded.isEmpty && !ending { condition.wait() }
            guard !encoded.isEmpty else { break }
            let next = encoded.removeFirst()
            condition.broadcast()
            condition.unlock()
            let chunk = StagedRoster.chunk(rows: next.rows, bytes: next.bytes)
            condition.lock()
            while deflated.count >= Self.deflatedLimit && failure == nil && !writerDone { condition.wait() }
            if failure == nil { deflated.append((next.index, chunk)) }
            condition.broadcast()
        }
        deflaterDone = true
        condition.broadcast()
        condition.unlock()
    }

    private func writeAll(_ write: Write) {
        condition.lock()
        while true {
            while deflated.isEmpty && !deflaterDone { condition.wait() }
            guard !deflated.isEmpty else { break }
            let batch = deflated
            deflated = []
            condition.broadcast()
            condition.unlock()
            let outcome = Result { try write(batch) }
            condition.lock()
            if case .failure(let error) = outcome, failure == nil {
                failure = error
                encoded.removeAll()
                deflated.removeAll()
            }
            condition.broadcast()
        }
        writerDone = true
        condition.broadcast()
        condition.unlock()
    }
}
