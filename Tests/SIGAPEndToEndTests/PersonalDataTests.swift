import Foundation
import Testing
import XLSX
import XLSXTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Personal data (SPEC §11, §14): no log line, metric, manifest or report ever holds a full NIK or
/// phone number; NIKs live only in the files meant to hold them; every file under `<out>` and the
/// store is 0640 or stricter whatever the umask.
@Suite("Personal data")
struct PersonalDataTests {
    /// The NIKs and phone numbers of the demo inbox, read from its files with the project's own
    /// reader (rosters and BPJS workbooks) and from the acknowledgement CSVs.
    struct People {
        var niks: Set<String> = []
        /// National significant numbers (no `0` trunk prefix, no `62`): `81234567890`.
        var phones: Set<String> = []

        static func digits(_ text: String) -> String { String(text.filter { $0.isASCII && $0.isNumber }) }

        /// A cell that is a NIK: 16 digits, with nothing but separators around them.
        mutating func noteNIK(_ text: String) {
            let digits = Self.digits(text)
            let rest = text.filter { !($0.isASCII && $0.isNumber) && !" .-'‘’".contains($0) }
            if digits.count == 16 && rest.isEmpty { niks.insert(digits) }
        }

        mutating func notePhone(_ text: String) {
            var digits = Self.digits(text)
            if digits.hasPrefix("62") { digits.removeFirst(2) }
            while digits.hasPrefix("0") { digits.removeFirst() }
            if digits.count >= 8 { phones.insert(digits) }
        }

        static func isPhoneHeader(_ text: String) -> Bool {
            let words = text.uppercased().split { !$0.isLetter }
            return words.contains { ["HP", "WA", "TELP", "TELEPON", "PHONE", "PONSEL"].contains($0) }
        }

        mutating func readWorkbook(_ path: String) throws {
            let workbook = try Workbook(path: path)
            for sheet in workbook.sheets where sheet.kind == .worksheet {
                var phoneColumns: Set<Int> = []
                try workbook.reader(for: sheet).forEachRow { row in
                    for cell in row.cells {
                        let text: String
                        switch cell.value {
                        case .string(let value): text = value
                        case .number(let value) where value.rounded() == value && abs(value) < 1e17: text = String(Int64(value))
                        default: continue
                        }
                        noteNIK(text)
                        if Self.isPhoneHeader(text) {
                            phoneColumns.insert(cell.column)
                        } else if phoneColumns.contains(cell.column) {
                            notePhone(text)
                        }
                    }
                }
            }
        }

        mutating func readCSV(_ path: String) throws {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            for line in text.split(whereSeparator: \.isNewline) {
                for field in line.split(whereSeparator: { $0 == "," || $0 == ";" }) {
                    noteNIK(field.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")))
                }
            }
        }

        init(inbox: String) throws {
            for file in RunWorkspace.files(under: inbox) {
                let path = "\(inbox)/\(file)"
                if file.hasSuffix(".csv") {
                    try readCSV(path)
                } else if file.hasSuffix(".xlsx") {
                    // The damaged upload and Excel's lock file do not open: nothing of them reaches a run.
                    try? readWorkbook(path)
                }
            }
        }

        /// The NIKs and phone numbers found in `text`, also when written with separators
        /// (`3275 0817 0885 0001`, `0812-3456-7890`, `+62 812 …`).
        func found(in text: String) -> [String] {
            let squeezed = String(text.filter { !" .-+()'\u{A0}".contains($0) })
            return
                (niks.filter { squeezed.contains($0) }.map { "NIK \($0)" } + phones.filter { squeezed.contains($0) }.map { "phone \($0)" })
                .sorted()
        }
    }

    /// Files meant to hold personal data (SPEC §8.5): the rest of `<out>` must not.
    static func mayHoldPersonalData(_ relative: String) -> Bool {
        let name = (relative as NSString).lastPathComponent
        return ["ledger.csv", "findings.csv", "submission.csv"].contains(name) || name.hasSuffix(".xlsx")
    }

    @Test(
        "the demo history with JSON logs and metrics, under umask 000: no NIK or phone outside the files meant for them; every file 0640 or stricter"
    )
    func demoHistory() throws {
        let people = try People(inbox: RunWorkspace.demoInbox)
        #expect(people.niks.count >= 12, "\(people.niks.count) NIKs read from the demo inbox")
        #expect(people.phones.count >= 8, "\(people.phones.count) phone numbers read from the demo inbox")

        let workspace = try RunWorkspace("personal")
        try workspace.arriveDemo(["2025-11"])
        let json = ["--log-format", "json"]
        let metrics = ["--metrics-file", workspace.metrics]
        var results: [RunResult] = []
        // The operator looks before the first night (no store yet: 66); then the history of DemoHistoryTests.
        results.append(try workspace.sigap("status", json, umask: 0))
        results.append(try workspace.sigap("run", ["--through", "2025-11"] + json + metrics, umask: 0))
        results.append(try workspace.sigap("close", ["2025-11", "--through", "2025-11"] + json, umask: 0))
        try workspace.arriveDemo(["2025-12", "2026-01", "2026-02"])
        results.append(try workspace.sigap("run", ["--through", "2026-02"] + json + metrics, umask: 0))
        results.append(try workspace.sigap("status", json, umask: 0))
        #expect(results.map(\.exitStatus) == [66, 0, 0, 65, 0], "\(results)")

        // Logs: every line of stdout and stderr of every command.
        for result in results {
            for line in result.stdoutLines + result.stderrLines {
                #expect(people.found(in: line).isEmpty, "\(result.arguments.first ?? ""): \(line)")
            }
        }
        // The metrics, the manifests, summaries, reports: everything under <out> not meant for personal data.
        #expect(people.found(in: try String(contentsOfFile: workspace.metrics, encoding: .utf8)).isEmpty)
        let files = RunWorkspace.files(under: workspace.out)
        #expect(files.contains { $0.hasPrefix("runs/") })
        var scanned = 0
        for file in files where !Self.mayHoldPersonalData(file) {
            let text = String(decoding: FileManager.default.contents(atPath: "\(workspace.out)/\(file)") ?? Data(), as: UTF8.self)
            #expect(people.found(in: text).isEmpty, "\(file): \(people.found(in: text))")
            scanned += 1
        }
        #expect(scanned >= 6)
        // The scan does find them where they belong.
        #expect(!people.found(in: try workspace.read("2025-11/ledger.csv")).isEmpty)
        #expect(!people.found(in: try workspace.read("2026-02/submission.csv")).filter { $0.hasPrefix("phone") }.isEmpty)

        // Modes: 0640 or stricter for every file under <out>, the store and its companions, the
        // metrics file, although every command ran with umask 000.
        var checked: [String] = files.map { "\(workspace.out)/\($0)" } + [workspace.metrics]
        for suffix in ["", "-wal", "-shm", "-journal", ".lock"] where FileManager.default.fileExists(atPath: workspace.store + suffix) {
            checked.append(workspace.store + suffix)
        }
        #expect(checked.contains(workspace.store))
        for path in checked {
            let mode = RunWorkspace.mode(of: path)
            #expect(mode.map { $0 & ~0o640 == 0 } == true, "\(path) has mode \(mode.map { String($0, radix: 8) } ?? "?")")
        }
    }
}
