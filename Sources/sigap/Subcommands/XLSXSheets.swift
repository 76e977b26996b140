import ArgumentParser
import XLSX

/// `sigap xlsx sheets FILE`: one JSON object per sheet, in workbook order.
struct XLSXSheets: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sheets", abstract: "List the sheets with their state and kind (JSON Lines).")

    @OptionGroup var options: ReaderOptions

    func run() throws {
        try options.withWorkbook { workbook in
            for sheet in workbook.sheets {
                StandardStreams.writeLine(
                    "{\"index\":\(sheet.index),\"name\":\(JSON.string(sheet.name)),\"state\":\"\(sheet.state.rawValue)\",\"kind\":\"\(sheet.kind.rawValue)\"}"
                )
            }
        }
    }
}
