import Foundation
import Testing
import XLSX

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

extension DataTeamTests {
    @Test(
        "intake in summary.json: received, carried forward, unreadable and none per source; BPJS files and rows as the acknowledgements view counts them"
    )
    func intake() throws {
        let workspace = try RunWorkspace("intake")
        defer { workspace.remove() }
        try workspace.arriveDemo()
        #expect(try workspace.sigap("run", ["--through", "2026-02"]).exitStatus == 65)
        func intake(_ month: String) throws -> [String: [String: Any]] {
            let summary = try RunWorkspace.json(contentsOf: "\(workspace.out)/\(month)/summary.json")
            return try #require(summary["intake"] as? [String: [String: Any]])
        }
        func state(_ month: String, _ source: String) throws -> [String] {
            let entry = try intake(month)[source] ?? [:]
            return ["state", "files", "rows", "from_month"].map { "\(entry[$0] ?? "")" }
        }
        // November: DISDIK has never sent anything.
        #expect(try state("2025-11", "DISDIK") == ["none", "0", "0", ""])
        #expect(try state("2025-11", "DISHUB") == ["received", "1", "4", "2025-11"])
        // December: DISHUB sent nothing (carried forward); DISKOPUKM's upload is damaged (November's kept).
        #expect(try state("2025-12", "DISHUB") == ["carried_forward", "0", "0", "2025-11"])
        #expect(try state("2025-12", "DISKOPUKM") == ["unreadable", "0", "0", "2025-11"])
        #expect(try state("2025-12", "DISDIK") == ["received", "1", "2", "2025-12"])
        // February: only Excel's lock file from DISHUB: not sent.
        #expect(try state("2026-02", "DISHUB") == ["carried_forward", "0", "0", "2026-01"])
        // The same in `sigap status --month` and at the top of the month's report.
        let status = try workspace.sigap("status", ["--month", "2025-12"])
        #expect(status.exitStatus == 0, "\(status)")
        #expect(
            Array(status.stdoutLines.dropFirst()) == [
                "intake:", "  DISHUB      carried forward  the roster of 2025-11", "  DINSOS      received         1 file, 3 rows",
                "  DISKOPUKM   unreadable       the roster of 2025-11 kept (see findings.csv)",
                "  DISDIK      received         1 file, 2 rows",
                "  BPJS        received         1 file, 10 rows",
            ], "\(status)")
        let report = try workspace.read("2025-12/report.html")
        #expect(report.contains("<section id=\"kiriman\">\n<h2>Kiriman bulan ini</h2>"))
        for (source, state, words) in [
            ("DISHUB", "carried_forward", "tidak mengirim: daftar November 2025 dipakai"),
            ("DISKOPUKM", "unreadable", "berkas tidak terbaca: daftar November 2025 tetap dipakai"), ("DINSOS", "received", "diterima"),
        ] {
            #expect(report.contains("<tr data-source=\"\(source)\" data-state=\"\(state)\"><td>"), "\(source)")
            #expect(report.contains("<td>\(words)</td>"), "\(source)")
        }
        #expect(try workspace.read("2025-11/report.html").contains("<td>belum pernah mengirim</td>"))
        for month in RunWorkspace.demoMonths {
            let bpjs = try intake(month)["BPJS"] ?? [:]
            let arrived = try workspace.query(
                "SELECT COUNT(*), COUNT(DISTINCT file) FROM acknowledgements WHERE arrived_month = ?", [month])
            #expect(arrived == [["\(bpjs["rows"] ?? "")", "\(bpjs["files"] ?? "")"]], "\(month)")
        }
    }
}

extension DataTeamTests {
    @Test("a folder named like a declared source in another case or spelling: not read, 65, and the message says which source was meant")
    func didYouMean() throws {
        let workspace = try RunWorkspace("did-you-mean")
        defer { workspace.remove() }
        try workspace.arriveDemo(["2025-11"], clean: true)
        try FileManager.default.moveItem(atPath: "\(workspace.inbox)/2025-11/DISKOPUKM", toPath: "\(workspace.inbox)/2025-11/diskopukm")
        try FileManager.default.createDirectory(atPath: "\(workspace.inbox)/2025-11/DINAS-X", withIntermediateDirectories: true)
        let run = try workspace.sigap("run", ["--through", "2025-11"])
        #expect(run.exitStatus == 65, "\(run)")
        #expect(
            run.stderr.contains(
                "problem: 2025-11/diskopukm: not a source declared in the pipeline: not read (did you mean DISKOPUKM? rename the folder)"),
            "\(run)")
        #expect(run.stderr.contains("problem: 2025-11/DINAS-X: not a source declared in the pipeline: not read\n"), "\(run)")
    }
}

