/// CSV as SPEC §8.5 wants it: UTF-8 without BOM, `,` separator, `\n` line ends, RFC 4180 quoting
/// (a field is quoted when it holds `,`, `"`, CR or LF; quotes doubled), a header row. Built as
/// bytes: a month's ledger can have a million lines.
public struct CSVWriter: Sendable {
    private var bytes: [UInt8] = []
    private var fieldsInRecord = 0

    public init(header: [String]) {
        bytes.reserveCapacity(1 << 16)
        append(header)
    }

    /// A writer without a header row: a part of a longer text (`LedgerCSV.render`).
    init() {}

    /// The UTF-8 written so far.
    var utf8: [UInt8] { bytes }

    /// How many bytes are written so far.
    var count: Int { bytes.count }

    /// Writes a non-negative or negative integer as a field, without building a string.
    mutating func field(_ value: Int) {
        if fieldsInRecord > 0 { bytes.append(0x2C) }
        fieldsInRecord += 1
        if value == 0 {
            bytes.append(0x30)
            return
        }
        if value < 0 { bytes.append(0x2D) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // up to 24 digits, least significant first
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[count] = UInt8(truncatingIfNeeded: magnitude % 10) + 0x30
                magnitude /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func append(_ fields: [String]) {
        for value in fields { field(value) }
        endRecord()
    }

    /// Adds one field to the current record.
    public mutating func field(_ value: String) {
        var value = value
        value.withUTF8 { field(utf8: $0) }
    }

    /// Adds one field, given as UTF-8 bytes.
    mutating func field(utf8: UnsafeBufferPointer<UInt8>) {
        if fieldsInRecord > 0 { bytes.append(0x2C) }
        fieldsInRecord += 1
        guard utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(0x22)
        for byte in utf8 {
            if byte == 0x22 { bytes.append(0x22) }
            bytes.append(byte)
        }
        bytes.append(0x22)
    }

    /// Hands the bytes written so far to `output` and starts again empty (a long text made in blocks).
    mutating func drain(_ output: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer(output)
        bytes.removeAll(keepingCapacity: true)
    }

    /// Ends the current record with `\n`.
    public mutating func endRecord() {
        bytes.append(0x0A)
        fieldsInRecord = 0
    }

    /// One field as it appears in a file.
    public static func quoted(_ field: String) -> String {
        var writer = CSVWriter()
        writer.field(field)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
