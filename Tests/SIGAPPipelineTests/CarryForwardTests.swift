import Foundation
import SIGAPDomain
import Testing
import XLSX

@testable import SIGAPPipeline

/// SPEC §3 and §14: which roster a source has in a month when it sends nothing, only lock files, an
/// empty workbook, or a file that cannot be read.
@Suite("Carry-forward of rosters (SPEC §3, §14)")
struct CarryForwardTests {
    typealias Kit = LedgerKit

    /// The texts of column A of a correction workbook's first sheet (its instructions).
    static func instructions(_ path: String) throws -> [String] {
        let workbook = try Workbook(path: path)
        var lines: [String] = []
        _ = try workbook.reader(for: try #require(workbook.sheet(named: CorrectionWorkbook.instructionsSheet))).forEachRow { row in
            if case .string(let text)? = row[column: 1]?.value { lines.append(text) }
        }
        return lines
    }

    /// The NIKs of a source's workers in a loaded month (duplicates left out), in input order.
    static func niks(_ month: MonthRosterLoader.Month, _ source: String) -> [String] {
        month.entries.filter { $0.source == source && !$0.isDuplicate }.map(\.nik)
    }

    static func files(_ month: MonthRosterLoader.Month, _ source: String) -> Set<String> {
        Set(month.entries.filter { $0.source == source }.map(\.file))
    }

    /// Turns 66 in November 2025: in range on 2025-11-01, out of range (age.max 65) on 2025-12-01.
    static let senior = LedgerPerson(
        nik: "3275081511590018", name: "KARTO WIYONO", birthPlace: "BEKASI", birthDate: "15-11-1959", sex: "L",
        kelurahan: "Jatibening", kecamatan: "Pondok Gede", occupation: "TUKANG BECAK")

    // MARK: - No folder

    @Test("a source with no folder in a month keeps its latest roster, month after month, re-validated but not re-reported")
    func noFolderCarriesForward() throws {
        let workspace = try LedgerWorkspace()
        try workspace.roster(
            "2025-11", "DISHUB", [Kit.rahmat.with { $0.phone = "12345" }, Kit.yuliani, Self.senior, Kit.suparman.with { $0.name = "-" }])
        try workspace.roster("2025-11", "DINSOS", [Kit.lestari])
        try workspace.roster("2025-12", "DINSOS", "desember.xlsx", [Kit.darmawan])
        try workspace.roster("2026-01", "DISHUB", "januari.xlsx", [Kit.suparman])
        var loader = try workspace.loader()
        let november = try loader.load(Kit.november)
        let december = try loader.load(Kit.december)
        let january = try loader.load(Kit.january)
        let february = try loader.load(Kit.february)

        #expect(Self.niks(november, "DISHUB") == [Kit.rahmat.nik, Kit.yuliani.nik, Self.senior.nik])
        #expect(november.quarantinedRows == 1)
        #expect(november.findings["DISHUB"]?.map(\.code).sorted { $0.rawValue < $1.rawValue } == [.nameMissing, .phoneInvalid])

        // December: DISHUB sent nothing, November's roster carries forward.
        #expect(Self.niks(december, "DISHUB") == [Kit.rahmat.nik, Kit.yuliani.nik, Self.senior.nik])
        #expect(Self.files(december, "DISHUB") == ["2025-11/DISHUB/roster.xlsx"])
        #expect(december.rosterMonth["DISHUB"] == Kit.november)
        #expect(Self.niks(december, "DINSOS") == [Kit.darmawan.nik])
        #expect(december.rosterMonth["DINSOS"] == Kit.december)
        // Its findings and quarantined rows belong to November only.
        #expect((december.findings["DISHUB"] ?? []).isEmpty)
        #expect(december.quarantinedRows == 0)
        #expect((december.corrections["DISHUB"] ?? []).isEmpty)
        #expect(december.inputs.map(\.file.name) == ["2025-12/DINSOS/desember.xlsx"])
        // Re-validated for December: the senior is now 66, a warning that keeps him listed (its
        // finding belongs to the month the roster was sent, as above).
        #expect(november.entries.contains { $0.nik == Self.senior.nik })
        #expect(december.entries.contains { $0.nik == Self.senior.nik })

        // January: DISHUB's new list replaces it; DINSOS carries December's.
        #expect(Self.niks(january, "DISHUB") == [Kit.suparman.nik])
        #expect(Self.niks(january, "DINSOS") == [Kit.darmawan.nik])
        #expect(january.rosterMonth["DINSOS"] == Kit.december)
        // February: both carried.
        #expect(Self.niks(february, "DISHUB") == [Kit.suparman.nik])
        #expect(february.rosterMonth["DISHUB"] == Kit.january)
        // A source that never sent anything has no roster.
        #expect(february.rosterMonth["DISKOPUKM"] == nil)
        #expect(Self.niks(february, "DISKOPUKM") == [])
    }

