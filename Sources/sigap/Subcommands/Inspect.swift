import ArgumentParser
import SIGAPDomain
import SIGAPPipeline
import XLSX

/// `sigap inspect FILE`: what the pipeline would read from a roster workbook — sheets, header row
/// and column mapping, rows found, footer ignored, findings by code. Run it before the nightly job.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how a roster workbook will be read: header, columns, rows and findings by code.")

    enum Format: String, ExpressibleByArgument { case text, json }

    @Argument(help: "The roster workbook (.xlsx).")
    var file: String

    @Option(help: "The month to validate for (YYYY-MM; default: the current month in Asia/Jakarta).")
    var month: String?

    @Option(help: "The agency code shown in findings.")
    var source = "-"

    @Option(help: "Output: text (for a terminal) or json (for tools).")
    var format: Format = .text

    @Option(help: "Language of messages: id or en.")
    var lang: String = "id"

    func validate() throws {
        if let month, YearMonth(month) == nil { throw ValidationError("--month must be YYYY-MM, not '\(month)'") }
        if lang != "id" && lang != "en" { throw ValidationError("--lang must be id or en") }
    }

    func run() throws {
        let month = self.month.flatMap(YearMonth.init) ?? JakartaClock.currentMonth()
        let reader = SourceRosterReader(source: source, month: month)
        let report: SourceRosterReport
        do {
            report = try reader.read([(file, file)]) { _ in }
        } catch let error as XLSXError {
            StandardStreams.writeError("error: \(file): \(error.cause)")
            throw error.code == .fileNotFound ? ExitStatus.missingInput : ExitStatus.unreadableInput
        }
        switch format {
        case .text: InspectionText.lines(report, language: lang == "en" ? .en : .id).forEach(StandardStreams.writeLine)
        case .json: StandardStreams.writeLine(InspectionJSON.render(report))
        }
        StandardStreams.flush()
    }
}
