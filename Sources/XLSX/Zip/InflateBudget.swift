import Synchronization

/// Counts the bytes actually inflated from one file against the caps of `ReaderLimits`. Declared
/// sizes can lie, so the count is of bytes produced, and an entry may never produce more than it
/// declares either.
final class InflateBudget: Sendable {
    let limits: ReaderLimits
    /// Bytes inflated from the file so far (its sheets may be read by several threads at once).
    private let spent = Mutex<Int64>(0)

    var total: Int64 { spent.withLock { $0 } }

    init(limits: ReaderLimits) {
        self.limits = limits
    }

    /// Refuses an entry up front when its declared size alone passes a cap.
    func admit(_ entry: ZipEntry) throws(XLSXError) {
        if entry.uncompressedSize > limits.maxInflatedPerEntry {
            throw XLSXError(
                .limitExceeded,
                "inflated size exceeds the limit of \(limits.maxInflatedPerEntry) bytes per entry (\(entry.name) declares \(entry.uncompressedSize) bytes: possible zip bomb)"
            )
        }
        if total + entry.uncompressedSize > limits.maxInflatedPerFile {
            throw XLSXError(
                .limitExceeded,
                "inflated size exceeds the limit of \(limits.maxInflatedPerFile) bytes per file (possible zip bomb)")
        }
    }

    /// Records `count` more bytes produced for `entry`, `produced` in all for it so far.
    func spend(_ count: Int, producedForEntry produced: Int64, entry: ZipEntry) throws(XLSXError) {
        let total = spent.withLock { spent in
            spent += Int64(count)
            return spent
        }
        if produced > entry.uncompressedSize {
            throw XLSXError(
                .limitExceeded,
                "inflated size exceeds the limit of \(entry.uncompressedSize) bytes that \(entry.name) declares (its data inflates further: possible zip bomb)"
            )
        }
        if total > limits.maxInflatedPerFile {
            throw XLSXError(
                .limitExceeded, "inflated size exceeds the limit of \(limits.maxInflatedPerFile) bytes per file (possible zip bomb)")
        }
    }
}