extension DataTeamTests {
    @Test(
        "Perlu diperiksa: flagged lines with our premium, BPJS's bill, KPJ before → now and BPJS's name; BPJS's rejection texts; the same in ledger.xlsx and from sigap report"
    )
    func forFinance() throws {
        let workspace = try RunWorkspace("finance")
        defer { workspace.remove() }
        try workspace.arriveDemo(clean: true)
        #expect(try workspace.sigap("run", ["--through", "2026-02"]).exitStatus == 0)
        let html = try workspace.read("2025-12/report.html")
        let start = try #require(html.range(of: "<section id=\"perlu-diperiksa\">"))
        let section = String(html[start.lowerBound...].prefix { $0 != "§" }.split(separator: "</section>").first ?? "")
        // December's answers (fixtures/demo-inbox/README.md): a wrong amount, another name, a changed KPJ.
        for row in [
            "<td class=\"mono\">327504******0004</td><td>DEWI LESTARI</td><td>DINSOS</td><td>Tagihan BPJS berbeda</td><td class=\"num\">Rp 16.800</td><td class=\"num\">Rp 16.000</td>",
            "<td>Nama berbeda dengan BPJS</td><td class=\"num\">Rp 16.800</td><td class=\"num\">Rp 16.800</td><td>2******0009</td><td>DEDI KURNIAWAN</td>",
            "<td>AHMAD FAUZI</td><td>DISHUB</td><td>Nomor KPJ berubah</td><td class=\"num\">Rp 16.800</td><td class=\"num\">Rp 16.800</td><td>2******0001 → 2******0099</td>",
            "<td>LAINNYA</td><td>Alasan lain (lihat keterangan dari BPJS)</td><td>Ditolak oleh sistem</td><td class=\"num\">1</td>",
            "<td>DATA_TIDAK_LENGKAP</td><td>Data peserta tidak lengkap</td><td>Data NIK kosong</td><td class=\"num\">1</td>",
        ] {
            #expect(section.contains(row), "\(row)\n\(section)")
        }
        // November: BPJS accepted someone no agency listed.
        #expect(try workspace.read("2025-11/report.html").contains("<h3>Diterima BPJS tanpa terdaftar</h3>"))

        // ledger.xlsx: the sheet of the same name, full NIK, the amounts as numbers.
        let workbook = try Workbook(path: "\(workspace.out)/2025-12/ledger.xlsx")
        var rows: [[String]] = []
        _ = try workbook.reader(for: try #require(workbook.sheet(named: "Perlu Diperiksa"))).forEachRow { row in
            rows.append(
                (1...10).map { column in
                    switch row[column: column]?.value {
                    case .string(let text)?: text
                    case .number(let number)?: String(Int(number))
                    default: ""
                    }
                })
        }
        #expect(
            rows.first == [
                "NIK", "Nama", "Dinas", "Status", "Tanda", "Iuran Kita", "Tagihan BPJS", "KPJ Sebelumnya", "KPJ Sekarang", "Nama di BPJS",
            ])
        #expect(
            rows.contains { $0[1] == "DEWI LESTARI" && $0[4] == "Tagihan BPJS berbeda" && $0[5] == "16800" && $0[6] == "16000" }, "\(rows)")
        #expect(rows.contains { $0[1] == "DEDY SUPRIYADI" && $0[9] == "DEDI KURNIAWAN" }, "\(rows)")
        #expect(rows.contains { $0[1] == "AHMAD FAUZI" && $0[7].hasSuffix("0001") && $0[8].hasSuffix("0099") }, "\(rows)")

        // The report written again from the store alone is the same page.
        let again = try workspace.sigap("report", ["2025-12"])
        #expect(again.exitStatus == 0, "\(again)")
        #expect(try workspace.read("2025-12/report.html") == html)
    }
}
