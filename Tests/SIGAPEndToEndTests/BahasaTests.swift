import Foundation
import Testing
import XLSX

/// Issue 13: every people-facing output — the report, the workbooks (ledger, submission,
/// corrections) and the messages of findings.csv — is in Bahasa Indonesia, with one glossary.
/// Codes (`FILE_UNREADABLE`, `NIK_TIDAK_PADAN`), file names, people's names and the words the
/// glossary keeps as they are (Excel Workbook, CSV UTF-8, ZIP, inbox) are not prose.
@Suite("People-facing outputs in Bahasa Indonesia")
struct BahasaTests {
    /// English words that must not appear in people-facing prose ("folder" is Bahasa too: KBBI has it).
    static let english = [
        "truncated", "corrupt", "archive", "looks like", "entry", "cannot", "could", "file", "files", "the", "and", "not",
        "which", "without", "symbolic", "link", "outside", "password", "save", "send", "again", "missing", "unknown", "pending",
        "covered", "rejected", "adjustment", "regular", "total paid", "dispute", "mismatch", "changed", "regular file", "named pipe",
    ]

    /// The English words of `text` after codes (`ABC_DEF`, `COVERED`), file names and paths are taken out.
    static func englishWords(in text: String) -> [String] {
        var prose = text
        // Codes and upper-case identifiers, file names and paths.
        for pattern in [#"\b[A-Z][A-Z0-9_]{2,}\b"#, #"\S+\.(xlsx|xlsm|xls|csv|pdf|txt|json|html|png)\b"#, #"\S*/\S*"#] {
            prose = prose.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        let lowered = prose.lowercased()
        return english.filter { word in
            lowered.range(of: "\\b\(NSRegularExpression.escapedPattern(for: word))\\b", options: .regularExpression) != nil
        }
    }

    /// Every text cell of every sheet of a workbook.
    static func texts(ofWorkbook path: String) throws -> [String] {
        let workbook = try Workbook(path: path)
        var texts: [String] = []
        for sheet in workbook.sheets {
            _ = try workbook.reader(for: sheet).forEachRow { row in
                for cell in row.cells { if case .string(let text) = cell.value { texts.append(text) } }
            }
        }
        return texts
    }

    @Test("the demo history with a damaged upload, a PDF, a .xls and a hostile link: no English word in report, workbooks or messages")
    func noEnglish() throws {
        let workspace = try RunWorkspace("bahasa")
        defer { workspace.remove() }
        try workspace.arriveDemo()
        try Data("%PDF-1.4\n".utf8).write(to: URL(fileURLWithPath: "\(workspace.inbox)/2026-01/DISDIK/Surat Pengantar.pdf"))
        try Data("bukan xlsx".utf8).write(to: URL(fileURLWithPath: "\(workspace.inbox)/2026-02/BPJS/jawaban.xls"))
        try FileManager.default.createSymbolicLink(atPath: "\(workspace.inbox)/2026-02/BPJS/passwd.csv", withDestinationPath: "/etc/passwd")
        #expect(try workspace.sigap("run", ["--through", "2025-11"]).exitStatus == 0)
        #expect(try workspace.sigap("close", ["2025-11", "--through", "2026-02"]).exitStatus == 0)
        #expect(try workspace.sigap("run", ["--through", "2026-02"]).exitStatus == 65)

        var checked = 0
        for relative in RunWorkspace.files(under: workspace.out) where !relative.hasPrefix("runs/") {
            let path = "\(workspace.out)/\(relative)"
            var texts: [String] = []
            if relative.hasSuffix(".xlsx") {
                texts = try Self.texts(ofWorkbook: path)
            } else if relative.hasSuffix("report.html") {
                let html = try String(contentsOfFile: path, encoding: .utf8)
                let visible = html.replacingOccurrences(of: "<style>[\\s\\S]*?</style>", with: " ", options: .regularExpression)
                    .replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
                texts = [visible]
            } else if relative.hasSuffix("findings.csv") {
                // The message column (the last); the value column holds data as found.
                texts = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst().map {
                    String($0.split(separator: ",\"", omittingEmptySubsequences: false).last ?? "")
                }
            } else {
                continue
            }
            for text in texts {
                let words = Self.englishWords(in: text)
                #expect(words.isEmpty, "\(relative): \(words) in \(text.prefix(300))")
            }
            checked += 1
        }
        #expect(checked >= 15, "\(checked) people-facing files checked")
    }
}
