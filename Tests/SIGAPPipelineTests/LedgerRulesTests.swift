import Foundation
import SIGAPDomain
import Testing

@testable import SIGAPPipeline

/// SPEC §8.1-§8.3 and §14, rule by rule: who owns a worker, which values survive, which rows
/// conflict, which acknowledgement counts, the status and premium of each line, and its flags.
@Suite("Ledger rules: dedupe, acknowledgements, statuses, flags (SPEC §8, §14)")
struct LedgerRulesTests {
    typealias Kit = LedgerKit
    static let priority = ["DISHUB", "DINSOS", "DISKOPUKM"]

    static func merge(_ rows: [(source: String, person: LedgerPerson)]) -> Deduplicator.Result {
        Deduplicator(priority: priority).merge(Kit.entries(rows))
    }

    // MARK: - §8.1 Owner, sources, survivor

    @Test("a NIK listed by DINSOS and DISHUB belongs to DISHUB; sources in pipeline order; DISHUB's first row survives")
    func ownerByPriority() throws {
        let person = Kit.rahmat
        let result = Self.merge([
            ("DISKOPUKM", person.with { $0.occupation = "PEDAGANG" }),
            ("DINSOS", person.with { $0.occupation = "PEMULUNG" }),
            ("DISHUB", person.with { $0.occupation = "OJEK PANGKALAN" }),
            ("DISHUB", person.with { $0.occupation = "SOPIR ANGKOT" }),
        ])
        #expect(result.workers.count == 1)
        let worker = try #require(result.workers.first)
        #expect(worker.owner == "DISHUB")
        #expect(worker.sources == ["DISHUB", "DINSOS", "DISKOPUKM"])
        #expect(worker.file == "2025-11/DISHUB/roster.xlsx")
        #expect(worker.row == 2)
        #expect(worker.occupation == "OJEK PANGKALAN")
        #expect(worker.name == "RAHMAT HIDAYAT")
    }

    @Test("without DISHUB, DINSOS owns the NIK even when DISKOPUKM's rows come first; sources in pipeline order")
    func ownerAmongLowerPriorities() throws {
        let result = Self.merge([
            ("DISKOPUKM", Kit.yuliani.with { $0.occupation = "PEDAGANG SAYUR" }),
            ("DINSOS", Kit.yuliani.with { $0.occupation = "BURUH CUCI" }),
        ])
        let worker = try #require(result.workers.first)
        #expect(worker.owner == "DINSOS")
        #expect(worker.sources == ["DINSOS", "DISKOPUKM"])
        #expect(worker.occupation == "BURUH CUCI")
        #expect(worker.file == "2025-11/DINSOS/roster.xlsx")
    }

    @Test("workers are one per NIK, sorted by NIK")
    func onePerNIK() {
        let result = Self.merge([
            ("DINSOS", Kit.yuliani), ("DISHUB", Kit.suparman), ("DINSOS", Kit.rahmat), ("DISHUB", Kit.rahmat),
        ])
        #expect(result.workers.map(\.nik) == [Kit.yuliani.nik, Kit.suparman.nik, Kit.rahmat.nik].sorted())
        let owners = Dictionary(uniqueKeysWithValues: result.workers.map { ($0.nik, $0.owner) })
        #expect(owners == [Kit.yuliani.nik: "DINSOS", Kit.suparman.nik: "DISHUB", Kit.rahmat.nik: "DISHUB"])
    }

    @Test("in the ledger: owner DISHUB, sources DISHUB;DINSOS, the survivor's values; by_source counts the worker once")
    func ownerInLedger() throws {
        let workspace = try LedgerWorkspace()
        try workspace.roster("2025-11", "DINSOS", [Kit.rahmat.with { $0.occupation = "PEMULUNG" }, Kit.yuliani])
        try workspace.roster("2025-11", "DISHUB", [Kit.rahmat])
        let outcome = try workspace.run(through: "2025-11")
        #expect(outcome.exitCode == 0)
        let records = try workspace.ledgerRecords("2025-11")
        let header = try #require(records.first)
        let rahmat = try #require(records.first { $0.count > 3 && $0[3] == Kit.rahmat.nik })
        let row = Dictionary(uniqueKeysWithValues: zip(header, rahmat))
        #expect(row["source"] == "DISHUB")
        #expect(row["sources"] == "DISHUB;DINSOS")
        #expect(row["occupation"] == "OJEK DARING")
        #expect(row["kecamatan_code"] == "32.75.08")
        let yuliani = try #require(Kit.regular(try workspace.ledger("2025-11"), Kit.yuliani.nik))
        #expect(yuliani.source == "DINSOS")
        #expect(yuliani.sources == ["DINSOS"])
        let summary = try workspace.summary("2025-11")
        #expect(summary.figure("workers") == 2)
        #expect(summary.figure("by_source", "DISHUB", "workers") == 1)
        #expect(summary.figure("by_source", "DINSOS", "workers") == 1)
        #expect(summary.figure("by_source", "DISKOPUKM", "workers") == 0)
    }

    // MARK: - §8.1, §14 Field fill

