import ArgumentParser
import XLSX

/// `sigap xlsx stat FILE`: reads and decodes every cell of every worksheet; prints counts per sheet.
struct XLSXStat: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stat", abstract: "Count rows and cells by type in every worksheet (the reader's benchmark).")

    @OptionGroup var options: ReaderOptions

    @Option(
        name: .customLong("inflate-thread"),
        help: ArgumentHelp("Inflate on a second thread: auto, on or off (for benchmarks).", visibility: .hidden))
    var inflateThread: InflateThread = .auto

    enum InflateThread: String, ExpressibleByArgument {
        case auto, on, off
    }

    func run() throws {
        try options.withWorkbook { workbook in
            for sheet in workbook.sheets where sheet.kind == .worksheet {
                var reader = workbook.reader(for: sheet)
                switch inflateThread {
                case .auto: reader.inflatesConcurrently = nil
                case .on: reader.inflatesConcurrently = true
                case .off: reader.inflatesConcurrently = false
                }
                let statistics = try reader.statistics()
                let counts = CellKind.allCases.map { "\"\($0.rawValue)\":\(statistics[$0])" }.joined(separator: ",")
                StandardStreams.writeLine(
                    "{\"index\":\(sheet.index),\"name\":\(JSON.string(sheet.name)),\"rows\":\(statistics.rows),\"cells\":\(statistics.totalCells),\(counts)}"
                )
            }
        }
    }
}