    @Test("in the ledger: carried-forward workers are enrolled; findings.csv of the later month does not repeat their findings")
    func noFolderCarriesForwardInRun() throws {
        let workspace = try LedgerWorkspace()
        try workspace.roster("2025-11", "DISHUB", [Kit.rahmat.with { $0.phone = "12345" }, Kit.yuliani])
        try workspace.roster("2025-12", "DINSOS", [Kit.lestari])
        let outcome = try workspace.run(through: "2025-12")
        #expect(outcome.exitCode == 0)
        let december = try workspace.ledger("2025-12")
        #expect(december.map(\.nik) == [Kit.yuliani.nik, Kit.lestari.nik, Kit.rahmat.nik].sorted())
        #expect(Kit.regular(december, Kit.rahmat.nik)?.source == "DISHUB")
        #expect(try workspace.findings("2025-11").map { $0[6] } == ["PHONE_INVALID"])
        #expect(try workspace.findings("2025-12").isEmpty)
        #expect(try workspace.summary("2025-12").figure("by_source", "DISHUB", "workers") == 2)
    }

    // MARK: - Rows put aside for the months that carry them

    /// Everything a user could check of a month's loaded rows: place, duplicate mark and values.
    static func rows(_ month: MonthRosterLoader.Month) -> [String] {
        month.entries.map { "\(RosterEntryListTests.describe($0))|\($0.person)" }
    }

    @Test("a roster carried from the rows put aside gives what reading it again gives; a new year reads again what it may read otherwise")
    func keptRowsCarryForward() throws {
        let workspace = try LedgerWorkspace()
        try workspace.roster(
            "2025-11", "DISHUB",
            [Kit.rahmat.with { $0.phone = "12345" }, Kit.yuliani, Self.senior, Kit.suparman.with { $0.name = "-" }, Kit.rahmat])
        try workspace.roster("2025-11", "DINSOS", [Kit.lestari, Kit.yuliani])
        // A birth date with the digits 26 in it: read by the century rule, 26 is 1926 in 2025 and
        // 2026 from January 2026.
        try workspace.roster("2025-12", "DINSOS", "desember.xlsx", [Kit.darmawan.with { $0.birthDate = "01-06-26" }])
        var reading = try workspace.loader()
        var keeping = try workspace.loader()
        var used: [Int] = []
        for month in [Kit.november, Kit.december, Kit.january, Kit.february] {
            let read = try reading.load(month)
            let kept = try keeping.load(month, keepingRosters: true)
            #expect(Self.rows(kept) == Self.rows(read), "\(month)")
            #expect(kept.rosterMonth == read.rosterMonth)
            used.append(keeping.keptRostersUsed)
        }
        // DISHUB's November roster is taken from its kept rows in December (joined with DINSOS's
        // own December rows), and in January too: no two-digit year it was read with resolves
        // otherwise in 2026. DINSOS's December roster holds one that does (26): it is read again
        // in January, and February takes both from the rows kept.
        #expect(used == [0, 1, 2, 4])
        #expect(reading.keptRostersUsed == 0)
    }

