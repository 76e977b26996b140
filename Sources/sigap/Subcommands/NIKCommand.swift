import ArgumentParser
import SIGAPDomain

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `sigap nik`: NIK tools for checks (not part of the nightly job).
struct NIKCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nik",
        abstract: "NIK tools for the differential check against other validators.",
        shouldDisplay: false,
        subcommands: [Check.self]
    )
}

extension NIKCommand {
    /// `sigap nik check [--month YYYY-MM]`: one NIK a line on stdin, `<input>\t<OK|CODE>` a line on
    /// stdout, where CODE is the NIK error of SPEC §5.1 the pipeline would report for a text cell
    /// holding that line (OK: structurally valid; warnings are not shown).
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Validate NIKs read from stdin, one a line (prints the full input: test data only).",
            discussion: """
                Lines end with LF (a CR before it is dropped). The century of the birth year depends \
                on the month processed: --month, else the current month in Asia/Jakarta.
                """
        )

        @Option(help: "The month being processed (YYYY-MM); default: the current month in Asia/Jakarta.")
        var month: String?

        func validate() throws {
            if let month, YearMonth(month) == nil {
                throw ValidationError("--month must be a month written YYYY-MM, not '\(month)'")
            }
        }

        func run() throws {
            let processed = month.flatMap(YearMonth.init) ?? YearMonth.jakarta(unixTime: Int(time(nil)))
            var pending: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            func emit(_ line: ArraySlice<UInt8>) {
                var bytes = line
                if bytes.last == 0x0D { bytes = bytes.dropLast() }
                let text = String(decoding: bytes, as: UTF8.self)
                let verdict = NIK.read(.text(text), month: processed).error?.rawValue ?? "OK"
                StandardStreams.writeLine(text + "\t" + verdict)
            }
            while true {
                let count = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
                if count < 0 {
                    if errno == EINTR { continue }
                    StandardStreams.writeError("error: cannot read standard input")
                    throw ExitStatus.unreadableInput
                }
                if count == 0 { break }
                pending.append(contentsOf: chunk[0..<count])
                var start = pending.startIndex
                while let newline = pending[start...].firstIndex(of: 0x0A) {
                    emit(pending[start..<newline])
                    start = newline + 1
                }
                pending.removeSubrange(..<start)
            }
            if !pending.isEmpty { emit(pending[...]) }
            StandardStreams.flush()
        }
    }
}
