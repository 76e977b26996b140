import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A month's staged `ledger.csv` or `findings.csv`, which the store loads its rows from. Either a
/// file written in full, or one another thread is still writing: the store then follows it,
/// taking each block as soon as it is in the file, so that loading the rows runs beside writing
/// the file instead of after it (a month of a million lines: about 5 s of each).
public final class StagedCSV: @unchecked Sendable, Hashable {
    public let path: String
    private let condition = NSCondition()
    /// Bytes in the file so far, while it is being written.
    private var length = 0
    private var state: State

    private enum State {
        case writing
        case written(sha256: String?)
        /// The writer gave up: the file is incomplete (or gone).
        case abandoned
    }

    /// A file already written in full; `sha256` is its digest when known.
    public init(path: String, sha256: String? = nil) {
        self.path = path
        state = .written(sha256: sha256)
    }

    /// A file about to be written at `path`: the writer calls `wrote` after each block is in the
    /// file, then `finish` or `abandon`.
    package init(writing path: String) {
        self.path = path
        state = .writing
    }

    /// `count` more bytes are in the file.
    package func wrote(_ count: Int) {
        condition.lock()
        length += count
        condition.broadcast()
        condition.unlock()
    }

    /// The whole file is written; `sha256` is its digest.
    package func finish(sha256: String) {
        settle(.written(sha256: sha256))
    }

    /// The file will not be written in full (a reader following it fails). No effect once finished.
    package func abandon() {
        settle(.abandoned)
    }

    private func settle(_ outcome: State) {
        condition.lock()
        if case .writing = state { state = outcome }
        condition.broadcast()
        condition.unlock()
    }

    /// The SHA-256 of the whole file, once it is written (nil when it was not given, or the file
    /// was abandoned).
    public var sha256: String? {
        condition.lock()
        defer { condition.unlock() }
        while case .writing = state { condition.wait() }
        if case .written(let sha256) = state { return sha256 }
        return nil
    }

    /// Hands the file's bytes to `body` in order, 1 MiB at most at a time, waiting for the blocks
    /// still to be written. Throws `StoreError` when the file cannot be read or its writer gave up.
    public func forEachChunk(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        // Opened once the writer has made it (it writes the header first).
        _ = try limit(after: 0)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw StoreError("cannot read the staged file \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var offset = 0
        while true {
            let limit = try limit(after: offset)
            let wanted = min(buffer.count, (limit ?? Int.max) - offset)
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, wanted, off_t(offset)) }
            if count < 0 {
                if errno == EINTR { continue }
                throw StoreError("cannot read the staged file \(path): \(String(cString: strerror(errno)))")
            }
            if count == 0 {
                guard limit == nil else { throw StoreError("the staged file \(path) is shorter than was written") }
                break
            }
            try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<count])) }
            offset += count
        }
    }

    /// Waits until the file holds bytes past `offset` or is written in full. Gives how far it may
    /// be read while it is being written, nil once it is written (it is read to its end).
    private func limit(after offset: Int) throws -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            switch state {
            case .abandoned: throw abandoned()
            case .written: return nil
            case .writing where length > offset: return length
            case .writing: condition.wait()
            }
        }
    }

    private func abandoned() -> StoreError {
        StoreError("the staged file \(path) was not written in full")
    }

    public static func == (lhs: StagedCSV, rhs: StagedCSV) -> Bool { lhs === rhs }

    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
