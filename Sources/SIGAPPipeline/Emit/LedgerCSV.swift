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
            csv.append([
                line.month.description, line.entry.rawValue, line.forMonth.description, line.nik, line.name, line.source,
                line.sources.joined(separator: ";"), line.kecamatanCode, line.kecamatan, line.kelurahan, line.occupation, line.kpj,
                line.status.rawValue, line.previousStatus?.rawValue ?? "", line.reasonCode, String(line.premium),
                line.flags.map(\.rawValue).joined(separator: ";"),
            ])
        }
        return csv.text
    }
}
