import SIGAPDomain
import XLSXWrite

/// The Ringkasan sheet of `ledger.xlsx`: a title, the headline figures (label in column A, value
/// in B, explanation in C), then tables by source, by rejection reason and by kecamatan.
extension LedgerWorkbook {
    /// One headline figure.
    struct Figure {
        var label: String
        var value: Int
        var isMoney: Bool
        var note: String
    }

    /// The row of the headline table's header; the figures follow it.
    static let headlineHeaderRow = 4
    /// The name shown for the `UNKNOWN` kecamatan key.
    static let unknownKecamatanName = "Tidak diketahui"

    /// The headline figures in display order: `summary.json`'s numbers with Indonesian labels.
    var figures: [Figure] {
        let s = summary
        return [
            Figure(
                label: Glossary.figure("workers"), value: s.workers, isMoney: false,
                note: "Tertanggung + ditolak + menunggu; satu orang per NIK"),
            Figure(
                label: Glossary.figure("covered"), value: s.covered, isMoney: false,
                note: "Terdaftar bulan ini dan diterima BPJS: iurannya dibayar"),
            Figure(
                label: Glossary.figure("rejected"), value: s.rejected, isMoney: false,
                note: "Terdaftar bulan ini tetapi ditolak BPJS (lembar Ditolak)"),
            Figure(
                label: Glossary.figure("pending"), value: s.pending, isMoney: false,
                note: "Terdaftar bulan ini, belum ada konfirmasi BPJS (lembar Menunggu)"),
            Figure(
                label: Glossary.figure("unexpected"), value: s.unexpected, isMoney: false,
                note: "Diterima BPJS tetapi tidak ada dalam daftar Dinas bulan ini; bukan pekerja"),
            Figure(
                label: Glossary.figure("premium_due"), value: s.premiumDue, isMoney: true,
                note: "Iuran JKK + JKM pekerja tertanggung bulan ini"),
            Figure(
                label: Glossary.figure("adjustments_count"), value: s.adjustmentsCount, isMoney: false,
                note: "Koreksi atas bulan yang sudah ditutup (lembar Penyesuaian)"),
            Figure(
                label: Glossary.figure("adjustments_premium"), value: s.adjustmentsPremium, isMoney: true,
                note: "Selisih iuran dari penyesuaian; negatif berarti iuran ditarik kembali"),
            Figure(
                label: Glossary.figure("total_payable"), value: s.totalPayable, isMoney: true,
                note: "Iuran terutang + nilai penyesuaian"),
            Figure(
                label: Glossary.figure("pending_exposure"), value: s.pendingExposure, isMoney: true,
                note: "Iuran yang akan terutang bila semua pekerja yang menunggu diterima"),
            Figure(
                label: Glossary.figure("disputed_amount"), value: s.disputedAmount, isMoney: true,
                note: "Iuran yang dikonfirmasi BPJS untuk orang yang tidak terdaftar"),
            Figure(
                label: Glossary.figure("orphan_rejections"), value: s.orphanRejections, isMoney: false,
                note: "Penolakan BPJS untuk NIK yang tidak terdaftar bulan ini"),
            Figure(
                label: Glossary.figure("quarantined_rows"), value: s.quarantinedRows, isMoney: false,
                note: "Baris berkas Dinas dan BPJS bulan ini yang tidak dapat diproses"),
        ]
    }

    func writeSummary(to sheet: SpreadsheetWriter.Sheet) throws {
        let monthName = "\(IndonesianCalendar.monthName(month.month)) \(month.year)"
        try sheet.write(.text("Buku Besar Iuran SIGAP — \(monthName)"), row: 1, column: 1, style: Self.titleStyle)
        let state = summary.closed ? "ditutup (tidak berubah lagi)" : "terbuka (dihitung ulang pada setiap proses)"
        try sheet.write(
            .text("Iuran BPJS Ketenagakerjaan (JKK + JKM) pekerja rentan Kota Bekasi — bulan \(month), status \(state)"),
            row: 2, column: 1)

        var row = Self.headlineHeaderRow
        try sheet.write(row: row, [.text("Uraian"), .text("Nilai"), .text("Keterangan")], style: Self.headerStyle)
        for figure in figures {
            row += 1
            try sheet.write(.text(figure.label), row: row, column: 1)
            try sheet.write(
                .number(Double(figure.value)), row: row, column: 2, style: figure.isMoney ? Self.rupiahStyle(figure.value) : Self.countStyle
            )
            try sheet.write(.text(figure.note), row: row, column: 3)
        }

        row += 2
        row = try writeSources(to: sheet, from: row)
        row += 2
        row = try writeReasons(to: sheet, from: row)
        row += 2
        try writeKecamatan(to: sheet, from: row)

        try sheet.setWidth(30, columns: 1...1)
        try sheet.setWidth(30, columns: 2...2)
        try sheet.setWidth(14, columns: 3...6)
        try sheet.setWidth(18, columns: 7...7)
        sheet.freeze(row: 3)
    }

