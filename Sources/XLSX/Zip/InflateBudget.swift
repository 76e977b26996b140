/// Counts the bytes actually inflated from one file against the caps of `ReaderLimits`. Declared
/// sizes can lie, so the count is of bytes produced, and an entry may never produce more than it
/// declares either.
final class InflateBudget: @unchecked Sendable {
    let limits: ReaderLimits
    private(set) var total: Int64 = 0

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
        total += Int64(count)
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
