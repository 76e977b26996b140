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
        return first.nikKey < second.nikKey
    }

    public static func render(_ lines: [LedgerLine]) -> String {
        render(lines, splitThreshold: SplitWork.threshold)
    }

    /// `splitThreshold`: from how many lines the text is made in two halves on both cores.
    static func render(_ lines: [LedgerLine], splitThreshold: Int) -> String {
        var text: [UInt8] = []
        stream(lines, splitThreshold: splitThreshold) { text.append(contentsOf: $0) }
        return String(decoding: text, as: UTF8.self)
    }

    /// Hands the text of `lines` (in ledger order, header first) to `output` a block at a time: a
    /// month of a million lines (150 MB of text) is never held whole, nor a large part of it (a
    /// block is about 10 MB). Each block of `blockLines` lines is made in two halves on both cores
    /// (from `splitThreshold` lines).
    static func stream(
        _ lines: [LedgerLine], splitThreshold: Int = SplitWork.threshold, blockLines: Int = 1 << 16,
        _ output: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) rethrows {
        let ordered = ordered(lines)
        try CSVWriter(header: header).utf8.withUnsafeBufferPointer(output)
        var start = 0
        while start < ordered.count {
            let end = min(start + max(blockLines, 1), ordered.count)
            let parts = SplitWork.map(end - start, threshold: splitThreshold) { range in
                var csv = CSVWriter()
                write(ordered[(start + range.lowerBound)..<(start + range.upperBound)], to: &csv)
                return csv.utf8
            }
            for part in parts { try part.withUnsafeBufferPointer(output) }
            start = end
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
