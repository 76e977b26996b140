import CFileSystem
import Foundation
import SIGAPDomain
import SIGAPTestSupport
import Testing

@testable import SIGAPPipeline

/// SPEC §8.4 and §14: `sigap close`, frozen months, and the ADJUSTMENT lines that correct them.
@Suite("Closing months and adjustments (SPEC §8.4, §14)")
struct ClosingTests {
    typealias Kit = LedgerKit

    /// A workspace whose November (DISHUB: Rahmat, Yuliani, Suparman; `novemberAcks` from BPJS) has
    /// been run and closed.
    static func closedNovember(_ novemberAcks: [String] = []) throws -> LedgerWorkspace {
        let workspace = try LedgerWorkspace()
        try workspace.roster("2025-11", "DISHUB", [Kit.rahmat, Kit.yuliani, Kit.suparman])
        if !novemberAcks.isEmpty { try workspace.acknowledgements("2025-11", novemberAcks) }
        let outcome = try workspace.run(through: "2025-11")
        #expect(outcome.exitCode == 0)
        try workspace.close("2025-11", through: "2025-11")
        return workspace
    }

    /// The file number (inode) of each file under `<out>/<month>/`: a file written again (temp +
    /// rename) gets a new one even when its bytes are the same.
    static func inodes(_ workspace: LedgerWorkspace, _ month: String) throws -> [String: Int] {
        var result: [String: Int] = [:]
        for name in try workspace.monthFiles(month).keys {
            let attributes = try FileManager.default.attributesOfItem(atPath: "\(workspace.out)/\(month)/\(name)")
            result[name] = (attributes[.systemFileNumber] as? NSNumber)?.intValue
        }
        return result
    }

    static func storedMonth(_ workspace: LedgerWorkspace, _ month: YearMonth) throws -> StoredMonth? {
        try workspace.store().month(month)
    }

    // MARK: - Refusals

    @Test("close refuses a month never computed")
    func refusesMonthNeverComputed() throws {
        let workspace = try LedgerWorkspace()
        try workspace.roster("2025-11", "DISHUB", [Kit.rahmat])
        let error = #expect(throws: StoreError.self) { try workspace.close("2025-11", through: "2025-11") }
        #expect(error?.message.contains("never been computed") == true)
        #expect(error?.code == .refused)
        #expect(try workspace.store().months().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: "\(workspace.out)/2025-11/summary.json"))
    }

    @Test("close refuses a month after the through month")
    func refusesMonthAfterThrough() throws {
        let workspace = try LedgerWorkspace()
        try workspace.roster("2025-11", "DISHUB", [Kit.rahmat])
        try workspace.run(through: "2025-12")
        try workspace.close("2025-11", through: "2025-11")
        let error = #expect(throws: StoreError.self) { try workspace.close("2025-12", through: "2025-11") }
        #expect(error?.message.contains("after the through month") == true)
        #expect(error?.code == .refused)
        #expect(try Self.storedMonth(workspace, Kit.december)?.closed == false)
        #expect(try workspace.summary("2025-12")["closed"] as? Bool == false)
    }

    @Test("close refuses a month whose predecessor is open; months close in order, once")
    func refusesMonthWithOpenPredecessor() throws {
        let workspace = try LedgerWorkspace()
        try workspace.roster("2025-11", "DISHUB", [Kit.rahmat])
        try workspace.run(through: "2025-12")
        let error = #expect(throws: StoreError.self) { try workspace.close("2025-12", through: "2025-12") }
        #expect(error?.message.contains("close 2025-11 first") == true)
        #expect(error?.code == .refused)
        #expect(try Self.storedMonth(workspace, Kit.december)?.closed == false)

        try workspace.close("2025-11", through: "2025-12")
        let november = try #require(try Self.storedMonth(workspace, Kit.november))
        #expect(november.closed)
        #expect(november.closedAt != nil)
        #expect(november.summaryJSON.contains("\"closed\": true"))
        #expect(try workspace.summary("2025-11")["closed"] as? Bool == true)
        #expect(try workspace.outputText("2025-11/summary.json") == november.summaryJSON)

        let again = #expect(throws: StoreError.self) { try workspace.close("2025-11", through: "2025-12") }
        #expect(again?.message.contains("already closed") == true)
        #expect(again?.code == .refused)

        try workspace.close("2025-12", through: "2025-12")
        #expect(try Self.storedMonth(workspace, Kit.december)?.closed == true)
    }

