import CFileSystem
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Bytes appended one after another and read back in order, of which only the last few megabytes
/// stay in memory: the rest goes to a temporary file that has no name (`O_TMPFILE`, mode 0600, in
/// the folder given, else in `$TMPDIR` or `/tmp`), gone when the spool is. A month whose million rows each need a
/// correction keeps those rows there, in the page cache, instead of 300 MB of the process's memory.
/// When no such file can be made or written (a full disk), the bytes simply stay in memory: nothing
/// is ever dropped.
///
/// Appended by one owner while it is being filled, then read by any number of readers at once.
package final class ByteSpool: @unchecked Sendable {
    /// How many bytes stay in memory before they are written out.
    static let memoryLimit = 4 << 20

    /// The bytes not written to the file, which start at `written`.
    private var tail: [UInt8] = []
    private var descriptor: Int32 = -1
    private var written = 0
    /// False once a file could not be made or written: everything stays in `tail` from then on.
    private var spills = true
    /// Where the file goes (nil: `$TMPDIR`, or `/tmp`).
    private let folder: String?

    /// How many bytes there are.
    var count: Int { written + tail.count }
    /// How many of them are in the file.
    var spilled: Int { written }

    package init(folder: String? = nil) {
        self.folder = folder
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    package func append(_ byte: UInt8) {
        tail.append(byte)
        if tail.count >= Self.memoryLimit { spill() }
    }

    package func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        // A piece at a time: a large block never sits whole in memory on its way to the file.
        var start = 0
        while start < bytes.count {
            let room = tail.count < Self.memoryLimit ? Self.memoryLimit - tail.count : bytes.count - start
            let end = min(bytes.count, start + room)
            tail.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
            start = end
            if tail.count >= Self.memoryLimit { spill() }
        }
    }

    /// A copy, for a list copied and then appended to (value semantics over a shared spool).
    func copy() -> ByteSpool {
        let copy = ByteSpool(folder: folder)
        var reader = Reader(self)
        while let chunk = reader.nextChunk() { chunk.withUnsafeBufferPointer { copy.append(contentsOf: $0) } }
        return copy
    }

    private func spill() {
        guard spills else { return }
        if descriptor < 0 {
            descriptor = Self.makeFile(in: folder)
            guard descriptor >= 0 else {
                spills = false
                return
            }
        }
        let done = tail.withUnsafeBytes { bytes -> Bool in
            var offset = 0
            while offset < bytes.count {
                let count = pwrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset, off_t(written + offset))
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
        guard done else {
            spills = false  // what was written stays in the file; the tail stays in memory
            return
        }
        written += tail.count
        tail.removeAll(keepingCapacity: true)
    }

    /// A nameless file in `folder`, else (a folder not made yet, or read-only) in `$TMPDIR` or
    /// `/tmp`; -1 when neither can hold one.
    private static func makeFile(in folder: String?) -> Int32 {
        if let folder {
            let file = sigap_open_unnamed(folder)
            if file >= 0 { return file }
        }
        return sigap_open_unnamed(ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp")
    }

    /// Reads a spool's bytes in order, from its start.
    package struct Reader {
        private let spool: ByteSpool
        private var position = 0
        private var chunk: [UInt8] = []
        private var chunkStart = 0

        package init(_ spool: ByteSpool) {
            self.spool = spool
        }

        var isAtEnd: Bool { position >= spool.count }

        mutating func byte() -> UInt8? {
            guard position < spool.count else { return nil }
            if position - chunkStart >= chunk.count { load() }
            defer { position += 1 }
            return chunk[position - chunkStart]
        }

        /// The next `count` bytes (fewer at the end).
        mutating func bytes(_ count: Int) -> [UInt8] {
            let available = max(0, min(count, spool.count - position))
            return [UInt8](unsafeUninitializedCapacity: available) { buffer, initialized in
                _ = read(into: UnsafeMutableRawBufferPointer(buffer))
                initialized = available
            }
        }

        /// Fills `buffer` with the next bytes; false when fewer are left (the rest then holds them).
        mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Bool {
            var filled = 0
            while filled < buffer.count, position < spool.count {
                if position - chunkStart >= chunk.count { load() }
                let available = min(buffer.count - filled, chunk.count - (position - chunkStart))
                chunk.withUnsafeBytes { bytes in
                    (buffer.baseAddress! + filled).copyMemory(
                        from: bytes.baseAddress! + (position - chunkStart), byteCount: available)
                }
                filled += available
                position += available
            }
            return filled == buffer.count
        }

        /// The rest of the chunk at hand, or the next one; nil at the end.
        package mutating func nextChunk() -> [UInt8]? {
            guard position < spool.count else { return nil }
            if position - chunkStart >= chunk.count { load() }
            let rest = Array(chunk[(position - chunkStart)...])
            position += rest.count
            return rest
        }

        /// Makes `chunk` hold the bytes at `position`: a megabyte of the file, or the tail.
        private mutating func load() {
            chunkStart = position
            if position >= spool.written {
                chunk = Array(spool.tail[(position - spool.written)...])
                return
            }
            let count = min(1 << 20, spool.written - position)
            chunk = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                var offset = 0
                while offset < count {
                    let read = pread(spool.descriptor, buffer.baseAddress! + offset, count - offset, off_t(position + offset))
                    if read < 0 && errno == EINTR { continue }
                    // The file the spool wrote itself cannot be read back: stop loudly rather than
                    // give a list with rows missing.
                    guard read > 0 else { fatalError("cannot read back a temporary spool file: \(String(cString: strerror(errno)))") }
                    offset += read
                }
                initialized = count
            }
        }
    }
}
