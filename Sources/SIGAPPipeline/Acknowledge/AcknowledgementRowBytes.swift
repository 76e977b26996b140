/// One data row of an acknowledgement file as the store keeps it (the `acknowledgements` view's
/// columns after `file`), its text as UTF-8 bytes that stay valid only for the call that hands them
/// over. No bytes is NULL, as an absent value of `AcknowledgementRecord` is.
///
/// A file's million rows are loaded into the store from these, without a string per value
/// (`AcknowledgementReport.forEachRowBytes`).
public struct AcknowledgementRowBytes {
    /// The row as Excel shows it; for CSV the record number.
    public var row: Int
    /// `YYYY-MM`.
    public var period: UnsafeBufferPointer<UInt8>
    public var nik: UnsafeBufferPointer<UInt8>
    public var name: UnsafeBufferPointer<UInt8>
    public var kpj: UnsafeBufferPointer<UInt8>
    /// `ACCEPTED` or `REJECTED`.
    public var status: UnsafeBufferPointer<UInt8>
    public var reason: UnsafeBufferPointer<UInt8>
    public var reasonCode: UnsafeBufferPointer<UInt8>
    public var premium: Int?
}

extension AcknowledgementReport {
    /// Every data row read, valid and quarantined, in input order (each quarantined row where
    /// `keptBefore` puts it among the valid ones), as bytes: a valid row's from its packed record,
    /// with no value made on the way.
    public func forEachRowBytes(_ body: (AcknowledgementRowBytes) throws -> Void) rethrows {
        // The few texts a valid row's status and reason code can be, one after the other.
        var constants: [UInt8] = []
        func add(_ text: String) -> Range<Int> {
            let start = constants.count
            constants.append(contentsOf: text.utf8)
            return start..<constants.count
        }
        let statuses = Acknowledgement.Status.allCases.map { add($0.rawValue.uppercased()) }
        let reasonCodes = [0..<0] + RejectionReason.allCases.map { add($0.rawValue) }
        let list = acknowledgements
        var next = 0
        var periodKey = UInt32.max
        var periodLength = 0
        try constants.withUnsafeBufferPointer { constants in
            try list.text.withUnsafeBufferPointer { text in
                // The NIK's digits end at 20, the KPJ's at 40, the period's text starts at 40.
                try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { scratch in
                    for (index, record) in list.records.enumerated() {
                        while next < quarantinedRows.count && quarantinedRows[next].keptBefore <= index {
                            try Self.withBytes(of: quarantinedRows[next], body)
                            next += 1
                        }
                        if record.period != periodKey {
                            periodKey = record.period
                            let text = AcknowledgementList.month(periodKey).description.utf8.prefix(24)
                            periodLength = UnsafeMutableBufferPointer(rebasing: scratch[40..<64]).initialize(from: text).1
                        }
                        let nik = AcknowledgementValues.writeDigits(record.nik, width: 16, endingAt: 20, in: scratch)
                        let kpj =
                            record.kpj == .max ? 40 : AcknowledgementValues.writeDigits(record.kpj, width: 11, endingAt: 40, in: scratch)
                        let nameEnd = record.textStart + Int(record.nameLength)
                        try body(
                            AcknowledgementRowBytes(
                                row: Int(record.row), period: UnsafeBufferPointer(rebasing: scratch[40..<(40 + periodLength)]),
                                nik: UnsafeBufferPointer(rebasing: scratch[nik..<20]),
                                name: UnsafeBufferPointer(rebasing: text[record.textStart..<nameEnd]),
                                kpj: UnsafeBufferPointer(rebasing: scratch[kpj..<40]),
                                status: UnsafeBufferPointer(rebasing: constants[statuses[Int(record.flags & 1)]]),
                                reason: UnsafeBufferPointer(rebasing: text[nameEnd..<(nameEnd + Int(record.reasonLength))]),
                                reasonCode: UnsafeBufferPointer(rebasing: constants[reasonCodes[Int(record.flags >> 1)]]),
                                premium: record.premium == .min ? nil : Int(record.premium)))
                    }
                }
            }
        }
        for record in quarantinedRows[next...] { try Self.withBytes(of: record, body) }
    }

    /// A record's values as bytes (a quarantined row: few, so made from its strings).
    private static func withBytes(of record: AcknowledgementRecord, _ body: (AcknowledgementRowBytes) throws -> Void) rethrows {
        var storage: [UInt8] = []
        var ranges: [Range<Int>] = []
        for value in [
            record.period?.description, record.nik, record.name, record.kpj, record.status?.rawValue.uppercased(), record.reason,
            record.reasonCode,
        ] {
            let start = storage.count
            storage.append(contentsOf: (value ?? "").utf8)
            ranges.append(start..<storage.count)
        }
        try storage.withUnsafeBufferPointer { bytes in
            func field(_ index: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[ranges[index]]) }
            try body(
                AcknowledgementRowBytes(
                    row: record.row, period: field(0), nik: field(1), name: field(2), kpj: field(3), status: field(4), reason: field(5),
                    reasonCode: field(6), premium: record.premium))
        }
    }
}
