/// `ledger.csv` (SPEC §8.5): REGULAR lines by NIK, then ADJUSTMENT lines by (for_month, NIK).
public enum LedgerCSV {
    public static let header = [
        "month", "entry", "for_month", "nik", "name", "source", "sources", "kecamatan_code", "kecamatan", "kelurahan",
        "occupation", "kpj", "status", "previous_status", "reason_code", "premium", "flags",
    ]

    /// Lines in ledger order (returned as they are when already in it).
    public static func ordered(_ lines: [LedgerLine]) -> [LedgerLine] {
        if zip(lines, lines.dropFirst()).allSatisfy({ !precedes($1, $0) }) { return lines }
        return lines.sorted(by: precedes)
    }

    /// Ledger order: REGULAR lines by NIK, then ADJUSTMENT lines by (for_month, NIK).
    static func precedes(_ first: LedgerLine, _ second: LedgerLine) -> Bool {
        if first.entry != second.entry { return first.entry == .regular }
        if first.entry == .adjustment && first.forMonth != second.forMonth { return first.forMonth < second.forMonth }
        return first.nik < second.nik
    }

    public static func render(_ lines: [LedgerLine]) -> String {
        var csv = CSVWriter(header: header)
        for line in ordered(lines) {
            csv.field(line.month.description)
            csv.field(line.entry.rawValue)
            csv.field(line.forMonth.description)
            csv.field(line.nik)
            csv.field(line.name)
            csv.field(line.source)
            csv.field(line.sources.count == 1 ? line.sources[0] : line.sources.joined(separator: ";"))
            csv.field(line.kecamatanCode)
            csv.field(line.kecamatan)
            csv.field(line.kelurahan)
            csv.field(line.occupation)
            csv.field(line.kpj)
            csv.field(line.status.rawValue)
            csv.field(line.previousStatus?.rawValue ?? "")
            csv.field(line.reasonCode)
            csv.field(String(line.premium))
            csv.field(line.flags.isEmpty ? "" : line.flags.map(\.rawValue).joined(separator: ";"))
            csv.endRecord()
        }
        return csv.text
    }
}
