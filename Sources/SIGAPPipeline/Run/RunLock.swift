/// What keeps two runs of one pipeline from writing its store at once (SPEC §11): a file lock
/// beside the embedded store (`StoreLock`), an advisory lock in a shared database.
public protocol RunLock: AnyObject {
    /// False for a lock that was not taken because nothing was there to lock (see `StoreLock`).
    var isHolding: Bool { get }
}

extension StoreLock: RunLock {}