    /// Kode | Dinas | Pekerja | Tertanggung | Ditolak | Menunggu | Iuran terutang, in
    /// `sourceOrder` then by code, then a total row. Returns the last row written.
    private func writeSources(to sheet: SpreadsheetWriter.Sheet, from start: Int) throws -> Int {
        var row = start
        try sheet.write(.text("Menurut Dinas"), row: row, column: 1, style: Self.titleStyle)
        row += 1
        try sheet.write(
            row: row,
            ["Kode", "Dinas", "Pekerja", "Tertanggung", "Ditolak", "Menunggu", "Iuran terutang"].map { .text($0) },
            style: Self.headerStyle)
        var total = MonthSummary.SourceFigures()
        var listed: [String] = []
        for code in sourceOrder where summary.bySource[code] != nil && !listed.contains(code) { listed.append(code) }
        let codes = listed + summary.bySource.keys.filter { !listed.contains($0) }.sorted()
        for code in codes {
            let figures = summary.bySource[code]!
            row += 1
            try sheet.write(.text(code), row: row, column: 1, style: Self.textStyle)
            try sheet.write(.text(sourceName(code)), row: row, column: 2)
            try sheet.write(
                row: row, [figures.workers, figures.covered, figures.rejected, figures.pending].map { .number(Double($0)) },
                from: 3, style: Self.countStyle)
            try sheet.write(.number(Double(figures.premiumDue)), row: row, column: 7, style: Self.rupiahStyle(figures.premiumDue))
            total.workers += figures.workers
            total.covered += figures.covered
            total.rejected += figures.rejected
            total.pending += figures.pending
            total.premiumDue += figures.premiumDue
        }
        row += 1
        try sheet.write(.text("Jumlah"), row: row, column: 1, style: Self.totalLabelStyle)
        try sheet.write(.blank, row: row, column: 2, style: Self.totalLabelStyle)
        try sheet.write(
            row: row, [total.workers, total.covered, total.rejected, total.pending].map { .number(Double($0)) }, from: 3,
            style: Self.totalCountStyle)
        try sheet.write(.number(Double(total.premiumDue)), row: row, column: 7, style: Self.totalRupiahStyle(total.premiumDue))
        return row
    }

    /// Kode alasan | Arti | Jumlah: every reason code of SPEC §8.2 (zeros included), then any
    /// other code the summary holds, then a total row. Returns the last row written.
    private func writeReasons(to sheet: SpreadsheetWriter.Sheet, from start: Int) throws -> Int {
        var row = start
        try sheet.write(.text("Alasan Penolakan"), row: row, column: 1, style: Self.titleStyle)
        row += 1
        try sheet.write(row: row, [.text("Kode Alasan"), .text("Arti"), .text("Jumlah")], style: Self.headerStyle)
        let known = RejectionReason.allCases.map(\.rawValue)
        let others = summary.rejectionsByReason.keys.filter { !known.contains($0) }.sorted()
        var total = 0
        for code in known + others {
            let count = summary.rejectionsByReason[code] ?? 0
            row += 1
            try sheet.write(.text(code), row: row, column: 1, style: Self.textStyle)
            try sheet.write(.text(Self.reasonMeaning(code)), row: row, column: 2)
            try sheet.write(.number(Double(count)), row: row, column: 3, style: Self.countStyle)
            total += count
        }
        row += 1
        try sheet.write(.text("Jumlah"), row: row, column: 1, style: Self.totalLabelStyle)
        try sheet.write(.blank, row: row, column: 2, style: Self.totalLabelStyle)
        try sheet.write(.number(Double(total)), row: row, column: 3, style: Self.totalCountStyle)
        return row
    }

    /// Kode | Kecamatan | Pekerja | Tertanggung | Iuran terutang, by code (`UNKNOWN` last), then
    /// a total row. The sheet's autofilter (Excel allows one per sheet) covers this table, the
    /// longest of the sheet.
    private func writeKecamatan(to sheet: SpreadsheetWriter.Sheet, from start: Int) throws {
        var row = start
        try sheet.write(.text("Menurut Kecamatan"), row: row, column: 1, style: Self.titleStyle)
        row += 1
        let headerRow = row
        try sheet.write(
            row: row, ["Kode", "Kecamatan", "Pekerja", "Tertanggung", "Iuran terutang"].map { .text($0) },
            style: Self.headerStyle)
        var names: [String: String] = [:]
        for line in lines where !line.kecamatanCode.isEmpty && !line.kecamatan.isEmpty && names[line.kecamatanCode] == nil {
            names[line.kecamatanCode] = line.kecamatan
        }
        let codes = summary.byKecamatan.keys.sorted { ($0 == "UNKNOWN" ? 1 : 0, $0) < ($1 == "UNKNOWN" ? 1 : 0, $1) }
        var total = MonthSummary.KecamatanFigures()
        for code in codes {
            let figures = summary.byKecamatan[code]!
            let name =
                code == "UNKNOWN"
                ? Self.unknownKecamatanName : Wilayah3275.kecamatan(code: code)?.name ?? names[code] ?? code
            row += 1
            try sheet.write(.text(code), row: row, column: 1, style: Self.textStyle)
            try sheet.write(.text(name), row: row, column: 2)
            try sheet.write(
                row: row, [figures.workers, figures.covered].map { .number(Double($0)) }, from: 3, style: Self.countStyle)
            try sheet.write(.number(Double(figures.premiumDue)), row: row, column: 5, style: Self.rupiahStyle(figures.premiumDue))
            total.workers += figures.workers
            total.covered += figures.covered
            total.premiumDue += figures.premiumDue
        }
        try sheet.autofilter(rows: headerRow...row, columns: 1...5)
        row += 1
        try sheet.write(.text("Jumlah"), row: row, column: 1, style: Self.totalLabelStyle)
        try sheet.write(.blank, row: row, column: 2, style: Self.totalLabelStyle)
        try sheet.write(
            row: row, [total.workers, total.covered].map { .number(Double($0)) }, from: 3, style: Self.totalCountStyle)
        try sheet.write(.number(Double(total.premiumDue)), row: row, column: 5, style: Self.totalRupiahStyle(total.premiumDue))
    }
}
