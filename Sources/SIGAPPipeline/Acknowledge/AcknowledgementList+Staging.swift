import SIGAPDomain

/// The list as the store keeps one file's rows (`StagedAcknowledgements`): each record in a fixed
/// little-endian layout of 53 bytes, the text as it is, and the sheet of each origin. The file and
/// the inbox month are not kept: the same bytes may arrive under another name or month.
extension AcknowledgementList {
    /// Bytes per record: nik 8, kpj 8, premium 8, text start 8, name length 4, reason length 4,
    /// row 4, period 4, origin 4, flags 1.
    static let packedRecordSize = 53
    /// Offsets in a packed record of what the accepted index reads.
    private static let periodOffset = 44
    private static let flagsOffset = 52

    /// The records packed, the text, and each origin's sheet (nil for CSV).
    func packed() -> (records: [UInt8], text: [UInt8], sheets: [String?]) {
        var bytes = [UInt8](repeating: 0, count: records.count * Self.packedRecordSize)
        bytes.withUnsafeMutableBytes { buffer in
            for (index, record) in records.enumerated() {
                let base = index * Self.packedRecordSize
                buffer.storeBytes(of: record.nik.littleEndian, toByteOffset: base, as: UInt64.self)
                buffer.storeBytes(of: record.kpj.littleEndian, toByteOffset: base + 8, as: UInt64.self)
                buffer.storeBytes(of: record.premium.littleEndian, toByteOffset: base + 16, as: Int64.self)
                buffer.storeBytes(of: UInt64(record.textStart).littleEndian, toByteOffset: base + 24, as: UInt64.self)
                buffer.storeBytes(of: record.nameLength.littleEndian, toByteOffset: base + 32, as: UInt32.self)
                buffer.storeBytes(of: record.reasonLength.littleEndian, toByteOffset: base + 36, as: UInt32.self)
                buffer.storeBytes(of: record.row.littleEndian, toByteOffset: base + 40, as: UInt32.self)
                buffer.storeBytes(of: record.period.littleEndian, toByteOffset: base + Self.periodOffset, as: UInt32.self)
                buffer.storeBytes(of: record.origin.littleEndian, toByteOffset: base + 48, as: UInt32.self)
                buffer.storeBytes(of: record.flags, toByteOffset: base + Self.flagsOffset, as: UInt8.self)
            }
        }
        return (bytes, text, origins.map(\.sheet))
    }

    /// The rows of a packed list whose period is in `periods` (all when nil), as read from `file`
    /// in inbox month `received`. Nil when the bytes are not a packed list.
    init?(packed records: [UInt8], text: [UInt8], sheets: [String?], file: String, received: YearMonth, periods: Set<YearMonth>?) {
        guard records.count % Self.packedRecordSize == 0 else { return nil }
        let keys = periods.map { Set($0.map(Self.key)) }
        var kept: [Record] = []
        let valid: Bool = records.withUnsafeBytes { buffer in
            for base in stride(from: 0, to: buffer.count, by: Self.packedRecordSize) {
                let period = UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: base + Self.periodOffset, as: UInt32.self))
                if let keys, !keys.contains(period) { continue }
                let record = Record(
                    nik: UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: base, as: UInt64.self)),
                    kpj: UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: base + 8, as: UInt64.self)),
                    premium: Int64(littleEndian: buffer.loadUnaligned(fromByteOffset: base + 16, as: Int64.self)),
                    textStart: Int(UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: base + 24, as: UInt64.self))),
                    nameLength: UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: base + 32, as: UInt32.self)),
                    reasonLength: UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: base + 36, as: UInt32.self)),
                    row: UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: base + 40, as: UInt32.self)),
                    origin: UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: base + 48, as: UInt32.self)),
                    period: period,
                    flags: buffer.load(fromByteOffset: base + Self.flagsOffset, as: UInt8.self))
                guard Int(record.origin) < sheets.count, record.textStart + Int(record.nameLength) + Int(record.reasonLength) <= text.count
                else { return false }
                kept.append(record)
            }
            return true
        }
        guard valid else { return nil }
        self.init(
            records: kept, text: kept.isEmpty ? [] : text,
            origins: sheets.map { Origin(file: file, received: received, sheet: $0) })
    }

    /// Calls `body` with the NIK, period key and whether accepted of every packed record, in order.
    static func forEachPacked(_ records: [UInt8], _ body: (_ nik: UInt64, _ period: UInt32, _ accepted: Bool) -> Void) {
        records.withUnsafeBytes { buffer in
            for base in stride(from: 0, to: buffer.count - buffer.count % packedRecordSize, by: packedRecordSize) {
                body(
                    UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: base, as: UInt64.self)),
                    UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: base + periodOffset, as: UInt32.self)),
                    buffer.load(fromByteOffset: base + flagsOffset, as: UInt8.self) & 1 == 0)
            }
        }
    }
}