    @Test("empty fields of the survivor are filled from the other rows in priority, then input order")
    func fieldFill() throws {
        let full = Kit.rahmat
        let result = Self.merge([
            ("DINSOS", full.with { $0.occupation = "PEMULUNG" }),
            ("DISHUB", full.bare),
            (
                "DISKOPUKM",
                full.with {
                    $0.occupation = "PEDAGANG"; $0.phone = "0899-0000-1111"
                }
            ),
            ("DISHUB", full.bare.with { $0.occupation = "OJEK PANGKALAN" }),
        ])
        let worker = try #require(result.workers.first)
        #expect(worker.owner == "DISHUB")
        #expect(worker.file == "2025-11/DISHUB/roster.xlsx" && worker.row == 2)
        // DISHUB's own later (duplicate) row comes before DINSOS in priority.
        #expect(worker.occupation == "OJEK PANGKALAN")
        // DINSOS before DISKOPUKM.
        #expect(worker.phone == "+6281234001100")
        #expect(worker.birthPlace == "BEKASI")
        #expect(worker.birthDate == CivilDate(year: 1986, month: 5, day: 14))
        #expect(worker.sex == .male)
        #expect(worker.address == "JL. JATIBENING RAYA NO. 4")
        #expect(worker.kecamatan?.code == "32.75.08")
        #expect(worker.kelurahan?.name == "Jatibening")
        #expect(worker.identityConflict == false)
    }

    @Test("an unreadable value of the survivor is not replaced by another row's valid one")
    func unreadableNotReplaced() throws {
        let survivor = Kit.rahmat.with {
            $0.birthDate = "bukan tanggal"
            $0.sex = "X"
            $0.kecamatan = "Antah Berantah"
            $0.phone = "12345"
        }
        let result = Self.merge([("DISHUB", survivor), ("DINSOS", Kit.rahmat)])
        let worker = try #require(result.workers.first)
        #expect(worker.birthDate == nil)
        #expect(worker.sex == nil)
        #expect(worker.kecamatan?.code == nil)
        #expect(worker.kecamatan?.name == "Antah Berantah")
        #expect(worker.phone == "12345")
        // An unreadable date is not a valid stated date: no identity conflict either.
        #expect(worker.identityConflict == false)
        #expect(result.conflicts.isEmpty)
    }

    @Test("a lone row's placeholder cells (`-`, blanks) are empty in the worker, as when rows are merged")
    func loneRowPlaceholders() throws {
        let lone = Kit.rahmat.with {
            $0.phone = "-"
            $0.address = "  "
            $0.occupation = "-"
        }
        let result = Self.merge([("DISHUB", lone)])
        let worker = try #require(result.workers.first)
        #expect(worker.phone == nil)
        #expect(worker.address == nil)
        #expect(worker.occupation == nil)
        #expect(worker.birthPlace == "BEKASI")
        // The enrolment list shows them empty.
        let row = SubmissionRow(worker: worker)
        #expect(row.phone == "" && row.address == "" && row.occupation == "")
        // Merged with a second row, the same cells are filled from it.
        let merged = try #require(Self.merge([("DISHUB", lone), ("DINSOS", Kit.rahmat)]).workers.first)
        #expect(merged.phone == "+6281234001100")
        #expect(merged.occupation == "OJEK DARING")
    }

    @Test("same-source duplicates fill too (§14): DISHUB's second row fills DISHUB's first")
    func sameSourceDuplicatesFill() throws {
        let result = Self.merge([("DISHUB", Kit.rahmat.bare), ("DISHUB", Kit.rahmat)])
        let worker = try #require(result.workers.first)
        #expect(worker.sources == ["DISHUB"])
        #expect(worker.row == 2)
        #expect(worker.occupation == "OJEK DARING")
        #expect(worker.phone == "+6281234001100")
        #expect(worker.kecamatan?.code == "32.75.08")
        #expect(worker.birthDate == CivilDate(year: 1986, month: 5, day: 14))
    }

    @Test("in the ledger: a same-source duplicate fills kecamatan, kelurahan and occupation; DUPLICATE_ROW is reported")
    func sameSourceDuplicatesFillInLedger() throws {
        let workspace = try LedgerWorkspace()
        try workspace.roster("2025-11", "DISHUB", [Kit.rahmat.bare, Kit.rahmat])
        try workspace.run(through: "2025-11")
        let lines = try workspace.ledger("2025-11")
        #expect(lines.count == 1)
        let line = try #require(Kit.regular(lines, Kit.rahmat.nik))
        #expect(line.kecamatanCode == "32.75.08")
        #expect(line.kecamatan == "Pondokgede")
        #expect(line.kelurahan == "Jatibening")
        #expect(line.occupation == "OJEK DARING")
        let duplicates = try workspace.findings("2025-11").filter { $0[6] == "DUPLICATE_ROW" }
        #expect(duplicates.count == 1)
        #expect(duplicates.first?[2] == "2025-11/DISHUB/roster.xlsx")
        #expect(duplicates.first?[4] == "3")
        #expect(try workspace.summary("2025-11").figure("workers") == 1)
    }

    // MARK: - §5.2, §14 IDENTITY_CONFLICT

    @Test("IDENTITY_CONFLICT: one finding on each later conflicting row (another valid birth date, a different name)")
    func identityConflict() throws {
        let result = Self.merge([
            ("DISHUB", Kit.rahmat),
            ("DINSOS", Kit.rahmat.with { $0.birthDate = "15-05-1986" }),
            ("DISKOPUKM", Kit.rahmat.with { $0.name = "Bambang Sutrisno" }),
            ("DISHUB", Kit.yuliani),
        ])
        #expect(result.conflicts.count == 2)
        #expect(result.conflicts.map(\.entry.source) == ["DINSOS", "DISKOPUKM"])
        #expect(result.conflicts.allSatisfy { $0.finding.code == .identityConflict && $0.finding.value == Kit.rahmat.nik })
        #expect(result.conflicts.allSatisfy { $0.finding.severity == .warning })
        let rahmat = try #require(result.workers.first { $0.nik == Kit.rahmat.nik })
        let yuliani = try #require(result.workers.first { $0.nik == Kit.yuliani.nik })
        #expect(rahmat.identityConflict)
        #expect(!yuliani.identityConflict)
    }