    @Test("a store that cannot be written fails the close as a write failure (exit 73), not as a refusal; the month stays open")
    func storeWriteFailure() throws {
        let workspace = try LedgerWorkspace()
        try workspace.roster("2025-11", "DISHUB", [Kit.rahmat])
        try workspace.run(through: "2025-11")
        let store = FaultyStore(inner: try workspace.store(), failing: .close)
        let error = #expect(throws: StoreError.self) {
            try MonthCloser(definition: workspace.definition, store: store, out: workspace.out)
                .close(Kit.november, through: Kit.november, at: 1_765_000_000)
        }
        #expect(error?.code == .cannotWrite)
        #expect(error?.message.contains("disk is full") == true)
        #expect(try Self.storedMonth(workspace, Kit.november)?.closed == false)
        #expect(try workspace.summary("2025-11")["closed"] as? Bool == false)
    }

    // MARK: - Frozen files

    @Test("a closed month's files and stored results are never written again, whatever arrives later")
    func closedMonthNeverRewritten() throws {
        let workspace = try Self.closedNovember([
            Kit.ack("2025-11", Kit.rahmat.nik, kpj: "25110000011", status: "DITERIMA", premium: "16800")
        ])
        let files = try workspace.monthFiles("2025-11")
        let inodes = try Self.inodes(workspace, "2025-11")
        let stored = try #require(try Self.storedMonth(workspace, Kit.november))
        #expect(files.keys.contains("ledger.csv") && files.keys.contains("summary.json") && files.keys.contains("findings.csv"))

        // Everything that could change November arrives: a late answer, a reversal, a new file in
        // November's own folder, a new source folder for November.
        try workspace.acknowledgements(
            "2025-12",
            [
                Kit.ack("2025-11", Kit.yuliani.nik, kpj: "25110000012", status: "DITERIMA", premium: "16800"),
                Kit.ack("2025-11", Kit.rahmat.nik, status: "DITOLAK", reason: "NIK tidak padan"),
            ])
        try workspace.roster("2025-11", "DISHUB", "tambahan.xlsx", [Kit.lestari.with { $0.phone = "123" }])
        try workspace.roster("2025-11", "DINSOS", [Kit.darmawan])
        try workspace.run(through: "2025-12")
        try workspace.run(through: "2025-12")
        try workspace.run(through: "2026-01")

        #expect(try workspace.monthFiles("2025-11") == files)
        #expect(try Self.inodes(workspace, "2025-11") == inodes)
        #expect(try Self.storedMonth(workspace, Kit.november) == stored)
        // The corrections went to December instead.
        let adjustments = Kit.adjustments(try workspace.ledger("2025-12"))
        #expect(adjustments.allSatisfy { $0.forMonth == Kit.november })
        #expect(adjustments.first { $0.nik == Kit.yuliani.nik }?.premium == 16_800)
        #expect(adjustments.first { $0.nik == Kit.rahmat.nik }?.premium == -16_800)
    }

    @Test("close freezes what November's published files say, even after a run that published them and then failed to save the store")
    func closeFreezesWhatWasPublished() throws {
        let workspace = try LedgerWorkspace()
        try workspace.roster("2025-11", "DISHUB", [Kit.rahmat])
        #expect(try workspace.run(through: "2025-11").exitCode == 0)
        // BPJS accepts Rahmat. The next run publishes November again, then cannot save the store
        // (a full disk; a kill or a store busy past its timeout between publishing and saving does
        // the same).
        try workspace.acknowledgements(
            "2025-11", [Kit.ack("2025-11", Kit.rahmat.nik, kpj: "25110000011", status: "DITERIMA", premium: "16800")])
        let failed = try workspace.runFailingToSave(through: "2025-11")
        #expect(failed.exitCode == 73)

        // Closing is allowed after a failed run: it freezes what the store holds.
        try workspace.close("2025-11", through: "2025-11")
        let stored = try #require(try Self.storedMonth(workspace, Kit.november))
        // The closed month's files must be its frozen book, and agree with each other.
        #expect(try workspace.ledgerText("2025-11") == stored.ledgerCSV)
        #expect(try workspace.outputText("2025-11/findings.csv") == workspace.store().findingsCSV(of: Kit.november))
        let published = try #require(Kit.regular(try workspace.ledger("2025-11"), Kit.rahmat.nik))
        #expect((published.status == .covered) == (try workspace.summary("2025-11").figure("covered") == 1))

        // December must not pay Rahmat's November a second time.
        try workspace.acknowledgements(
            "2025-12", [Kit.ack("2025-12", Kit.rahmat.nik, kpj: "25110000011", status: "DITERIMA", premium: "16800")])
        #expect(try workspace.run(through: "2025-12").exitCode == 0)
        let adjustments = Kit.adjustments(try workspace.ledger("2025-12")).filter { $0.nik == Kit.rahmat.nik }
        #expect(published.premium + adjustments.map(\.premium).reduce(0, +) == 16_800)
    }

    // MARK: - Adjustments

    @Test("a late acceptance: ADJUSTMENT COVERED, previous PENDING, +16800, in the month after the closed one")
    func lateAcceptance() throws {
        let workspace = try Self.closedNovember([
            Kit.ack("2025-11", Kit.yuliani.nik, kpj: "25110000012", status: "DITERIMA", premium: "16800")
        ])
        #expect(Kit.regular(try workspace.ledger("2025-11"), Kit.rahmat.nik)?.status == .pending)
        try workspace.acknowledgements(
            "2025-12", "susulan.csv", [Kit.ack("2025-11", Kit.rahmat.nik, kpj: "25110000011", status: "DITERIMA", premium: "16800")])
        let outcome = try workspace.run(through: "2025-12")
        #expect(outcome.exitCode == 0)

        let lines = try workspace.ledger("2025-12")
        let adjustments = Kit.adjustments(lines)
        #expect(adjustments.count == 1)
        let adjustment = try #require(adjustments.first)
        #expect(adjustment.month == Kit.december)
        #expect(adjustment.forMonth == Kit.november)
        #expect(adjustment.nik == Kit.rahmat.nik)
        #expect(adjustment.status == .covered)
        #expect(adjustment.previousStatus == .pending)
        #expect(adjustment.premium == 16_800)
        // Its other fields come from the recomputed line.
        #expect(adjustment.kpj == "25110000011")
        #expect(adjustment.source == "DISHUB")
        #expect(adjustment.name == "RAHMAT HIDAYAT")
        #expect(adjustment.kecamatanCode == "32.75.08")
        // ADJUSTMENT lines come after the REGULAR ones.
        #expect(lines.last?.entry == .adjustment)
        #expect(lines.dropLast().allSatisfy { $0.entry == .regular })
        // REGULAR lines are December's own: all PENDING (no December acknowledgement).
        #expect(lines.filter { $0.entry == .regular }.allSatisfy { $0.status == .pending && $0.forMonth == Kit.december })

        let summary = try workspace.summary("2025-12")
        #expect(summary.figure("adjustments_count") == 1)
        #expect(summary.figure("adjustments_premium") == 16_800)
        #expect(summary.figure("premium_due") == 0)
        #expect(summary.figure("total_payable") == 16_800)
        #expect(summary.figure("workers") == 3)
        // The closed month's own files still say PENDING.
        #expect(Kit.regular(try workspace.ledger("2025-11"), Kit.rahmat.nik)?.status == .pending)
    }

    @Test("a reversal: ADJUSTMENT REJECTED, previous COVERED, −16800, with the reason code")
    func reversal() throws {
        let workspace = try Self.closedNovember([
            Kit.ack("2025-11", Kit.rahmat.nik, kpj: "25110000011", status: "DITERIMA", premium: "16800")
        ])
        try workspace.acknowledgements(
            "2025-12", [Kit.ack("2025-11", Kit.rahmat.nik, status: "DITOLAK", reason: "NIK tidak padan dengan Dukcapil")])
        try workspace.run(through: "2025-12")
        let adjustments = Kit.adjustments(try workspace.ledger("2025-12"))
        #expect(adjustments.count == 1)
        let adjustment = try #require(adjustments.first)
        #expect(adjustment.nik == Kit.rahmat.nik)
        #expect(adjustment.forMonth == Kit.november)
        #expect(adjustment.status == .rejected)
        #expect(adjustment.previousStatus == .covered)
        #expect(adjustment.premium == -16_800)
        #expect(adjustment.reasonCode == "NIK_TIDAK_PADAN")
        let summary = try workspace.summary("2025-12")
        #expect(summary.figure("adjustments_premium") == -16_800)
        #expect(summary.figure("total_payable") == (summary.figure("premium_due") ?? 0) - 16_800)
        // As written: a negative integer, previous_status filled.
        let records = try workspace.ledgerRecords("2025-12")
        let header = try #require(records.first)
        let row = try #require(records.first { $0.count > 1 && $0[1] == "ADJUSTMENT" })
        let fields = Dictionary(uniqueKeysWithValues: zip(header, row))
        #expect(fields["premium"] == "-16800")
        #expect(fields["previous_status"] == "COVERED")
        #expect(fields["for_month"] == "2025-11")
        #expect(fields["month"] == "2025-12")
    }

    @Test("a status change without money (PENDING → REJECTED) is an ADJUSTMENT line with premium 0")
    func statusChangeWithoutMoney() throws {
        let workspace = try Self.closedNovember()
        try workspace.acknowledgements("2025-12", [Kit.ack("2025-11", Kit.suparman.nik, status: "DITOLAK", reason: "usia")])
        try workspace.run(through: "2025-12")
        let adjustments = Kit.adjustments(try workspace.ledger("2025-12"))
        #expect(adjustments.count == 1)
        let adjustment = try #require(adjustments.first)
        #expect(adjustment.nik == Kit.suparman.nik)
        #expect(adjustment.status == .rejected)
        #expect(adjustment.previousStatus == .pending)
        #expect(adjustment.premium == 0)
        #expect(adjustment.reasonCode == "USIA")
        let summary = try workspace.summary("2025-12")
        #expect(summary.figure("adjustments_count") == 1)
        #expect(summary.figure("adjustments_premium") == 0)
        // An adjustment is not a rejection of December.
        #expect(summary.figure("rejected") == 0)
    }

    @Test("a changed KPJ alone is no adjustment; December's KPJ_CHANGED compares with November's frozen line")
    func kpjOnlyCorrection() throws {
        let workspace = try Self.closedNovember([
            Kit.ack("2025-11", Kit.rahmat.nik, kpj: "25110000011", status: "DITERIMA", premium: "16800")
        ])
        try workspace.acknowledgements(
            "2025-12",
            [
                Kit.ack("2025-11", Kit.rahmat.nik, kpj: "25110000099", status: "DITERIMA", premium: "16800"),
                Kit.ack("2025-12", Kit.rahmat.nik, kpj: "25110000099", status: "DITERIMA", premium: "16800"),
            ])
        let outcome = try workspace.run(through: "2025-12")
        let lines = try workspace.ledger("2025-12")
        #expect(Kit.adjustments(lines).isEmpty)
        #expect(Kit.regular(lines, Kit.rahmat.nik)?.flags == [.kpjChanged])
        #expect(Kit.regular(lines, Kit.rahmat.nik)?.kpj == "25110000099")
        // November's KPJs came with its book (read for the adjustments): December reads no
        // history from the store.
        #expect(try IncrementalRunTests.stageItems(outcome, "adjust", month: "2025-11") == 0)
        #expect(try IncrementalRunTests.stageItems(outcome, "covered KPJs of earlier months", month: "2025-12") == nil)
    }

    @Test("reruns never duplicate an adjustment: the same inputs give byte-identical ledger.csv and summary.json")
    func rerunsNeverDuplicate() throws {
        let workspace = try Self.closedNovember()
        try workspace.acknowledgements(
            "2025-12",
            [
                Kit.ack("2025-11", Kit.rahmat.nik, kpj: "25110000011", status: "DITERIMA", premium: "16800"),
                Kit.ack("2025-11", Kit.yuliani.nik, status: "DITOLAK", reason: "usia"),
            ])
        try workspace.run(through: "2025-12")
        let ledger = try workspace.ledgerText("2025-12")
        let summary = try workspace.outputText("2025-12/summary.json")
        let stored = try #require(try Self.storedMonth(workspace, Kit.december))
        for _ in 0..<2 {
            #expect(try workspace.run(through: "2025-12").exitCode == 0)
        }
        #expect(try workspace.ledgerText("2025-12") == ledger)
        #expect(try workspace.outputText("2025-12/summary.json") == summary)
        #expect(try Self.storedMonth(workspace, Kit.december)?.ledgerCSV == stored.ledgerCSV)
        #expect(Kit.adjustments(try workspace.ledger("2025-12")).map(\.nik) == [Kit.rahmat.nik, Kit.yuliani.nik].sorted())
        #expect(try workspace.summary("2025-12").figure("adjustments_count") == 2)
    }

    @Test("a rerun with the very same RunOptions (the same fixed clock) completes and gives the same outputs")
    func rerunWithSameClock() throws {
        let workspace = try Self.closedNovember()
        try workspace.acknowledgements(
            "2025-12", [Kit.ack("2025-11", Kit.rahmat.nik, kpj: "25110000011", status: "DITERIMA", premium: "16800")])
        let now = 1_765_000_000
        #expect(try workspace.run(through: "2025-12", now: now).exitCode == 0)
        let ledger = try workspace.ledgerText("2025-12")
        let again = try workspace.run(through: "2025-12", now: now)
        #expect(again.exitCode == 0, "\(again.problems)")
        #expect(try workspace.ledgerText("2025-12") == ledger)
    }

    @Test("adjustments go to the month after the last closed one, even when later months are computed")
    func adjustmentsGoToMonthAfterLastClosed() throws {
        let workspace = try Self.closedNovember()
        try workspace.acknowledgements(
            "2026-01", [Kit.ack("2025-11", Kit.rahmat.nik, kpj: "25110000011", status: "DITERIMA", premium: "16800")])
        try workspace.run(through: "2026-01")
        let december = Kit.adjustments(try workspace.ledger("2025-12"))
        #expect(december.map(\.nik) == [Kit.rahmat.nik])
        #expect(december.first?.month == Kit.december)
        #expect(Kit.adjustments(try workspace.ledger("2026-01")).isEmpty)
        #expect(try workspace.summary("2026-01").figure("adjustments_count") == 0)
    }

    @Test("adjustment lines are recomputed on every run until their month closes, then freeze and are not repeated")
    func adjustmentsRecomputedThenFrozen() throws {
        let workspace = try Self.closedNovember()

        // Run 1: a late acceptance for Rahmat.
        try workspace.acknowledgements(
            "2025-12", "a.csv", [Kit.ack("2025-11", Kit.rahmat.nik, kpj: "25110000011", status: "DITERIMA", premium: "16800")])
        try workspace.run(through: "2025-12")
        var december = Kit.adjustments(try workspace.ledger("2025-12"))
        #expect(december.map(\.nik) == [Kit.rahmat.nik])
        #expect(december.map(\.premium) == [16_800])

        // Run 2, December still open: BPJS takes Rahmat's acceptance back and accepts Yuliani. The
        // adjustments are recomputed against November's frozen book, not added to run 1's.
        try workspace.acknowledgements(
            "2025-12", "b.csv",
            [
                Kit.ack("2025-11", Kit.rahmat.nik, status: "DITOLAK", reason: "Sudah terdaftar"),
                Kit.ack("2025-11", Kit.yuliani.nik, kpj: "25110000012", status: "DITERIMA", premium: "16800"),
            ])
        try workspace.run(through: "2025-12")
        december = Kit.adjustments(try workspace.ledger("2025-12"))
        #expect(december.map(\.nik) == [Kit.rahmat.nik, Kit.yuliani.nik].sorted())
        let rahmat = try #require(december.first { $0.nik == Kit.rahmat.nik })
        #expect(rahmat.status == .rejected)
        #expect(rahmat.previousStatus == .pending)
        #expect(rahmat.premium == 0)
        #expect(rahmat.reasonCode == "TERDAFTAR_AKTIF")
        let yuliani = try #require(december.first { $0.nik == Kit.yuliani.nik })
        #expect(yuliani.status == .covered)
        #expect(yuliani.premium == 16_800)
        #expect(try workspace.summary("2025-12").figure("adjustments_premium") == 16_800)

        // December closes with those two adjustments frozen in it.
        try workspace.close("2025-12", through: "2025-12")
        let decemberFiles = try workspace.monthFiles("2025-12")
        let decemberInodes = try Self.inodes(workspace, "2025-12")
        let frozen = try LedgerCSV.parse(try #require(try Self.storedMonth(workspace, Kit.december)).ledgerCSV)
        #expect(Kit.adjustments(frozen).map(\.nik) == [Kit.rahmat.nik, Kit.yuliani.nik].sorted())

        // Run 3, through January: nothing changed, so nothing is repeated.
        try workspace.run(through: "2026-01")
        #expect(Kit.adjustments(try workspace.ledger("2026-01")).isEmpty)
        #expect(try workspace.summary("2026-01").figure("adjustments_count") == 0)

        // Run 4: Yuliani's November acceptance is reversed (her book: PENDING 0 + 16800 = COVERED
        // 16800), and Suparman is accepted late for December.
        try workspace.acknowledgements(
            "2026-01",
            [
                Kit.ack("2025-11", Kit.yuliani.nik, status: "DITOLAK", reason: "usia"),
                Kit.ack("2025-12", Kit.suparman.nik, kpj: "25120000013", status: "DITERIMA", premium: "16800"),
            ])
        try workspace.run(through: "2026-01")
        let january = Kit.adjustments(try workspace.ledger("2026-01"))
        #expect(january.map { "\($0.forMonth) \($0.nik)" } == ["2025-11 \(Kit.yuliani.nik)", "2025-12 \(Kit.suparman.nik)"])
        let reversal = try #require(january.first)
        #expect(reversal.status == .rejected)
        #expect(reversal.previousStatus == .covered)
        #expect(reversal.premium == -16_800)
        let late = try #require(january.last)
        #expect(late.status == .covered)
        #expect(late.previousStatus == .pending)
        #expect(late.premium == 16_800)
        let summary = try workspace.summary("2026-01")
        #expect(summary.figure("adjustments_count") == 2)
        #expect(summary.figure("adjustments_premium") == 0)
        // Closed December's files were left alone throughout.
        #expect(try workspace.monthFiles("2025-12") == decemberFiles)
        #expect(try Self.inodes(workspace, "2025-12") == decemberInodes)
    }
}

@Suite("Publishing a closed month's folder in one step")
struct FolderExchangeTests {
    @Test(
        "two folders swapped in one step where the file system can; else refused with nothing moved (the close then renames file by file)")
    func exchange() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sigap-exchange-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for (folder, text) in [("lama", "old\n"), ("baru", "new\n")] {
            try FileManager.default.createDirectory(atPath: "\(root)/\(folder)", withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: "\(root)/\(folder)/SEAL"))
        }
        let result = sigap_exchange_paths("\(root)/lama", "\(root)/baru")
        let code = errno
        let lama = try String(contentsOfFile: "\(root)/lama/SEAL", encoding: .utf8)
        let baru = try String(contentsOfFile: "\(root)/baru/SEAL", encoding: .utf8)
        if result == 0 {
            #expect(lama == "new\n" && baru == "old\n")
        } else {
            #expect([EINVAL, ENOSYS, EXDEV, EPERM].contains(code), "errno \(code)")
            #expect(lama == "old\n" && baru == "new\n")
        }
    }
}
