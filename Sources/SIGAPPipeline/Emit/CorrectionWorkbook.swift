import SIGAPDomain
import XLSX
import XLSXWrite

/// `koreksi/<SOURCE>.xlsx` (SPEC §8.5): for one agency, a first sheet telling them in Bahasa
/// Indonesia how to fix and resend, then — per file and sheet they sent — the rows with findings
/// as sent, offending cells highlighted (red: error, the row was not enrolled; yellow: warning),
/// and a column of reasons. A sheet shows at most `CorrectionList.sheetLimit` rows, errors first;
/// a cut sheet says so, and the first sheet says how many rows are not shown.
public struct CorrectionWorkbook: Sendable {
    /// One row to correct.
    public struct Entry: Sendable {
        public var file: String
        public var sheet: String
        public var layout: SheetLayout
        public var findings: [RosterFinding]
        /// The row as sent.
        public var row: Row
        /// The position of its file and sheet in the `CorrectionList` it was read from.
        var group = 0

        public init(file: String, sheet: String, layout: SheetLayout, row: Row, findings: [RosterFinding]) {
            self.file = file
            self.sheet = sheet
            self.layout = layout
            self.findings = findings
            self.row = row
        }

        init(file: String, sheet: String, layout: SheetLayout, row: Row, findings: [RosterFinding], group: Int) {
            self.init(file: file, sheet: sheet, layout: layout, row: row, findings: findings)
            self.group = group
        }
    }

    /// Fill of a cell with an error (`RRGGBB`).
    public static let errorFill: UInt32 = 0xFFC7CE
    /// Fill of a cell with a warning only.
    public static let warningFill: UInt32 = 0xFFEB9C
    /// The first sheet's name.
    public static let instructionsSheet = "Petunjuk"

    /// A file the agency sent that could not be read at all (issue 13: the agency is told which,
    /// why, and what to send), with the month whose list is used meanwhile.
    public struct Notice: Sendable, Hashable {
        public var file: String
        /// Why, in Bahasa Indonesia (`UnreadableCause`).
        public var cause: String
        /// The month whose list is used until a readable file arrives ("" when none).
        public var keptMonth: String

        public init(file: String, cause: String, keptMonth: String) {
            self.file = file
            self.cause = cause
            self.keptMonth = keptMonth
        }
    }

    public var source: String
    public var month: YearMonth?
    public var entries: CorrectionList
    public var notices: [Notice]

    public init(source: String, month: YearMonth?, entries: CorrectionList, notices: [Notice] = []) {
        self.source = source
        self.month = month
        self.entries = entries
        self.notices = notices
    }

    /// Writes the workbook (mode 0640: it holds personal data). Rows stream to the file as they are
    /// written (a million rows to correct would otherwise be held, cell by cell, until the end).
    public func write(to path: String) throws {
        let writer = try SpreadsheetWriter(path: path, constantMemory: true, fastCompression: true)
        try writeInstructions(writer.addSheet(Self.instructionsSheet))
        try writeRows(to: writer)
        try writer.close()
    }

    private static let title = CellStyle(bold: true)
    private static let header = CellStyle(bold: true, wrap: true, border: true, fill: 0xD9E1F2)
    private static let wrapped = CellStyle(wrap: true)

