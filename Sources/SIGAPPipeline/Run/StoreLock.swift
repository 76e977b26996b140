import Foundation

/// One run at a time per store (SPEC §11): an exclusive `flock` on `<store>.lock`, released by
/// the kernel when the process ends, however it ends.
public final class StoreLock {
    private let descriptor: Int32
    public let path: String

    /// Takes the lock without waiting; nil when another process holds it. With `creating: false`
    /// (a dry run, which writes nothing) a lock file that is not there is not made, and nothing
    /// is locked: no run has used that store yet.
    public init?(store: String, creating: Bool = true) throws {
        path = store + ".lock"
        if creating {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        }
        descriptor = open(path, creating ? O_RDWR | O_CREAT | O_CLOEXEC : O_RDONLY | O_CLOEXEC, 0o640)
        if descriptor < 0 && !creating && errno == ENOENT { return }
        guard descriptor >= 0 else { throw StoreError("cannot open the lock file \(path): \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
    }

    /// False for the lock `creating: false` did not take (its file was not there).
    public var isHolding: Bool { descriptor >= 0 }

    deinit {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
