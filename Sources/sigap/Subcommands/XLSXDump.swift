import ArgumentParser
import XLSX

/// `sigap xlsx dump FILE [--sheet NAME | --sheet-index N]`: every non-empty row as JSON Lines.
struct XLSXDump: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump", abstract: "Print a sheet's non-empty rows as JSON Lines (default: the first sheet).")

    @OptionGroup var options: ReaderOptions

    @Option(help: "The sheet's name.")
    var sheet: String?

    @Option(name: .customLong("sheet-index"), help: "The sheet's 1-based position.")
    var sheetIndex: Int?

    func validate() throws {
        if sheet != nil && sheetIndex != nil {
            throw ValidationError("give either --sheet or --sheet-index, not both")
        }
    }

    func run() throws {
        try options.withWorkbook { workbook in
            let chosen: SheetInfo?
            if let sheet {
                chosen = workbook.sheet(named: sheet)
            } else {
                chosen = workbook.sheet(at: sheetIndex ?? 1)
            }
            guard let chosen else {
                let names = workbook.sheets.map(\.name).joined(separator: ", ")
                let wanted = sheet.map { "no sheet named '\($0)'" } ?? "no sheet number \(sheetIndex ?? 1)"
                throw XLSXError(.noSuchSheet, "\(wanted) (sheets: \(names))")
            }
            try workbook.reader(for: chosen).forEachRow { row in
                StandardStreams.writeLine(row.jsonLine)
            }
        }
    }
}
