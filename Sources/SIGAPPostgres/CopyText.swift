import SIGAPPipeline

/// Rows in the text format of `COPY … FROM STDIN`, appended to a spool (kept in memory up to a
/// few megabytes, then in a nameless temporary file): fields between tabs, a newline after each
/// row, `\N` for NULL, and backslash, tab, newline and carriage return escaped. As in the embedded
/// store, an empty value is NULL.
struct CopyText {
    let spool = ByteSpool()
    private var atRowStart = true
    private(set) var rows = 0

    /// A field from UTF-8 bytes (none, or nil, is NULL).
    mutating func field(_ bytes: UnsafeBufferPointer<UInt8>?) {
        separate()
        guard let bytes, !bytes.isEmpty else {
            Self.null.withUnsafeBufferPointer { spool.append(contentsOf: $0) }
            return
        }
        var start = 0
        for (index, byte) in bytes.enumerated() {
            let escaped: UInt8
            switch byte {
            case UInt8(ascii: "\\"): escaped = UInt8(ascii: "\\")
            case UInt8(ascii: "\t"): escaped = UInt8(ascii: "t")
            case UInt8(ascii: "\n"): escaped = UInt8(ascii: "n")
            case UInt8(ascii: "\r"): escaped = UInt8(ascii: "r")
            default: continue
            }
            if index > start { spool.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index])) }
            spool.append(UInt8(ascii: "\\"))
            spool.append(escaped)
            start = index + 1
        }
        if start < bytes.count { spool.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...])) }
    }

    /// A text field (nil or empty is NULL).
    mutating func field(_ text: String?) {
        guard var text else { return field(nil as UnsafeBufferPointer<UInt8>?) }
        text.withUTF8 { field($0) }
    }

    /// An integer field (nil is NULL).
    mutating func field(_ value: Int64?) {
        field(value.map { String($0) })
    }

    mutating func field(_ value: Int?) {
        field(value.map(Int64.init))
    }

    mutating func endRow() {
        spool.append(UInt8(ascii: "\n"))
        atRowStart = true
        rows += 1
    }

    private mutating func separate() {
        if !atRowStart { spool.append(UInt8(ascii: "\t")) }
        atRowStart = false
    }

    private static let null: [UInt8] = Array("\\N".utf8)
}