    @Test("when AGE_OUT_OF_RANGE is an error, a carried roster is validated again each month: the senior leaves in December")
    func keptRowsNotUsedWhenAgeQuarantines() throws {
        let workspace = try LedgerWorkspace(severity: ["AGE_OUT_OF_RANGE": "error"])
        try workspace.roster("2025-11", "DISHUB", [Kit.rahmat, Self.senior])
        var loader = try workspace.loader()
        let november = try loader.load(Kit.november, keepingRosters: true)
        let december = try loader.load(Kit.december, keepingRosters: true)
        #expect(Self.niks(november, "DISHUB") == [Kit.rahmat.nik, Self.senior.nik])
        #expect(Self.niks(december, "DISHUB") == [Kit.rahmat.nik])
        #expect(loader.keptRostersUsed == 0)
    }

    // MARK: - Ignored files only

    @Test("a folder holding only ~$ lock files and dot files counts as not sent: carried forward, nothing unreadable")
    func onlyIgnoredFilesCountsAsNotSent() throws {
        let workspace = try LedgerWorkspace()
        try workspace.roster("2025-11", "DISHUB", [Kit.rahmat, Kit.yuliani])
        try workspace.text("lock", to: "2025-12/DISHUB/~$roster desember.xlsx")
        try workspace.text("not a workbook", to: "2025-12/DISHUB/.roster desember.xlsx")
        var loader = try workspace.loader()
        _ = try loader.load(Kit.november)
        let december = try loader.load(Kit.december)
        #expect(Self.niks(december, "DISHUB") == [Kit.rahmat.nik, Kit.yuliani.nik])
        #expect(december.rosterMonth["DISHUB"] == Kit.november)
        #expect(december.unreadable.isEmpty)
        #expect(december.inputs.isEmpty)

        let outcome = try workspace.run(through: "2025-12")
        #expect(outcome.exitCode == 0)
        #expect(try workspace.ledger("2025-12").count == 2)
        #expect(try workspace.findings("2025-12").isEmpty)
    }

    // MARK: - Empty roster

    @Test("an empty roster (header only) means no workers that month, and is what carries forward after it")
    func emptyRosterMeansNoWorkers() throws {
        let workspace = try LedgerWorkspace()
        try workspace.roster("2025-11", "DISHUB", [Kit.rahmat, Kit.yuliani])
        try workspace.roster("2025-11", "DINSOS", [Kit.lestari])
        try workspace.roster("2025-12", "DISHUB", "kosong.xlsx", [])
        var loader = try workspace.loader()
        _ = try loader.load(Kit.november)
        let december = try loader.load(Kit.december)
        let january = try loader.load(Kit.january)
        #expect(Self.niks(december, "DISHUB") == [])
        #expect(december.rosterMonth["DISHUB"] == Kit.december)
        #expect(december.unreadable.isEmpty)
        #expect(december.inputs.map(\.outcome) == ["read"])
        #expect(Self.niks(january, "DISHUB") == [])
        #expect(january.rosterMonth["DISHUB"] == Kit.december)

        try workspace.run(through: "2026-01")
        #expect(try workspace.ledger("2025-11").count == 3)
        #expect(try workspace.ledger("2025-12").map(\.nik) == [Kit.lestari.nik])
        #expect(try workspace.summary("2025-12").figure("by_source", "DISHUB", "workers") == 0)
        #expect(try workspace.summary("2026-01").figure("workers") == 1)
    }

    // MARK: - Unreadable file

