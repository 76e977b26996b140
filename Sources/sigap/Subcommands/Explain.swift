import ArgumentParser
import Foundation
import SIGAPDomain
import SIGAPPipeline

/// `sigap explain NIK` (SPEC §17): one person's whole path through the books, from the store alone.
/// It prints the full NIK (an operator's tool, like findings.csv); no log line ever holds it.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Trace one person through the books: rows, findings, owner, BPJS answers, ledger lines and adjustments.")

    @Argument(help: "The NIK, 16 digits.")
    var nik: String

    @OptionGroup var options: PipelineOptions

    @Option(help: "Only this month, YYYY-MM.")
    var month: String?

    @Option(help: "Language: id (Bahasa Indonesia) or en.")
    var lang = "id"

    func validate() throws {
        try options.refuseUnused(by: "explain", uses: ["--store"])
        guard nik.count == 16, nik.allSatisfy(\.isASCII), nik.allSatisfy(\.isNumber) else {
            throw ValidationError("the NIK must be 16 digits")
        }
        if let month, YearMonth(month) == nil { throw ValidationError("--month must be written YYYY-MM, not '\(month)'") }
        if lang != "id" && lang != "en" { throw ValidationError("--lang must be id or en") }
    }

    func run() throws {
        let definition = try options.definition()
        let store = try options.openStore(definition, mode: .existing)
        let history: PersonHistory
        do {
            history = try store.history(of: nik)
        } catch let error as StoreError {
            options.reportError("\(error)")
            throw ExitStatus.of(error)
        }
        guard !history.isEmpty else {
            // Masked: an error is a log line.
            options.reportError("the store \(store.location) knows no NIK \(Masking.nik(nik))")
            throw ExitStatus.missingInput
        }
        for line in history.text(language: lang == "en" ? .en : .id, month: month.flatMap(YearMonth.init), sources: definition.sourceCodes)
        {
            StandardStreams.writeLine(line)
        }
        StandardStreams.flush()
    }
}