    @Test("no IDENTITY_CONFLICT for titles, a close spelling (Jaro–Winkler ≥ 0.85), a missing or an unreadable date")
    func noIdentityConflict() throws {
        let result = Self.merge([
            ("DISHUB", Kit.rahmat),
            ("DINSOS", Kit.rahmat.bare.with { $0.name = "H. RAHMAT HIDAYAT, S.Pd" }),
            ("DINSOS", Kit.rahmat.with { $0.birthDate = "bukan tanggal" }),
            ("DISKOPUKM", Kit.rahmat.with { $0.name = "Rachmat Hidayat" }),
        ])
        #expect(result.conflicts.isEmpty)
        #expect(result.workers.first?.identityConflict == false)
    }

    @Test("the conflict is found on the later row by priority, even when it comes first in input order")
    func identityConflictOnLowerPriorityRow() throws {
        let result = Self.merge([("DINSOS", Kit.rahmat.with { $0.birthDate = "15-05-1986" }), ("DISHUB", Kit.rahmat)])
        #expect(result.conflicts.map(\.entry.source) == ["DINSOS"])
        #expect(result.workers.first?.owner == "DISHUB")
        #expect(result.workers.first?.birthDate == CivilDate(year: 1986, month: 5, day: 14))
    }

    @Test("in the ledger: the worker's line is flagged IDENTITY_CONFLICT and findings.csv points at the later row's NIK cell")
    func identityConflictInLedger() throws {
        let workspace = try LedgerWorkspace()
        try workspace.roster("2025-11", "DISHUB", [Kit.rahmat, Kit.yuliani])
        try workspace.roster("2025-11", "DINSOS", [Kit.suparman, Kit.rahmat.with { $0.birthDate = "15-05-1986" }])
        try workspace.run(through: "2025-11")
        let lines = try workspace.ledger("2025-11")
        #expect(Kit.regular(lines, Kit.rahmat.nik)?.flags == [.identityConflict])
        #expect(Kit.regular(lines, Kit.yuliani.nik)?.flags == [])
        let conflicts = try workspace.findings("2025-11").filter { $0[6] == "IDENTITY_CONFLICT" }
        #expect(conflicts.count == 1)
        let conflict = try #require(conflicts.first)
        #expect(conflict[1] == "DINSOS")
        #expect(conflict[2] == "2025-11/DINSOS/roster.xlsx")
        #expect(conflict[4] == "3")
        #expect(conflict[5] == "A3")
        #expect(try workspace.summary("2025-11").figure("findings_by_code", "IDENTITY_CONFLICT") == 1)
    }

