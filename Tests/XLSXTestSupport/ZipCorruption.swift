/// A deliberate defect a `ZipWriter` builds into an archive, for the hostile-input fixtures.
public enum ZipCorruption: Sendable, Equatable {
    /// The stored CRC-32 of the entry (local header, data descriptor and central directory) is wrong.
    case wrongCRC(entry: String)
    /// The archive ends after `bytes` bytes.
    case truncate(bytes: Int)
    /// The central directory gives `offset` as the entry's local header offset.
    case localHeaderOffset(entry: String, offset: UInt64)
    /// The central directory gives the entry's local header offset moved by `bytes`.
    case shiftedLocalHeaderOffset(entry: String, bytes: Int64)
    /// The entry's complete local record (header and data) is written inside the stored data of
    /// `outer`, and the central directory points into it: both entries are otherwise valid.
    case nested(entry: String, inside: String)
    /// Local header and central directory declare `size` as the entry's compressed size.
    case declaredCompressedSize(entry: String, size: UInt64)
    /// Local header and central directory declare `size` as the entry's uncompressed size.
    case declaredUncompressedSize(entry: String, size: UInt64)
}
