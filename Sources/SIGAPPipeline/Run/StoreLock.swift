import Foundation

/// One run at a time per store (SPEC §11): an exclusive `flock` on `<store>.lock`, released by
/// the kernel when the process ends, however it ends.
public final class StoreLock {
    private let descriptor: Int32
    public let path: String

    /// Takes the lock without waiting; nil when another process holds it.
    public init?(store: String) throws {
        path = store + ".lock"
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw StoreError("cannot open the lock file \(path): \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
