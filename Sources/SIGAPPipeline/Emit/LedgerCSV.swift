import SIGAPDomain

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
        render(lines, splitThreshold: SplitWork.threshold)
    }

    /// `splitThreshold`: from how many lines the text is made in two halves on both cores.
    static func render(_ lines: [LedgerLine], splitThreshold: Int) -> String {
        let ordered = ordered(lines)
        let parts = SplitWork.map(ordered.count, threshold: splitThreshold) { range in
            var csv = CSVWriter()
            write(ordered[range], to: &csv)
            return csv.utf8
        }
        let header = CSVWriter(header: header).utf8
        let total = parts.reduce(header.count) { $0 + $1.count }
        return String(unsafeUninitializedCapacity: total) { buffer in
            var offset = 0
            for part in [header] + parts {
                _ = UnsafeMutableBufferPointer(rebasing: buffer[offset..<(offset + part.count)]).initialize(from: part)
                offset += part.count
            }
            return offset
        }
    }

    private static func write(_ lines: ArraySlice<LedgerLine>, to csv: inout CSVWriter) {
        // A month's lines share one or two month texts: made once.
        var monthText: (YearMonth, String)?
        func text(_ month: YearMonth) -> String {
            if let monthText, monthText.0 == month { return monthText.1 }
            let made = month.description
            monthText = (month, made)
            return made
        }
        for line in lines {
            csv.field(text(line.month))
            csv.field(line.entry.rawValue)
            csv.field(text(line.forMonth))
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
            csv.field(line.premium)
            csv.field(line.flags.isEmpty ? "" : line.flags.map(\.rawValue).joined(separator: ";"))
            csv.endRecord()
        }
    }
}
