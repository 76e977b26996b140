import Foundation
import GRDB
import SIGAPDomain
import Testing

@testable import SIGAPPipeline

/// Incremental runs (SPEC §15): a month is computed again only when something it depends on
/// changed, and then every output equals what a run that computes every month (`--full`) on a
/// fresh store makes of the same history.
@Suite("Incremental runs: exactly the months that must change are computed")
struct IncrementalRunTests {
    typealias Kit = LedgerKit

    /// The same history played twice: incrementally, and with every run `--full` on its own store
    /// (the oracle).
    final class Twin {
        let incremental: LedgerWorkspace
        let oracle: LedgerWorkspace

        init() throws {
            incremental = try LedgerWorkspace()
            oracle = try LedgerWorkspace()
        }

        func both(_ change: (LedgerWorkspace) throws -> Void) rethrows {
            try change(incremental)
            try change(oracle)
        }

        /// Runs both; returns the incremental run's outcome.
        @discardableResult
        func run(through: String) throws -> PipelineRun.Outcome {
            let outcome = try incremental.run(through: through)
            let full = try oracle.run(through: through, full: true)
            #expect(outcome.exitCode == full.exitCode)
            return outcome
        }

        func close(_ month: String, through: String) throws {
            try both { try $0.close(month, through: through) }
        }

        /// Every CSV and JSON output of every month, by path under the out folder.
        static func outputs(_ workspace: LedgerWorkspace) throws -> [String: Data] {
            var files: [String: Data] = [:]
            for month in try FileManager.default.contentsOfDirectory(atPath: workspace.out) where YearMonth(month) != nil {
                for name in ["ledger.csv", "summary.json", "findings.csv", "submission.csv"] {
                    files["\(month)/\(name)"] = FileManager.default.contents(atPath: "\(workspace.out)/\(month)/\(name)")
                }
            }
            return files
        }

        func expectSameOutputs(sourceLocation: SourceLocation = #_sourceLocation) throws {
            let mine = try Self.outputs(incremental)
            let wanted = try Self.outputs(oracle)
            #expect(mine.keys.sorted() == wanted.keys.sorted(), sourceLocation: sourceLocation)
            for (name, data) in wanted {
                #expect(mine[name] == data, "\(name) differs from a full run's", sourceLocation: sourceLocation)
            }
        }
    }

    /// November run and closed; December and January arrive; run through January.
    static func history() throws -> Twin {
        let twin = try Twin()
        try twin.both { workspace in
            try workspace.roster("2025-11", "DISHUB", [Kit.rahmat, Kit.yuliani])
            try workspace.roster("2025-11", "DINSOS", [Kit.suparman])
            try workspace.acknowledgements(
                "2025-11",
                [
                    Kit.ack("2025-11", Kit.rahmat.nik, kpj: "25110000001", status: "DITERIMA"),
                    Kit.ack("2025-11", Kit.yuliani.nik, status: "DITOLAK", reason: "NIK tidak padan"),
                ])
        }
        try twin.run(through: "2025-11")
        try twin.close("2025-11", through: "2025-11")
        try twin.both { workspace in
            try workspace.roster("2025-12", "DISHUB", [Kit.rahmat, Kit.yuliani, Kit.lestari])
            try workspace.acknowledgements(
                "2025-12",
                [
                    Kit.ack("2025-12", Kit.rahmat.nik, kpj: "25110000001", status: "DITERIMA"),
                    Kit.ack("2025-12", Kit.lestari.nik, kpj: "25110000004", status: "DITERIMA"),
                ])
            try workspace.acknowledgements("2026-01", [Kit.ack("2026-01", Kit.rahmat.nik, kpj: "25110000001", status: "DITERIMA")])
        }
        let outcome = try twin.run(through: "2026-01")
        // November closed with the inputs it still has: settled, nothing to adjust.
        #expect(Set(outcome.computed.keys) == [Kit.december, Kit.january])
        try twin.expectSameOutputs()
        return twin
    }

