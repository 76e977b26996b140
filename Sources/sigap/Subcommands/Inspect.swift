import ArgumentParser
import Foundation
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

    @Option(
        help:
            "The month to validate for (YYYY-MM; default: the month folder the file sits in, as in <inbox>/2025-12/DINSOS/a.xlsx, else the current month in Asia/Jakarta)."
    )
    var month: String?

    @Option(help: "The agency code shown in findings (default: the folder the file sits in, when it looks like one).")
    var source: String?

    @Option(help: "Output: text (for a terminal) or json (for tools).")
    var format: Format = .text

    @Option(help: "Language of messages: id or en.")
    var lang: String = "id"

    func validate() throws {
        if let month, YearMonth(month) == nil { throw ValidationError("--month must be YYYY-MM, not '\(month)'") }
        if lang != "id" && lang != "en" { throw ValidationError("--lang must be id or en") }
    }

    /// The text form lists at most this many rows with findings (the JSON form lists them all).
    static let listedRows = 200

    func run() throws {
        // The folders the file sits in: <month>/<source>/<file> in an inbox.
        let folders = (file as NSString).deletingLastPathComponent
        let folderMonth = YearMonth((folders as NSString).deletingLastPathComponent.split(separator: "/").last.map(String.init) ?? "")
        let month = self.month.flatMap(YearMonth.init) ?? folderMonth ?? JakartaClock.currentMonth()
        let folderName = (folders as NSString).lastPathComponent
        let source = self.source ?? (folderMonth != nil && !folderName.isEmpty ? folderName : "-")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isFolder) else {
            StandardStreams.writeError("error: \(file): no such file")
            throw ExitStatus.missingInput
        }
        let reader = SourceRosterReader(source: source, month: month)
        let report: SourceRosterReport
        do {
            report = try reader.read([(file, file)]) { _ in }
        } catch let error as XLSXError {
            StandardStreams.writeError("error: \(file): \(error.cause)")
            throw error.code == .fileNotFound ? ExitStatus.missingInput : ExitStatus.unreadableInput
        }
        // A file that cannot be read at all is said so, with its cause: never "Findings: none".
        if let unreadable = report.unreadable.first {
            StandardStreams.writeError("error: \(file) cannot be read (\(FindingCode.fileUnreadable.rawValue)): \(unreadable.cause)")
            throw ExitStatus.unreadableInput
        }
        switch format {
        case .text:
            InspectionText.lines(report, language: lang == "en" ? .en : .id, listing: Self.listedRows).forEach(StandardStreams.writeLine)
        case .json: StandardStreams.writeLine(InspectionJSON.render(report))
        }
        StandardStreams.flush()
    }
}
