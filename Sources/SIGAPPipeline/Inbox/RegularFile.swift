#if canImport(Glibc)
    import Glibc
#endif

/// Opening an input file for reading, only when it is a regular file (SPEC §2): opened without
/// waiting (`O_NONBLOCK`: a named pipe put in its place after the inbox was scanned cannot make
/// the open wait for a writer), then checked with `fstat` before a byte is read (a device or a
/// pipe is refused, never read).
enum RegularFile {
    struct Refused: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    /// A descriptor of the regular file at `path`; the caller closes it.
    static func open(_ path: String) throws -> Int32 {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw Refused(reason: String(cString: strerror(errno))) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw Refused(reason: reason)
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw Refused(reason: info.st_mode & S_IFMT == S_IFDIR ? "is a folder, not a file" : "not a regular file")
        }
        return descriptor
    }
}
