import Foundation
import Testing

/// What the Disnaker data team meets day to day (issue 13, SPEC §2, §3).
@Suite("The data team's day")
struct DataTeamTests {
    @Test("an unreadable file in a month that is then closed: exit 65 while the month is open, 0 once it is closed; the manifest notes it")
    func unreadableInAClosedMonth() throws {
        let workspace = try RunWorkspace("closed-problem")
        defer { workspace.remove() }
        try workspace.arriveDemo()
        let open = try workspace.sigap("run", ["--through", "2026-02"])
        #expect(open.exitStatus == 65, "\(open)")
        #expect(open.stderr.contains("problem: \(RunWorkspace.damagedUpload): "), "\(open)")
        for month in ["2025-11", "2025-12"] {
            #expect(try workspace.sigap("close", [month, "--through", "2026-02"]).exitStatus == 0)
        }
        // Every month computed again, December's damaged upload read again: no alarm.
        let manifests = workspace.manifestNames()
        let closed = try workspace.sigap("run", ["--through", "2026-02", "--full"])
        #expect(closed.exitStatus == 0, "\(closed)")
        #expect(!closed.stderr.contains("problem:"), "\(closed)")
        let notes = try workspace.manifests(since: manifests).first?["notes"] as? [String] ?? []
        #expect(
            notes.contains {
                $0.hasPrefix(RunWorkspace.damagedUpload) && $0.hasSuffix("(in closed month 2025-12: not counted in the exit code)")
            },
            "\(notes)")
    }
}

extension DataTeamTests {
    @Test("a PDF beside a roster: the roster is read, the PDF is FILE_IGNORED (a warning naming it), the exit code unchanged")
    func coverLetter() throws {
        let workspace = try RunWorkspace("cover-letter")
        defer { workspace.remove() }
        try workspace.arriveDemo(clean: true)
        let twin = try RunWorkspace("cover-letter-twin")
        defer { twin.remove() }
        try twin.arriveDemo(clean: true)
        try Data("%PDF-1.4\n".utf8).write(to: URL(fileURLWithPath: "\(workspace.inbox)/2025-12/DINSOS/Surat Pengantar.pdf"))
        try Data("catatan\n".utf8).write(to: URL(fileURLWithPath: "\(workspace.inbox)/2026-01/BPJS/catatan.txt"))
        let run = try workspace.sigap("run", ["--through", "2026-02"])
        let plain = try twin.sigap("run", ["--through", "2026-02"])
        #expect(run.exitStatus == 0, "\(run)")
        #expect(plain.exitStatus == 0, "\(plain)")
        // The roster beside it is read as without it: the same ledger.
        for month in RunWorkspace.demoMonths {
            #expect(try workspace.read("\(month)/ledger.csv") == twin.read("\(month)/ledger.csv"), "\(month)")
        }
        let december = try workspace.read("2025-12/findings.csv")
        #expect(
            december.contains(
                "2025-12,DINSOS,2025-12/DINSOS/Surat Pengantar.pdf,,,,FILE_IGNORED,warning,dokumen PDF,\"Berkas ini bukan daftar pekerja atau konfirmasi BPJS (dokumen PDF), jadi tidak dibaca."
            ), "\(december)")
        #expect(try workspace.read("2026-01/findings.csv").contains("2026-01/BPJS/catatan.txt,,,,FILE_IGNORED,warning,catatan teks,"))
        let inputs = try workspace.manifests().last?["inputs"] as? [[String: Any]] ?? []
        #expect(
            inputs.contains {
                $0["file"] as? String == "2025-12/DINSOS/Surat Pengantar.pdf" && $0["outcome"] as? String == "ignored: dokumen PDF"
            })
    }

    @Test(
        "a roster saved as .xls or .csv is FILE_UNREADABLE with a cause that says to save it as .xlsx (65); removed and resent as .xlsx, it is read"
    )
    func otherSpreadsheetThenResent() throws {
        let workspace = try RunWorkspace("xls-resent")
        defer { workspace.remove() }
        try workspace.arriveDemo(clean: true)
        let folder = "\(workspace.inbox)/2026-01/DISDIK"
        let roster = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasSuffix(".xlsx") })
        try FileManager.default.moveItem(atPath: "\(folder)/\(roster)", toPath: "\(workspace.folder)/\(roster)")
        try Data("bukan xlsx".utf8).write(to: URL(fileURLWithPath: "\(folder)/daftar.xls"))
        try Data("NIK,NAMA\n".utf8).write(to: URL(fileURLWithPath: "\(folder)/daftar.csv"))
        let run = try workspace.sigap("run", ["--through", "2026-02"])
        #expect(run.exitStatus == 65, "\(run)")
        #expect(
            run.stderr.contains(
                "problem: 2026-01/DISDIK/daftar.xls: a spreadsheet saved as .xls, which is not read: open it in Excel and save it as Excel Workbook (.xlsx), then send it again"
            ), "\(run)")
        #expect(run.stderr.contains("problem: 2026-01/DISDIK/daftar.csv: a CSV file, which is not read as a roster"), "\(run)")
        #expect(try workspace.read("2026-01/findings.csv").contains("2026-01/DISDIK/daftar.xls,,,,FILE_UNREADABLE,error,"))

        // The agency sends the workbook; the data team removes the bad files.
        for name in ["daftar.xls", "daftar.csv"] { try FileManager.default.removeItem(atPath: "\(folder)/\(name)") }
        try FileManager.default.moveItem(atPath: "\(workspace.folder)/\(roster)", toPath: "\(folder)/\(roster)")
        let resent = try workspace.sigap("run", ["--through", "2026-02"])
        #expect(resent.exitStatus == 0, "\(resent)")
        #expect(try !workspace.read("2026-01/findings.csv").contains("FILE_UNREADABLE"))
        let twin = try RunWorkspace("xls-resent-twin")
        defer { twin.remove() }
        try twin.arriveDemo(clean: true)
        #expect(try twin.sigap("run", ["--through", "2026-02"]).exitStatus == 0)
        for month in ["2026-01", "2026-02"] {
            #expect(try workspace.read("\(month)/ledger.csv") == twin.read("\(month)/ledger.csv"), "\(month)")
        }
    }
}