    /// The inode and modification time of every output: a file written again changes them.
    static func stamps(_ workspace: LedgerWorkspace) throws -> [String: [Int]] {
        var stamps: [String: [Int]] = [:]
        for name in try FileManager.default.subpathsOfDirectory(atPath: workspace.out) where !name.hasPrefix("runs") {
            let attributes = try FileManager.default.attributesOfItem(atPath: "\(workspace.out)/\(name)")
            guard attributes[.type] as? FileAttributeType == .typeRegular else { continue }
            stamps[name] = [
                (attributes[.systemFileNumber] as? NSNumber)?.intValue ?? -1,
                Int(((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0) * 1000),
            ]
        }
        return stamps
    }

    @Test("nothing new: no month computed, no roster or acknowledgement file read, no output written again")
    func nothingNew() throws {
        let twin = try Self.history()
        let before = try Self.stamps(twin.incremental)
        let outcome = try twin.run(through: "2026-01")
        #expect(outcome.computed.isEmpty)
        #expect(outcome.reused == [Kit.december, Kit.january])
        #expect(outcome.rowsRead.isEmpty)
        #expect(outcome.published.isEmpty)
        #expect(try Self.stamps(twin.incremental) == before)
        // The months' figures still reach stdout and the metrics.
        #expect(outcome.summaries[Kit.january]?.workers == 4)
        try twin.expectSameOutputs()
        let manifest = try Self.manifest(outcome)
        let stages = (manifest["stages"] as? [[String: Any]] ?? []).compactMap { $0["stage"] as? String }
        #expect(!stages.contains("extract and validate rosters"))
        #expect(!stages.contains("extract acknowledgements"))
        let months = manifest["months"] as? [[String: Any]] ?? []
        #expect(months.map { $0["action"] as? String } == ["settled", "reused", "reused"])
    }

    @Test("a new roster file in the last month: only that month is computed")
    func newRosterFile() throws {
        let twin = try Self.history()
        try twin.both { try $0.roster("2026-01", "DINSOS", [Kit.suparman, Kit.darmawan]) }
        let outcome = try twin.run(through: "2026-01")
        #expect(Set(outcome.computed.keys) == [Kit.january])
        #expect(outcome.computed[Kit.january] == ["input files of the months up to it changed"])
        #expect(outcome.reused == [Kit.december])
        // Only the new roster file is parsed; the rosters January carries forward (DISHUB's of
        // December, DINSOS's of November) are replayed from their staged extractions.
        let rosterFiles = try Self.manifest(outcome)["roster_files"] as? [String: Int]
        #expect(rosterFiles == ["parsed": 1, "replayed": 1])
        // January's acknowledgements come from the store: no acknowledgement file is parsed again.
        #expect(try Self.stageItems(outcome, "extract acknowledgements") == 0)
        #expect(try Self.stageItems(outcome, "acknowledgements of the month", month: "2026-01") == 1)
        try twin.expectSameOutputs()
    }

    @Test("a file replaced by other bytes under the same name: its month and the months carrying it forward")
    func replacedFile() throws {
        let twin = try Self.history()
        try twin.both { try $0.roster("2025-12", "DISHUB", [Kit.rahmat, Kit.lestari]) }
        let outcome = try twin.run(through: "2026-01")
        #expect(Set(outcome.computed.keys) == [Kit.december, Kit.january])
        #expect(outcome.summaries[Kit.january]?.workers == 3)
        try twin.expectSameOutputs()
    }

    @Test("a late acknowledgement for the closed month: the closed month and the open months after its arrival")
    func lateAcknowledgement() throws {
        let twin = try Self.history()
        try twin.both {
            try $0.acknowledgements(
                "2026-01", "susulan.csv", [Kit.ack("2025-11", Kit.yuliani.nik, kpj: "25110000002", status: "DITERIMA")])
        }
        let outcome = try twin.run(through: "2026-01")
        #expect(Set(outcome.computed.keys) == [Kit.november, Kit.december, Kit.january])
        #expect(outcome.computed[Kit.november] == ["acknowledgement files for it that arrived later changed"])
        // Only the late file is parsed (one row); the others' rows are read back from the store.
        #expect(try Self.stageItems(outcome, "extract acknowledgements") == 1)
        // November's book: its two rows from November's file and the late one.
        #expect(try Self.stageItems(outcome, "acknowledgements of the month", month: "2025-11") == 3)
        // Yuliani's November premium is now owed: one ADJUSTMENT line in December.
        let december = try twin.incremental.outputText("2025-12/ledger.csv")
        #expect(december.split(separator: "\n").filter { $0.contains(",ADJUSTMENT,2025-11,\(Kit.yuliani.nik),") }.count == 1)
        try twin.expectSameOutputs()
        // Run again: nothing more to do; the adjustment stays in December.
        let again = try twin.run(through: "2026-01")
        #expect(again.computed.isEmpty)
        let months = try Self.manifest(again)["months"] as? [[String: Any]] ?? []
        #expect(months.map { $0["action"] as? String } == ["adjustments kept", "reused", "reused"])
        try twin.expectSameOutputs()
        // December closed: November is settled at the late file; January computes nothing for it.
        try twin.close("2025-12", through: "2026-01")
        let afterClose = try twin.run(through: "2026-01")
        #expect(afterClose.computed.isEmpty)
        #expect(afterClose.reused == [Kit.january])
        try twin.expectSameOutputs()
    }

    @Test("a new acknowledgement file for the last month only: the closed month stays settled, December is reused")
    func acknowledgementForLastMonth() throws {
        let twin = try Self.history()
        try twin.both {
            try $0.acknowledgements(
                "2026-01", "tambahan.csv", [Kit.ack("2026-01", Kit.lestari.nik, kpj: "25110000004", status: "DITERIMA")])
        }
        let outcome = try twin.run(through: "2026-01")
        #expect(Set(outcome.computed.keys) == [Kit.january])
        try twin.expectSameOutputs()
    }

    @Test("a changed premium rate: every month is computed again (the closed month for its adjustments)")
    func changedRate() throws {
        let twin = try Self.history()
        try twin.both { try $0.changePremiums([("2025-11", 10_000, 6_800), ("2026-01", 10_000, 7_000)]) }
        let outcome = try twin.run(through: "2026-01")
        #expect(Set(outcome.computed.keys) == [Kit.november, Kit.december, Kit.january])
        #expect(outcome.computed[Kit.december] == ["the pipeline definition, the tool or the reference data changed"])
        #expect(outcome.summaries[Kit.january]?.premiumDue ?? 0 > 0)
        try twin.expectSameOutputs()
    }

    @Test("deleted published files: the month is computed again and its files written")
    func missingOutputs() throws {
        let twin = try Self.history()
        try FileManager.default.removeItem(atPath: "\(twin.incremental.out)/2025-12")
        let outcome = try twin.incremental.run(through: "2026-01")
        #expect(outcome.computed[Kit.december] == ["its published files are missing"])
        #expect(outcome.reused == [Kit.january])
        try twin.expectSameOutputs()
    }

    @Test("fingerprints: the program, the reference data, each input and late acknowledgements each change a month's")
    func fingerprints() {
        let november = Kit.november
        let december = Kit.december
        func make(
            reference: String = "ref-1", tool: String = "1", roster: String = "aaa", late: Set<YearMonth> = [november]
        ) -> MonthFingerprints {
            MonthFingerprints(
                definitionSHA256: "def", toolVersion: tool, referenceVersion: reference,
                folders: [(november, ["2025-11/DISHUB/a.xlsx\t\(roster)"]), (december, ["2025-12/BPJS/b.csv\tbbb"])],
                acknowledgements: [(december, "2025-12/BPJS/b.csv\tbbb", late)], undated: [])
        }
        let base = make()
        #expect(make().own(november) == base.own(november))
        #expect(make(reference: "ref-2").own(november).fingerprint != base.own(november).fingerprint)
        #expect(make(tool: "2").own(december).fingerprint != base.own(december).fingerprint)
        #expect(make(roster: "ccc").own(november).fingerprint != base.own(november).fingerprint)
        // December's file answers for November: part of November's fingerprint...
        #expect(make(late: [december]).own(november).fingerprint != base.own(november).fingerprint)
        // ...and of December's through its folder, whatever its periods.
        #expect(make(late: [december]).own(december).fingerprint == base.own(december).fingerprint)
        #expect(base.own(november).components["late_acknowledgements"] != make(late: []).own(november).components["late_acknowledgements"])
        // The first open month's full fingerprint adds the closed months it adjusts.
        let own = base.own(december).fingerprint
        #expect(MonthFingerprints.full(own: own, adjusting: []) == own)
        #expect(MonthFingerprints.full(own: own, adjusting: [(november, "x", nil)]) != own)
    }

    /// The items the manifest records for a stage (of a month).
    static func stageItems(_ outcome: PipelineRun.Outcome, _ stage: String, month: String? = nil) throws -> Int? {
        let stages = try manifest(outcome)["stages"] as? [[String: Any]] ?? []
        return stages.first { $0["stage"] as? String == stage && $0["month"] as? String == month }?["items"] as? Int
    }

    static func manifest(_ outcome: PipelineRun.Outcome) throws -> [String: Any] {
        let path = try #require(outcome.manifestPath)
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }
}

@Suite("Worker sets: a roster carried forward is stored once")
struct WorkerSetTests {
    typealias Kit = LedgerKit