    @Test("IDENTITY_CONFLICT findings come out in one order every time (findings.csv is byte-identical on reruns): input order")
    func conflictFindingsInStableOrder() throws {
        let karto = LedgerPerson(nik: "3275081511590018", name: "KARTO WIYONO", birthDate: "15-11-1959")
        let sumiati = LedgerPerson(nik: "3275014903620019", name: "SUMIATI", birthDate: "09-03-1962")
        let people = [Kit.rahmat, Kit.yuliani, Kit.suparman, Kit.lestari, Kit.darmawan, karto, sumiati]
        let otherDates = ["15-05-1986", "23-07-1991", "04-09-1978", "16-11-1993", "02-06-1980", "16-11-1959", "10-03-1962"]
        var entries = Kit.entries(
            people.map { ("DISHUB", $0) } + zip(people, otherDates).map { person, date in ("DINSOS", person.with { $0.birthDate = date }) })
        // DINSOS's roster.xlsx has one sheet per trade, each conflicting row on row 2 of its sheet;
        // its lampiran.xlsx holds two more, on rows 7 and 3.
        let sheets = ["Ojek", "Pedagang", "Buruh", "Guru", "Becak"]
        for (offset, sheet) in sheets.enumerated() {
            entries[people.count + offset].sheet = sheet
            entries[people.count + offset].row = 2
        }
        for (offset, row) in [7, 3].enumerated() {
            entries[people.count + sheets.count + offset].file = "2025-11/DINSOS/lampiran.xlsx"
            entries[people.count + sheets.count + offset].row = row
        }
        var orders: Set<[String]> = []
        for _ in 0..<40 {
            let conflicts = Deduplicator(priority: Self.priority).merge(entries).conflicts
            orders.insert(conflicts.map { "\($0.entry.file) \($0.entry.sheet)!\($0.entry.row)" })
        }
        #expect(orders.count == 1)
        let order = try #require(orders.first)
        #expect(order.count == 7)
        // Input order (the order rows reached the deduplicator: sheets in workbook order), not NIK
        // order and not re-sorted by row number.
        #expect(
            order == sheets.map { "2025-11/DINSOS/roster.xlsx \($0)!2" }
                + ["2025-11/DINSOS/lampiran.xlsx Data!7", "2025-11/DINSOS/lampiran.xlsx Data!3"])
    }

    @Test("with IDENTITY_CONFLICT raised to error (§5, §9), the later conflicting row is quarantined: no source listed, no fill")
    func identityConflictAsErrorQuarantines() throws {
        let workspace = try LedgerWorkspace(severity: ["IDENTITY_CONFLICT": "error"])
        try workspace.roster(
            "2025-11", "DISHUB",
            [
                Kit.rahmat.with {
                    $0.occupation = nil; $0.kecamatan = nil; $0.kelurahan = nil
                }
            ])
        try workspace.roster("2025-11", "DINSOS", [Kit.rahmat.with { $0.birthDate = "15-05-1986" }])
        try workspace.run(through: "2025-11")
        let conflict = try #require(try workspace.findings("2025-11").first { $0[6] == "IDENTITY_CONFLICT" })
        #expect(conflict[7] == "error")
        let line = try #require(Kit.regular(try workspace.ledger("2025-11"), Kit.rahmat.nik))
        #expect(line.sources == ["DISHUB"])
        #expect(line.occupation == "")
        #expect(line.kecamatanCode == "")
        #expect(try workspace.summary("2025-11").figure("quarantined_rows") == 1)
    }

    @Test("with DUPLICATE_ROW raised to error (§5, §9), the duplicate is quarantined and fills nothing")
    func duplicateRowAsErrorQuarantines() throws {
        let workspace = try LedgerWorkspace(severity: ["DUPLICATE_ROW": "error"])
        try workspace.roster("2025-11", "DISHUB", [Kit.rahmat.bare, Kit.rahmat])
        try workspace.run(through: "2025-11")
        let duplicate = try #require(try workspace.findings("2025-11").first { $0[6] == "DUPLICATE_ROW" })
        #expect(duplicate[7] == "error")
        let line = try #require(Kit.regular(try workspace.ledger("2025-11"), Kit.rahmat.nik))
        #expect(line.occupation == "")
        #expect(line.kecamatanCode == "")
        #expect(try workspace.summary("2025-11").figure("quarantined_rows") == 1)
    }

    // MARK: - §8.2, §14 Effective acknowledgement

    @Test("the effective acknowledgement is the last valid one by inbox month, then file name, then row")
    func effectiveAcknowledgement() throws {
        let workspace = try LedgerWorkspace()
        try workspace.roster("2025-11", "DISHUB", [Kit.rahmat, Kit.yuliani, Kit.suparman, Kit.lestari])
        try workspace.acknowledgements(
            "2025-11", "a.csv",
            [
                Kit.ack("2025-11", Kit.rahmat.nik, kpj: "25110000011", status: "DITERIMA", premium: "16800"),
                Kit.ack("2025-11", Kit.yuliani.nik, status: "DITOLAK", reason: "Usia peserta melebihi batas"),
                // Same file: the later row wins.
                Kit.ack("2025-11", Kit.suparman.nik, kpj: "25110000013", status: "DITERIMA", premium: "16800"),
                Kit.ack("2025-11", Kit.suparman.nik, status: "DITOLAK", reason: "NIK tidak padan"),
                Kit.ack("2025-11", Kit.lestari.nik, status: "DITOLAK", reason: "Data tidak lengkap"),
            ])
        try workspace.acknowledgements(
            "2025-11", "b.csv",
            [
                // A later file of the same inbox month wins over a.csv.
                Kit.ack("2025-11", Kit.rahmat.nik, status: "DITOLAK", reason: "Sudah terdaftar aktif di perusahaan lain"),
                // Accepted without a KPJ: invalid, quarantined, does not override the rejection.
                Kit.ack("2025-11", Kit.yuliani.nik, status: "DITERIMA", premium: "16800"),
            ])
        try workspace.acknowledgements(
            "2025-12", "0-susulan.csv",
            [
                // A later inbox month wins whatever the file name.
                Kit.ack("2025-11", Kit.rahmat.nik, kpj: "25110000099", status: "DITERIMA", premium: "16800"),
                // An unreadable period: invalid, does not override.
                Kit.ack("bulan tiga belas", Kit.lestari.nik, kpj: "25110000014", status: "DITERIMA", premium: "16800"),
            ])
        let outcome = try workspace.run(through: "2025-12")
        #expect(outcome.exitCode == 0)
        let november = try workspace.ledger("2025-11")
        let rahmat = try #require(Kit.regular(november, Kit.rahmat.nik))
        #expect(rahmat.status == .covered)
        #expect(rahmat.kpj == "25110000099")
        #expect(rahmat.premium == Kit.rate)
        #expect(Kit.regular(november, Kit.yuliani.nik)?.status == .rejected)
        #expect(Kit.regular(november, Kit.yuliani.nik)?.reasonCode == "USIA")
        #expect(Kit.regular(november, Kit.suparman.nik)?.status == .rejected)
        #expect(Kit.regular(november, Kit.suparman.nik)?.reasonCode == "NIK_TIDAK_PADAN")
        #expect(Kit.regular(november, Kit.suparman.nik)?.kpj == "")
        #expect(Kit.regular(november, Kit.lestari.nik)?.status == .rejected)
        #expect(Kit.regular(november, Kit.lestari.nik)?.reasonCode == "DATA_TIDAK_LENGKAP")
        // Quarantined acknowledgement rows belong to the inbox month their file arrived in.
        let novemberFindings = try workspace.findings("2025-11")
        #expect(novemberFindings.filter { $0[1] == "BPJS" }.map { $0[6] } == ["ACK_KPJ_MISSING"])
        #expect(try workspace.findings("2025-12").filter { $0[1] == "BPJS" }.map { $0[6] } == ["ACK_PERIOD_INVALID"])
        #expect(try workspace.summary("2025-11").figure("quarantined_rows") == 1)
        #expect(try workspace.summary("2025-12").figure("quarantined_rows") == 1)
        let summary = try workspace.summary("2025-11")
        #expect(summary.figure("covered") == 1)
        #expect(summary.figure("rejected") == 3)
        #expect(summary.figure("rejections_by_reason", "USIA") == 1)
        #expect(summary.figure("rejections_by_reason", "NIK_TIDAK_PADAN") == 1)
        #expect(summary.figure("rejections_by_reason", "DATA_TIDAK_LENGKAP") == 1)
    }

    // MARK: - §8.3 Statuses and premiums

    @Test("COVERED pays the rate, REJECTED 0 with its reason code, PENDING 0 in pending_exposure, UNEXPECTED 0 in disputed_amount")
    func statuses() throws {
        let workers = Kit.workers([
            ("DISHUB", Kit.rahmat), ("DISHUB", Kit.yuliani), ("DISHUB", Kit.suparman), ("DINSOS", Kit.lestari),
            ("DINSOS", Kit.darmawan),
        ])
        let acks = LedgerKitAcknowledgements([
            Kit.november: [
                Kit.accepted(Kit.rahmat.nik, name: "RAHMAT HIDAYAT", kpj: "25110000011", premium: 16_800),
                Kit.rejected(Kit.yuliani.nik, reason: "USIA"),
                Kit.rejected(Kit.suparman.nik),
                Kit.accepted(Kit.stranger, name: "dr. Sutrisno", kpj: "25110000016", premium: 16_000),
                Kit.rejected(Kit.otherStranger, reason: "NIK_TIDAK_PADAN"),
            ]
        ])
        let result = Reconciler(month: Kit.november, rate: Kit.rate).reconcile(workers, acknowledgements: acks, latestCoveredKPJ: [:])
        #expect(result.lines.map(\.nik) == result.lines.map(\.nik).sorted())
        #expect(result.lines.count == 6)

        let covered = try #require(Kit.regular(result.lines, Kit.rahmat.nik))
        #expect(covered.status == .covered)
        #expect(covered.premium == 16_800)
        #expect(covered.kpj == "25110000011")
        #expect(covered.reasonCode == "")
        #expect(covered.previousStatus == nil)

        let rejected = try #require(Kit.regular(result.lines, Kit.yuliani.nik))
        #expect(rejected.status == .rejected)
        #expect(rejected.premium == 0)
        #expect(rejected.reasonCode == "USIA")
        let noReason = try #require(Kit.regular(result.lines, Kit.suparman.nik))
        #expect(noReason.status == .rejected)
        #expect(noReason.reasonCode == "LAINNYA")

        for nik in [Kit.lestari.nik, Kit.darmawan.nik] {
            let pending = try #require(Kit.regular(result.lines, nik))
            #expect(pending.status == .pending)
            #expect(pending.premium == 0)
            #expect(pending.kpj == "")
            #expect(pending.reasonCode == "")
            #expect(pending.source == "DINSOS")
        }
        #expect(result.pendingExposure == 2 * 16_800)

        let unexpected = try #require(Kit.regular(result.lines, Kit.stranger))
        #expect(unexpected.status == .unexpected)
        #expect(unexpected.premium == 0)
        #expect(unexpected.name == "DR. SUTRISNO")
        #expect(unexpected.kpj == "25110000016")
        #expect(unexpected.source == "")
        #expect(unexpected.sources == [])
        #expect(unexpected.kecamatanCode == "" && unexpected.kecamatan == "" && unexpected.kelurahan == "")
        #expect(unexpected.occupation == "")
        #expect(unexpected.flags == [])
        #expect(result.disputedAmount == 16_000)

        // The orphan rejection is counted and has no line.
        #expect(result.orphanRejections == 1)
        #expect(Kit.regular(result.lines, Kit.otherStranger) == nil)
    }

    @Test("the premium is the rate in force given to the reconciler (a later rate: 17500)")
    func rateInForce() throws {
        let workers = Kit.workers([("DISHUB", Kit.rahmat), ("DISHUB", Kit.yuliani)])
        let acks = LedgerKitAcknowledgements([Kit.january: [Kit.accepted(Kit.rahmat.nik, premium: 17_500)]])
        let result = Reconciler(month: Kit.january, rate: 17_500).reconcile(workers, acknowledgements: acks, latestCoveredKPJ: [:])
        #expect(Kit.regular(result.lines, Kit.rahmat.nik)?.premium == 17_500)
        #expect(Kit.regular(result.lines, Kit.rahmat.nik)?.flags == [])
        #expect(result.pendingExposure == 17_500)
    }

    @Test("a custom pipeline with a second rate from 2026-01: 16800 before, 17500 from then on, in lines and summaries")
    func secondRateFromALaterMonth() throws {
        let workspace = try LedgerWorkspace(premiums: [("2025-11", 10_000, 6_800), ("2026-01", 10_500, 7_000)])
        #expect(workspace.definition.premium(for: Kit.december)?.total == 16_800)
        #expect(workspace.definition.premium(for: Kit.january)?.total == 17_500)
        try workspace.roster("2025-11", "DISHUB", [Kit.rahmat, Kit.yuliani, Kit.suparman])
        try workspace.acknowledgements(
            "2025-11", [Kit.ack("2025-11", Kit.rahmat.nik, kpj: "25110000011", status: "DITERIMA", premium: "16800")])
        try workspace.acknowledgements(
            "2026-01",
            [
                Kit.ack("2026-01", Kit.rahmat.nik, kpj: "25110000011", status: "DITERIMA", premium: "Rp 17.500"),
                Kit.ack("2026-01", Kit.yuliani.nik, kpj: "25110000012", status: "DITERIMA", premium: "16800"),
            ])
        let outcome = try workspace.run(through: "2026-01")
        #expect(outcome.exitCode == 0)

        let november = try workspace.ledger("2025-11")
        #expect(Kit.regular(november, Kit.rahmat.nik)?.premium == 16_800)
        #expect(try workspace.summary("2025-11").figure("premium_due") == 16_800)
        #expect(try workspace.summary("2025-11").figure("pending_exposure") == 2 * 16_800)

        let december = try workspace.summary("2025-12")
        #expect(december.figure("premium_due") == 0)
        #expect(december.figure("pending") == 3)
        #expect(december.figure("pending_exposure") == 3 * 16_800)

        let january = try workspace.ledger("2026-01")
        let rahmat = try #require(Kit.regular(january, Kit.rahmat.nik))
        #expect(rahmat.premium == 17_500)
        #expect(rahmat.flags == [])
        let yuliani = try #require(Kit.regular(january, Kit.yuliani.nik))
        #expect(yuliani.premium == 17_500)
        #expect(yuliani.flags == [.amountMismatch])
        let summary = try workspace.summary("2026-01")
        #expect(summary.figure("premium_due") == 35_000)
        #expect(summary.figure("total_payable") == 35_000)
        #expect(summary.figure("pending_exposure") == 17_500)
        #expect(summary.figure("by_source", "DISHUB", "premium_due") == 35_000)
    }

    @Test("in the ledger: UNEXPECTED takes BPJS's name, leaves source and districts empty; orphan rejections counted once, no line")
    func unexpectedAndOrphansInLedger() throws {
        let workspace = try LedgerWorkspace()
        try workspace.roster("2025-11", "DISHUB", [Kit.rahmat])
        try workspace.acknowledgements(
            "2025-11",
            [
                Kit.ack("2025-11", Kit.rahmat.nik, name: "RAHMAT HIDAYAT", kpj: "25110000011", status: "DITERIMA", premium: "16800"),
                Kit.ack("2025-11", Kit.stranger, name: "Sutrisno", kpj: "25110000016", status: "DITERIMA", premium: "Rp 16.000"),
                Kit.ack("2025-11", Kit.otherStranger, name: "WARSITI", status: "DITOLAK", reason: "tidak ditemukan"),
                Kit.ack("2025-11", Kit.otherStranger, name: "WARSITI", status: "DITOLAK", reason: "tidak valid"),
            ])
        try workspace.run(through: "2025-11")
        let records = try workspace.ledgerRecords("2025-11")
        let header = try #require(records.first)
        let stranger = try #require(records.first { $0.count > 3 && $0[3] == Kit.stranger })
        let row = Dictionary(uniqueKeysWithValues: zip(header, stranger))
        #expect(row["status"] == "UNEXPECTED")
        #expect(row["name"] == "SUTRISNO")
        #expect(row["premium"] == "0")
        #expect(row["kpj"] == "25110000016")
        for empty in ["source", "sources", "kecamatan_code", "kecamatan", "kelurahan", "occupation", "flags", "previous_status"] {
            #expect(row[empty] == "", "\(empty)")
        }
        #expect(!records.contains { $0.count > 3 && $0[3] == Kit.otherStranger })
        let summary = try workspace.summary("2025-11")
        #expect(summary.figure("unexpected") == 1)
        #expect(summary.figure("disputed_amount") == 16_000)
        #expect(summary.figure("orphan_rejections") == 1)
        #expect(summary.figure("workers") == 1)
        #expect(summary.figure("covered") == 1)
        #expect(summary.figure("premium_due") == 16_800)
        #expect(summary.figure("by_kecamatan", "UNKNOWN", "workers") == nil)
    }

    // MARK: - §8.3, §14 Flags

    @Test("NAME_MISMATCH needs an acknowledged name that differs (Jaro–Winkler < 0.85), on COVERED and REJECTED lines")
    func nameMismatch() throws {
        let workers = Kit.workers([
            ("DISHUB", Kit.rahmat), ("DISHUB", Kit.yuliani), ("DISHUB", Kit.suparman), ("DISHUB", Kit.lestari),
            ("DISHUB", Kit.darmawan),
        ])
        let acks = LedgerKitAcknowledgements([
            Kit.november: [
                Kit.accepted(Kit.rahmat.nik, name: "BAMBANG PAMUNGKAS"),
                Kit.rejected(Kit.yuliani.nik, name: "SRI WAHYUNI", reason: "USIA"),
                Kit.accepted(Kit.suparman.nik, name: nil),
                Kit.accepted(Kit.lestari.nik, name: "lestari handayani, S.Pd"),
                Kit.accepted(Kit.darmawan.nik, name: "DARMAWAN SAPUTERA"),
            ]
        ])
        let lines = Reconciler(month: Kit.november, rate: Kit.rate).reconcile(workers, acknowledgements: acks, latestCoveredKPJ: [:]).lines
        #expect(Kit.regular(lines, Kit.rahmat.nik)?.flags == [.nameMismatch])
        #expect(Kit.regular(lines, Kit.yuliani.nik)?.flags == [.nameMismatch])
        #expect(Kit.regular(lines, Kit.suparman.nik)?.flags == [])
        #expect(Kit.regular(lines, Kit.lestari.nik)?.flags == [])
        #expect(Kit.regular(lines, Kit.darmawan.nik)?.flags == [])
    }

    @Test("AMOUNT_MISMATCH only when an amount is given and differs from the rate; never on UNEXPECTED")
    func amountMismatch() throws {
        let workers = Kit.workers([("DISHUB", Kit.rahmat), ("DISHUB", Kit.yuliani), ("DISHUB", Kit.suparman)])
        let acks = LedgerKitAcknowledgements([
            Kit.november: [
                Kit.accepted(Kit.rahmat.nik, premium: 16_000),
                Kit.accepted(Kit.yuliani.nik, premium: nil),
                Kit.accepted(Kit.suparman.nik, premium: 16_800),
                Kit.accepted(Kit.stranger, name: "SUTRISNO", premium: 16_000),
            ]
        ])
        let result = Reconciler(month: Kit.november, rate: Kit.rate).reconcile(workers, acknowledgements: acks, latestCoveredKPJ: [:])
        #expect(Kit.regular(result.lines, Kit.rahmat.nik)?.flags == [.amountMismatch])
        #expect(Kit.regular(result.lines, Kit.rahmat.nik)?.premium == 16_800)
        #expect(Kit.regular(result.lines, Kit.yuliani.nik)?.flags == [])
        #expect(Kit.regular(result.lines, Kit.suparman.nik)?.flags == [])
        #expect(Kit.regular(result.lines, Kit.stranger)?.status == .unexpected)
        #expect(Kit.regular(result.lines, Kit.stranger)?.flags == [])
    }

    @Test("KPJ_CHANGED compares with the KPJ of the latest earlier REGULAR COVERED line")
    func kpjChangedUnit() throws {
        let workers = Kit.workers([("DISHUB", Kit.rahmat), ("DISHUB", Kit.yuliani), ("DISHUB", Kit.suparman)])
        let acks = LedgerKitAcknowledgements([
            Kit.december: [
                Kit.accepted(Kit.rahmat.nik, kpj: "25120000002"),
                Kit.accepted(Kit.yuliani.nik, kpj: "25110000012"),
                Kit.accepted(Kit.suparman.nik, kpj: "25120000003"),
            ]
        ])
        let history: KPJHistory = [Kit.rahmat.nik: "25110000011", Kit.yuliani.nik: "25110000012"]
        let lines = Reconciler(month: Kit.december, rate: Kit.rate).reconcile(workers, acknowledgements: acks, latestCoveredKPJ: history)
            .lines
        #expect(Kit.regular(lines, Kit.rahmat.nik)?.flags == [.kpjChanged])
        #expect(Kit.regular(lines, Kit.yuliani.nik)?.flags == [])
        // No earlier COVERED line: nothing to compare with.
        #expect(Kit.regular(lines, Kit.suparman.nik)?.flags == [])
    }

    @Test("all four flags on one line come out sorted")
    func flagsSorted() throws {
        let workers = Self.merge([("DISHUB", Kit.rahmat), ("DINSOS", Kit.rahmat.with { $0.birthDate = "15-05-1986" })]).workers
        let acks = LedgerKitAcknowledgements([
            Kit.december: [Kit.accepted(Kit.rahmat.nik, name: "BAMBANG PAMUNGKAS", kpj: "25120000002", premium: 16_000)]
        ])
        let lines = Reconciler(month: Kit.december, rate: Kit.rate).reconcile(
            workers, acknowledgements: acks, latestCoveredKPJ: [Kit.rahmat.nik: "25110000011"]
        ).lines
        #expect(Kit.regular(lines, Kit.rahmat.nik)?.flags == [.amountMismatch, .identityConflict, .kpjChanged, .nameMismatch])
    }

    @Test("in the ledger: flags sorted and ;-joined; KPJ_CHANGED skips a REJECTED month to the latest COVERED one")
    func flagsInLedger() throws {
        let workspace = try LedgerWorkspace()
        try workspace.roster("2025-11", "DISHUB", [Kit.rahmat, Kit.yuliani, Kit.suparman])
        try workspace.roster("2025-11", "DINSOS", [Kit.rahmat.with { $0.birthDate = "15-05-1986" }])
        try workspace.acknowledgements(
            "2025-11",
            [
                Kit.ack("2025-11", Kit.rahmat.nik, name: "RAHMAT HIDAYAT", kpj: "25110000011", status: "DITERIMA", premium: "16800"),
                Kit.ack("2025-11", Kit.yuliani.nik, kpj: "25110000012", status: "DITERIMA", premium: "16800"),
                Kit.ack("2025-11", Kit.suparman.nik, kpj: "25110000013", status: "DITERIMA", premium: "16800"),
            ])
        try workspace.acknowledgements(
            "2025-12",
            [
                Kit.ack("2025-12", Kit.rahmat.nik, name: "BAMBANG PAMUNGKAS", kpj: "25120000011", status: "DITERIMA", premium: "16.000"),
                Kit.ack("2025-12", Kit.yuliani.nik, status: "DITOLAK", reason: "Ditolak sistem"),
                Kit.ack("2025-12", Kit.suparman.nik, kpj: "25110000013", status: "DITERIMA", premium: "16800"),
            ])
        try workspace.acknowledgements(
            "2026-01",
            [
                Kit.ack("2026-01", Kit.yuliani.nik, kpj: "26010000012", status: "DITERIMA", premium: "16800"),
                Kit.ack("2026-01", Kit.suparman.nik, kpj: "25110000013", status: "DITERIMA", premium: "16800"),
            ])
        try workspace.run(through: "2026-01")

        // November: the conflict only (the acknowledged name matches).
        #expect(Kit.regular(try workspace.ledger("2025-11"), Kit.rahmat.nik)?.flags == [.identityConflict])
        // December: every flag at once, written sorted and ;-joined.
        let records = try workspace.ledgerRecords("2025-12")
        let header = try #require(records.first)
        let flagsColumn = try #require(header.firstIndex(of: "flags"))
        let rahmat = try #require(records.first { $0.count > 3 && $0[3] == Kit.rahmat.nik })
        #expect(rahmat[flagsColumn] == "AMOUNT_MISMATCH;IDENTITY_CONFLICT;KPJ_CHANGED;NAME_MISMATCH")
        let december = try workspace.ledger("2025-12")
        #expect(Kit.regular(december, Kit.yuliani.nik)?.status == .rejected)
        #expect(Kit.regular(december, Kit.yuliani.nik)?.reasonCode == "LAINNYA")
        #expect(Kit.regular(december, Kit.suparman.nik)?.flags == [])
        // January: Yuliani's KPJ is compared with November's COVERED line (December was REJECTED).
        let january = try workspace.ledger("2026-01")
        #expect(Kit.regular(january, Kit.yuliani.nik)?.flags == [.kpjChanged])
        #expect(Kit.regular(january, Kit.suparman.nik)?.flags == [])
        // Rahmat is PENDING in January: no acknowledgement, so no acknowledgement flags.
        #expect(Kit.regular(january, Kit.rahmat.nik)?.status == .pending)
        #expect(Kit.regular(january, Kit.rahmat.nik)?.flags == [.identityConflict])
    }

    // MARK: - §11 Invariants a summary checks by itself

    @Test("MonthSummary.invariantViolations: none for consistent lines, one per tampered figure")
    func summaryInvariants() throws {
        let workers = Kit.workers([
            ("DISHUB", Kit.rahmat), ("DISHUB", Kit.yuliani), ("DINSOS", Kit.suparman), ("DINSOS", Kit.lestari),
            (
                "DISKOPUKM",
                Kit.darmawan.with {
                    $0.kecamatan = nil; $0.kelurahan = nil
                }
            ),
        ])
        let acks = LedgerKitAcknowledgements([
            Kit.november: [
                Kit.accepted(Kit.rahmat.nik), Kit.accepted(Kit.suparman.nik), Kit.rejected(Kit.lestari.nik, reason: "USIA"),
                Kit.accepted(Kit.darmawan.nik), Kit.accepted(Kit.stranger, premium: 16_800), Kit.rejected(Kit.otherStranger),
            ]
        ])
        let reconciliation = Reconciler(month: Kit.november, rate: Kit.rate).reconcile(
            workers, acknowledgements: acks, latestCoveredKPJ: [:])
        var adjustment = try #require(Kit.regular(reconciliation.lines, Kit.yuliani.nik))
        adjustment.month = Kit.december
        adjustment.entry = .adjustment
        adjustment.status = .covered
        adjustment.previousStatus = .pending
        adjustment.premium = 16_800
        let summary = MonthSummary(
            month: Kit.november, lines: reconciliation.lines + [adjustment], reconciliation: reconciliation,
            sources: Self.priority, quarantinedRows: 2, findings: [.phoneInvalid: 2])
        #expect(summary.invariantViolations == [])
        #expect(summary.workers == 5)
        #expect(summary.covered == 3)
        #expect(summary.rejected == 1)
        #expect(summary.pending == 1)
        #expect(summary.unexpected == 1)
        #expect(summary.premiumDue == 3 * 16_800)
        #expect(summary.adjustmentsCount == 1)
        #expect(summary.adjustmentsPremium == 16_800)
        #expect(summary.totalPayable == 4 * 16_800)
        #expect(summary.pendingExposure == 16_800)
        #expect(summary.disputedAmount == 16_800)
        #expect(summary.orphanRejections == 1)
        #expect(summary.bySource["DISKOPUKM"]?.premiumDue == 16_800)
        #expect(summary.byKecamatan["UNKNOWN"]?.workers == 1)
        #expect(summary.byKecamatan["32.75.08"]?.covered == 1)

        var premium = summary
        premium.premiumDue += 16_800
        #expect(premium.invariantViolations.contains("sum of premium_due by source != premium_due"))
        #expect(premium.invariantViolations.contains("sum of premium_due by kecamatan != premium_due"))

        var workersCount = summary
        workersCount.workers += 1
        #expect(workersCount.invariantViolations.contains("workers != covered + rejected + pending"))

        var bySource = summary
        bySource.bySource["DINSOS"]?.premiumDue -= 16_800
        #expect(bySource.invariantViolations == ["sum of premium_due by source != premium_due"])

        var byKecamatan = summary
        byKecamatan.byKecamatan["UNKNOWN"]?.premiumDue += 1
        #expect(byKecamatan.invariantViolations == ["sum of premium_due by kecamatan != premium_due"])

        var reasons = summary
        reasons.rejectionsByReason["USIA"] = 2
        #expect(reasons.invariantViolations == ["rejections_by_reason does not sum to rejected"])
    }

    @Test("a run's summary.json adds up: workers, by_source and by_kecamatan sums")
    func publishedSummaryAddsUp() throws {
        let workspace = try LedgerWorkspace()
        try workspace.roster("2025-11", "DISHUB", [Kit.rahmat, Kit.yuliani])
        try workspace.roster("2025-11", "DINSOS", [Kit.suparman, Kit.lestari.with { $0.kecamatan = "Antah Berantah" }])
        try workspace.acknowledgements(
            "2025-11",
            [
                Kit.ack("2025-11", Kit.rahmat.nik, kpj: "25110000011", status: "DITERIMA", premium: "16800"),
                Kit.ack("2025-11", Kit.lestari.nik, kpj: "25110000014", status: "DITERIMA", premium: "16800"),
                Kit.ack("2025-11", Kit.suparman.nik, status: "DITOLAK", reason: "umur"),
            ])
        try workspace.run(through: "2025-11")
        let summary = try workspace.summary("2025-11")
        let workers = try #require(summary.figure("workers"))
        #expect(workers == 4)
        #expect(workers == summary.figure("covered")! + summary.figure("rejected")! + summary.figure("pending")!)
        let bySource = try #require(summary["by_source"] as? [String: Any])
        let byKecamatan = try #require(summary["by_kecamatan"] as? [String: Any])
        let sourcePremium = bySource.keys.compactMap { summary.figure("by_source", $0, "premium_due") }.reduce(0, +)
        let kecamatanPremium = byKecamatan.keys.compactMap { summary.figure("by_kecamatan", $0, "premium_due") }.reduce(0, +)
        #expect(sourcePremium == 33_600)
        #expect(kecamatanPremium == 33_600)
        #expect(summary.figure("premium_due") == 33_600)
        #expect(summary.figure("by_kecamatan", "UNKNOWN", "premium_due") == 16_800)
        #expect(summary.figure("rejections_by_reason", "USIA") == 1)
    }
}
