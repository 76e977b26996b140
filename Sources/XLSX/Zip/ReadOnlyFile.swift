#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file opened for positioned reads. Every libc call of the reader goes through here.
final class ReadOnlyFile: @unchecked Sendable {
    let path: String
    let size: Int64
    private let descriptor: Int32

    init(path: String) throws(XLSXError) {
        self.path = path
        // Without waiting (a named pipe cannot hold the reader), and only a regular file is read.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            let code = errno
            throw XLSXError(
                code == ENOENT ? .fileNotFound : .io,
                code == ENOENT ? "no such file" : "cannot open: \(String(cString: strerror(code)))"
            )
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw XLSXError(.io, "cannot stat: \(String(cString: strerror(code)))")
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw XLSXError(.io, "is a folder, not a file")
        }
        if (status.st_mode & S_IFMT) != S_IFREG {
            close(descriptor)
            throw XLSXError(.io, "not a regular file (a pipe, socket or device)")
        }
        self.descriptor = descriptor
        self.size = Int64(status.st_size)
    }

    deinit { close(descriptor) }

    /// Reads up to `count` bytes at `offset` into `buffer`; fewer only at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(XLSXError) -> Int {
        var done = 0
        while done < buffer.count {
            let result = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if result < 0 {
                if errno == EINTR { continue }
                throw XLSXError(.io, "read failed: \(String(cString: strerror(errno)))")
            }
            if result == 0 { break }
            done += result
        }
        return done
    }

    /// Reads exactly `count` bytes at `offset`, or fails as a truncated archive.
    func bytes(at offset: Int64, count: Int) throws(XLSXError) -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= size - Int64(count) else {
            throw XLSXError(.corruptArchive, "truncated or corrupt zip archive: a record at offset \(offset) runs past the end of the file")
        }
        var result = [UInt8](repeating: 0, count: count)
        let outcome = result.withUnsafeMutableBytes { buffer -> Result<Int, XLSXError> in
            do {
                return .success(try read(into: buffer, at: offset))
            } catch {
                return .failure((error as? XLSXError) ?? XLSXError(.io, "\(error)"))
            }
        }
        let got = try outcome.get()
        guard got == count else {
            throw XLSXError(.corruptArchive, "truncated or corrupt zip archive: short read at offset \(offset)")
        }
        return result
    }
}