    @Test("months with the same workers share one set; a set goes when no month refers to it")
    func shared() throws {
        let workspace = try LedgerWorkspace()
        try workspace.roster("2025-11", "DISHUB", [Kit.rahmat, Kit.yuliani])
        try workspace.run(through: "2026-01")
        let queue = try DatabaseQueue(path: workspace.storePath)
        func count(_ sql: String) throws -> Int { try queue.read { try Int.fetchOne($0, sql: sql) ?? -1 } }
        // Three months, one set of two workers; the view shows each month's.
        #expect(try count("SELECT count(*) FROM worker_set") == 1)
        #expect(try count("SELECT count(*) FROM worker") == 2)
        #expect(try count("SELECT count(*) FROM workers") == 6)
        #expect(try count("SELECT count(DISTINCT month) FROM workers WHERE nik = '\(Kit.rahmat.nik)'") == 3)
        // January's own roster: a second set for it; November's and December's stay shared.
        try workspace.roster("2026-01", "DISHUB", [Kit.rahmat])
        try workspace.run(through: "2026-01")
        #expect(try count("SELECT count(*) FROM worker_set") == 2)
        #expect(try count("SELECT count(*) FROM worker") == 3)
        #expect(try count("SELECT count(*) FROM workers WHERE month = '2026-01'") == 1)
        #expect(try count("SELECT count(*) FROM workers WHERE month = '2025-12'") == 2)
        // Back to the carried roster: January's set is no longer referred to and is dropped.
        try workspace.remove("2026-01/DISHUB/roster.xlsx")
        try workspace.run(through: "2026-01")
        #expect(try count("SELECT count(*) FROM worker_set") == 1)
        #expect(try count("SELECT count(*) FROM worker") == 2)
        #expect(try count("SELECT count(*) FROM workers") == 6)
        try queue.close()
    }
}