    @Test("an unreadable file keeps the previous roster and reports only FILE_UNREADABLE for that folder")
    func unreadableFileKeepsPreviousRoster() throws {
        let workspace = try LedgerWorkspace()
        try workspace.roster("2025-11", "DISHUB", [Kit.rahmat, Kit.yuliani])
        try workspace.roster(
            "2025-12", "DISHUB", "a-baru.xlsx", [Kit.suparman.with { $0.phone = "12345" }, Kit.lestari.with { $0.name = "-" }])
        try workspace.truncatedRoster("2025-12", "DISHUB", "b-rusak.xlsx", [Kit.darmawan])
        try workspace.roster("2025-12", "DINSOS", [Kit.darmawan.with { $0.phone = "999" }])
        var loader = try workspace.loader()
        _ = try loader.load(Kit.november)
        let december = try loader.load(Kit.december)
        let january = try loader.load(Kit.january)

        #expect(Self.niks(december, "DISHUB") == [Kit.rahmat.nik, Kit.yuliani.nik])
        #expect(Self.files(december, "DISHUB") == ["2025-11/DISHUB/roster.xlsx"])
        #expect(december.rosterMonth["DISHUB"] == Kit.november)
        let findings = december.findings["DISHUB"] ?? []
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.code == .fileUnreadable)
        #expect(finding.severity == .error)
        #expect(finding.file == "2025-12/DISHUB/b-rusak.xlsx")
        #expect(finding.sheet == nil && finding.row == nil && finding.cell == nil)
        #expect(!(finding.finding.value ?? "").isEmpty)
        #expect(december.unreadable.map(\.file) == ["2025-12/DISHUB/b-rusak.xlsx"])
        // The folder's readable file is neither enrolled nor reported; DINSOS is unaffected.
        #expect(december.quarantinedRows == 0)
        #expect((december.corrections["DISHUB"] ?? []).isEmpty)
        #expect(december.findings["DINSOS"]?.map(\.code) == [.phoneInvalid])
        let outcomes = Dictionary(uniqueKeysWithValues: december.inputs.map { ($0.file.name, $0.outcome) })
        #expect(outcomes["2025-12/DISHUB/a-baru.xlsx"]?.hasPrefix("not used") == true)
        #expect(outcomes["2025-12/DISHUB/b-rusak.xlsx"]?.hasPrefix("unreadable: ") == true)
        #expect(outcomes["2025-12/DINSOS/roster.xlsx"] == "read")