    private func writeInstructions(_ sheet: SpreadsheetWriter.Sheet) throws {
        let monthText = month.map { " — bulan \(ReportText.monthName($0))" } ?? ""
        let errors = entries.errors
        let lines: [(String, CellStyle?)] = [
            ("Koreksi data pekerja rentan (program SIGAP) — \(source)\(monthText)", Self.title),
            ("", nil),
            ("Lembar-lembar berikut memuat baris dari berkas yang Bapak/Ibu kirim yang perlu diperiksa atau diperbaiki.", nil),
            ("Sel berwarna MERAH: kesalahan. Baris ini TIDAK diproses (pekerja belum didaftarkan) sampai diperbaiki.", nil),
            ("Sel berwarna KUNING: peringatan. Baris tetap diproses, tetapi datanya mohon diperiksa kembali.", nil),
            ("Kolom \"Alasan\" di ujung kanan menjelaskan setiap temuan; kolom \"Baris\" adalah nomor baris di berkas asli.", nil),
            ("", nil),
            ("Cara memperbaiki:", Self.title),
            ("1. Buka berkas asli yang Bapak/Ibu kirim (nama berkas dan lembar tertulis di atas setiap lembar koreksi).", nil),
            ("2. Perbaiki sel yang ditandai pada nomor baris yang sama. Jangan menghapus atau menyisipkan kolom.", nil),
            (
                "3. NIK: format kolom NIK sebagai Teks (Format Cells > Text) SEBELUM mengetik atau menempel NIK, agar Excel tidak mengubah digit terakhir menjadi 0.",
                nil
            ),
            ("4. Simpan sebagai .xlsx (bukan .xls, tanpa kata sandi) dan kirim kembali SELURUH berkas ke Disnaker Kota Bekasi.", nil),
            ("", nil),
            ("Ringkasan: \(entries.count) baris perlu diperiksa, \(errors) di antaranya berisi kesalahan.", Self.title),
        ]
        // A sheet shows at most `CorrectionList.sheetLimit` rows: say so, and where the rest are.
        let omitted = entries.omitted
        let cut: [(String, CellStyle?)] =
            omitted == 0
            ? []
            : [
                (
                    "Setiap lembar koreksi memuat paling banyak \(ReportText.count(entries.limit)) baris: semua baris berisi kesalahan lebih dulu, "
                        + "lalu baris berisi peringatan, sesuai urutan di berkas. \(ReportText.count(omitted)) baris tidak dimuat di sini; "
                        + "semua temuan setiap baris ada di findings.csv (mintalah kepada Disnaker Kota Bekasi).", nil
                )
            ]
        // Files that could not be read come first, after the title: nothing of their folder was used.
        var notes: [(String, CellStyle?)] = []
        if !notices.isEmpty {
            notes.append(("Berkas yang tidak dapat dibaca", Self.title))
            for notice in notices {
                let kept =
                    notice.keptMonth.isEmpty
                    ? "belum ada daftar sebelumnya, jadi pekerja dinas ini belum didaftarkan"
                    : "sementara itu daftar \(YearMonth(notice.keptMonth).map(ReportText.monthName) ?? notice.keptMonth) yang dipakai"
                notes += [
                    ("Berkas: \(notice.file)", nil), ("Sebab: \(notice.cause)", nil),
                    (
                        "Yang perlu dikirim: seluruh daftar pekerja bulan ini sebagai Excel Workbook (.xlsx) tanpa kata sandi, di folder yang sama; "
                            + "berkas yang rusak dihapus dari folder. Isi folder ini belum diproses: \(kept).", nil
                    ), ("", nil),
                ]
            }
        }
        var row = 0
        for line in lines.prefix(2) + notes + lines.dropFirst(2) + cut {
            row += 1
            if !line.0.isEmpty { try sheet.write(.text(line.0), row: row, column: 1, style: line.1) }
        }
        row += 1
        try sheet.write(row: row, [.text("Kode"), .text("Jumlah"), .text("Arti")], style: Self.header)
        let counts = entries.findingCounts
        for code in FindingCode.allCases where counts[code] != nil {
            row += 1
            try sheet.write(
                row: row, [.text(code.rawValue), .number(Double(counts[code]!)), .text(code.message(.id, value: nil))])
        }
        try sheet.setWidth(120, columns: 1...1)
        sheet.activate()
    }

    /// One sheet of rows being written: its file and sheet's rows, in the order they were sent.
    private struct RowSheet {
        var sheet: SpreadsheetWriter.Sheet
        var lastColumn: Int
        var reasonColumn: Int
        /// The last row written.
        var row: Int
    }

