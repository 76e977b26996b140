/// One file of a zip archive, as its central directory describes it.
struct ZipEntry: Sendable {
    /// The name as stored.
    let name: String
    /// The part name used for lookups: `\` as `/`, no leading `/`, lower-cased (part names are
    /// case-insensitive).
    let key: String
    let method: UInt16
    let flags: UInt16
    let crc32: UInt32
    let compressedSize: Int64
    let uncompressedSize: Int64
    let localHeaderOffset: Int64
    let storedNameLength: Int

    var isEncrypted: Bool { flags & 1 != 0 }
}