        // January, no DISHUB folder: still November's roster (the latest usable one).
        #expect(Self.niks(january, "DISHUB") == [Kit.rahmat.nik, Kit.yuliani.nik])
        #expect(january.rosterMonth["DISHUB"] == Kit.november)
    }

    @Test("in a run: the unreadable file gives exit 65, one FILE_UNREADABLE row in findings.csv, November's workers stay")
    func unreadableFileInRun() throws {
        let workspace = try LedgerWorkspace()
        try workspace.roster("2025-11", "DISHUB", [Kit.rahmat, Kit.yuliani])
        try workspace.roster("2025-12", "DISHUB", "a-baru.xlsx", [Kit.suparman.with { $0.phone = "12345" }])
        try workspace.truncatedRoster("2025-12", "DISHUB", "b-rusak.xlsx", [Kit.darmawan])
        try workspace.acknowledgements(
            "2025-12", [Kit.ack("2025-12", Kit.rahmat.nik, kpj: "25120000011", status: "DITERIMA", premium: "16800")])
        let outcome = try workspace.run(through: "2025-12")
        #expect(outcome.exitCode == 65)
        #expect(outcome.problems.contains { $0.contains("2025-12/DISHUB/b-rusak.xlsx") })

        let december = try workspace.ledger("2025-12")
        #expect(december.map(\.nik) == [Kit.rahmat.nik, Kit.yuliani.nik].sorted())
        #expect(Kit.regular(december, Kit.rahmat.nik)?.status == .covered)
        #expect(Kit.regular(december, Kit.suparman.nik) == nil)

        let findings = try workspace.findings("2025-12")
        #expect(findings.count == 1)
        let row = try #require(findings.first)
        #expect(row[0] == "2025-12")
        #expect(row[1] == "DISHUB")
        #expect(row[2] == "2025-12/DISHUB/b-rusak.xlsx")
        #expect(row[3] == "" && row[4] == "" && row[5] == "")
        #expect(row[6] == "FILE_UNREADABLE")
        #expect(row[7] == "error")
        let summary = try workspace.summary("2025-12")
        #expect(summary.figure("findings_by_code", "FILE_UNREADABLE") == 1)
        #expect(summary.figure("quarantined_rows") == 0)
        #expect(summary.figure("by_source", "DISHUB", "workers") == 2)
        // DISHUB's correction workbook says which file, why, and what to send (issue 13).
        let lines = try Self.instructions("\(workspace.out)/2025-12/koreksi/DISHUB.xlsx")
        #expect(lines.contains("Berkas yang tidak dapat dibaca"), "\(lines)")
        #expect(lines.contains("Berkas: 2025-12/DISHUB/b-rusak.xlsx"), "\(lines)")
        #expect(lines.contains("Sebab: berkas terpotong atau rusak (arsip ZIP tidak utuh): kirim ulang berkas aslinya"), "\(lines)")
        #expect(
            lines.contains {
                $0.hasPrefix("Yang perlu dikirim: seluruh daftar pekerja bulan ini sebagai Excel Workbook (.xlsx)")
                    && $0.hasSuffix("sementara itu daftar November 2025 yang dipakai.")
            }, "\(lines)")

        // Once the bad file is replaced, the folder is read in full.
        try workspace.remove("2025-12/DISHUB/b-rusak.xlsx")
        try workspace.roster("2025-12", "DISHUB", "b-rusak.xlsx", [Kit.darmawan])
        let fixed = try workspace.run(through: "2025-12")
        #expect(fixed.exitCode == 0)
        let repaired = try workspace.ledger("2025-12")
        #expect(repaired.map(\.nik) == [Kit.suparman.nik, Kit.darmawan.nik, Kit.rahmat.nik].sorted())
        // Rahmat left DISHUB's roster but BPJS accepted him for December.
        #expect(Kit.regular(repaired, Kit.rahmat.nik)?.status == .unexpected)
        #expect(try workspace.findings("2025-12").map { $0[6] } == ["PHONE_INVALID"])
        // The notice is gone with the bad file (the workbook now lists the row to correct only).
        let after = try Self.instructions("\(workspace.out)/2025-12/koreksi/DISHUB.xlsx")
        #expect(!after.contains("Berkas yang tidak dapat dibaca"), "\(after)")
    }

    @Test("a bad file in the first month a source sends leaves it with no workers, that month and after")
    func badFileInFirstMonth() throws {
        let workspace = try LedgerWorkspace()
        try workspace.truncatedRoster("2025-11", "DISHUB", "rusak.xlsx", [Kit.rahmat, Kit.yuliani])
        try workspace.roster("2025-11", "DINSOS", [Kit.lestari])
        var loader = try workspace.loader()
        let november = try loader.load(Kit.november)
        let december = try loader.load(Kit.december)
        #expect(Self.niks(november, "DISHUB") == [])
        #expect(november.rosterMonth["DISHUB"] == nil)
        #expect(november.findings["DISHUB"]?.map(\.code) == [.fileUnreadable])
        #expect(Self.niks(december, "DISHUB") == [])

        let outcome = try workspace.run(through: "2025-12")
        #expect(outcome.exitCode == 65)
        #expect(try workspace.ledger("2025-11").map(\.nik) == [Kit.lestari.nik])
        #expect(try workspace.summary("2025-11").figure("by_source", "DISHUB", "workers") == 0)
        #expect(try workspace.findings("2025-11").map { $0[6] } == ["FILE_UNREADABLE"])
        #expect(try workspace.ledger("2025-12").map(\.nik) == [Kit.lestari.nik])
        #expect(try workspace.findings("2025-12").isEmpty)
    }
}
