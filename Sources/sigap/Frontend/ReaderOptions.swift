import ArgumentParser
import XLSX

/// The options every `xlsx` subcommand shares: the file and the inflate cap.
struct ReaderOptions: ParsableArguments {
    @Argument(help: "The workbook (.xlsx) to read.")
    var file: String

    @Option(name: .customLong("max-inflated"), help: "Most bytes inflated from the file in all (zip bomb guard; default 4 GiB).")
    var maxInflated: Int64?

    var limits: ReaderLimits {
        maxInflated.map { ReaderLimits.capped(at: $0) } ?? .default
    }

    func validate() throws {
        if let maxInflated, maxInflated <= 0 {
            throw ValidationError("--max-inflated must be a positive number of bytes")
        }
    }

    /// Runs `body` on the opened workbook; an unreadable file is reported as `error: FILE: cause`
    /// on stderr and exits 65 (66 when it does not exist).
    func withWorkbook(_ body: (Workbook) throws -> Void) throws {
        do {
            try body(try Workbook(path: file, limits: limits))
            StandardStreams.flush()
        } catch let error as XLSXError {
            StandardStreams.writeError("error: \(file): \(error.cause)")
            switch error.code {
            case .fileNotFound: throw ExitStatus.missingInput
            case .noSuchSheet: throw ExitStatus.usage
            default: throw ExitStatus.unreadableInput
            }
        }
    }
}