    /// The rows, each on the sheet of its file and sheet, in one pass over the list (its rows may
    /// be hundreds of megabytes read back from a temporary file).
    private func writeRows(to writer: SpreadsheetWriter) throws {
        let headerRow = 3
        var sheets: [RowSheet] = []
        for (number, group) in entries.groups.enumerated() {
            let sheet = try writer.addSheet("Koreksi \(number + 1)")
            try sheet.write(.text("Berkas: \(group.file) — Lembar: \(group.sheet)"), row: 1, column: 1, style: Self.title)
            if entries.shown(group) < group.rows {
                let note =
                    "Lembar ini memuat \(ReportText.count(entries.shown(group))) dari \(ReportText.count(group.rows)) baris yang perlu diperiksa "
                    + "(paling banyak \(ReportText.count(entries.limit))); lihat lembar \(Self.instructionsSheet)."
                try sheet.write(.text(note), row: 2, column: 1)
            }
            try sheet.write(.text("Baris"), row: headerRow, column: 1, style: Self.header)
            for column in 1...group.lastColumn {
                try sheet.write(.text(group.layout.labels[column] ?? ""), row: headerRow, column: column + 1, style: Self.header)
            }
            try sheet.write(.text("Alasan"), row: headerRow, column: group.lastColumn + 2, style: Self.header)
            sheets.append(RowSheet(sheet: sheet, lastColumn: group.lastColumn, reasonColumn: group.lastColumn + 2, row: headerRow))
        }
        guard let first = sheets.first else { return }

        // The few styles a cell can have, resolved once (formats belong to the workbook): by its mark
        // (none, warning, error) and what it holds (a date, a long number, anything else). A million
        // rows have 16 million cells.
        let marks: [CellStyle?] = [nil, CellStyle(fill: Self.warningFill), CellStyle(fill: Self.errorFill)]
        let styles = marks.map { mark in
            [CellContent.text(""), .date(year: 2000, month: 1, day: 1), .number(1e11)].map { Self.style(for: $0, mark: mark) }
        }
        let formats = styles.map { $0.map { first.sheet.resolve($0) } }
        let wrapped = first.sheet.resolve(Self.wrapped)
        let plain = first.sheet.resolve(nil)
        var messages = FindingMessages(.id)
        var marked = [UInt8](repeating: 0, count: (sheets.map(\.lastColumn).max() ?? 1) + 1)
        for entry in entries {
            sheets[entry.group].row += 1
            let target = sheets[entry.group]
            let (sheet, row, lastColumn) = (target.sheet, target.row, target.lastColumn)
            let sent = entry.row
            try sheet.write(.number(Double(sent.number)), row: row, column: 1, style: nil, format: plain)
            for index in 0...lastColumn { marked[index] = 0 }
            for item in entry.findings {
                guard let reference = item.cell, let column = Self.column(of: reference), column <= lastColumn else { continue }
                marked[column] = max(marked[column], item.severity == .error ? 2 : 1)
            }
            for column in 1...lastColumn {
                let mark = Int(marked[column])
                let content = Self.content(sent[column: column]?.value)
                if content == .blank && mark == 0 { continue }
                let kind: Int
                switch content {
                case .date: kind = 1
                case .number(let number) where abs(number) >= 1e11: kind = 2
                default: kind = 0
                }
                try sheet.write(content, row: row, column: column + 1, style: styles[mark][kind], format: formats[mark][kind])
            }
            let reasons =
                entry.findings.count == 1
                ? messages.reason(entry.findings[0].finding)
                : entry.findings.map { messages.reason($0.finding) }.joined(separator: "\n")
            try sheet.write(.text(reasons), row: row, column: target.reasonColumn, style: Self.wrapped, format: wrapped)
        }
        for target in sheets {
            try target.sheet.setWidth(7, columns: 1...1)
            try target.sheet.setWidth(18, columns: 2...(target.lastColumn + 1))
            try target.sheet.setWidth(80, columns: target.reasonColumn...target.reasonColumn)
            target.sheet.freeze(row: headerRow + 1, column: 2)
        }
    }

    /// The column of a reference like `C17`.
    private static func column(of reference: String) -> Int? {
        var column = 0
        for scalar in reference.unicodeScalars {
            guard ("A"..."Z").contains(scalar) else { break }
            column = column * 26 + Int(scalar.value - 64)
        }
        return column > 0 ? column : nil
    }

    private static func content(_ value: CellValue?) -> CellContent {
        switch value {
        case nil: .blank
        case .string(let text)?, .error(let text)?: .text(text)
        case .number(let number)?: .number(number)
        case .bool(let flag)?: .text(flag ? "TRUE" : "FALSE")
        case .date(let date)?: date.isTimeOnly ? .text(date.description) : .date(year: date.year, month: date.month, day: date.day)
        }
    }

    private static func style(for content: CellContent, mark: CellStyle?) -> CellStyle? {
        var style = mark ?? CellStyle()
        switch content {
        case .date: style.numberFormat = "dd/mm/yyyy"
        case .number(let number) where abs(number) >= 1e11: style.numberFormat = "0"
        default: break
        }
        return style == CellStyle() ? nil : style
    }
}
