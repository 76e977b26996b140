import Foundation
import SIGAPDomain
import Testing

@testable import SIGAPPipeline

/// The stages of a run that have no suite of their own (SPEC §1): adjust, the enrolment list,
/// summarise, and the manifest's record of every stage.
@Suite("Run stages: adjust, enrolment list, summarise, stage records")
struct StageTests {
    typealias Kit = LedgerKit

    static func line(
        _ month: YearMonth, _ nik: String, _ status: LedgerStatus, premium: Int, entry: LedgerEntryKind = .regular,
        forMonth: YearMonth? = nil,
        previous: LedgerStatus? = nil
    ) -> LedgerLine {
        LedgerLine(
            month: month, entry: entry, forMonth: forMonth ?? month, nik: nik, name: "NAMA", source: "DISHUB", sources: ["DISHUB"],
            kecamatanCode: "", kecamatan: "", kelurahan: "", occupation: "", kpj: status == .covered ? "25110000001" : "", status: status,
            previousStatus: previous, reasonCode: status == .rejected ? "LAINNYA" : "", premium: premium, flags: [])
    }

    @Test("adjust: each closed month against its frozen lines plus the adjustments later closed months recorded")
    func adjust() throws {
        let rahmat = Kit.rahmat.nik
        let yuliani = Kit.yuliani.nik
        // November froze Rahmat COVERED and Yuliani PENDING; December (closed too) already reversed
        // Rahmat's November premium.
        let stage = AdjustStage(frozen: [
            (
                Kit.november,
                [Self.line(Kit.november, rahmat, .covered, premium: 16_800), Self.line(Kit.november, yuliani, .pending, premium: 0)]
            ),
            (
                Kit.december,
                [
                    Self.line(Kit.december, rahmat, .covered, premium: 16_800),
                    Self.line(
                        Kit.december, rahmat, .rejected, premium: -16_800, entry: .adjustment, forMonth: Kit.november, previous: .covered),
                ]
            ),
        ])
        // Now BPJS accepts Rahmat for November after all, Yuliani is gone, December is as it was.
        let output = stage.run(
            recomputed: [
                Kit.november: [Self.line(Kit.november, rahmat, .covered, premium: 16_800)],
                Kit.december: [Self.line(Kit.december, rahmat, .covered, premium: 16_800)],
            ], into: Kit.january)
        #expect(output.lines.count == 1)
        let adjustment = try #require(output.lines.first)
        #expect(adjustment.month == Kit.january)
        #expect(adjustment.entry == .adjustment)
        #expect(adjustment.forMonth == Kit.november)
        #expect(adjustment.status == .covered)
        #expect(adjustment.previousStatus == .rejected)
        #expect(adjustment.premium == 16_800)
        // The vanished worker is a note with a masked NIK, not an adjustment.
        #expect(output.notes.count == 1)
        #expect(output.notes.first?.hasPrefix("2025-11: a worker of the closed month (") == true)
        #expect(output.notes.first?.contains(yuliani) == false)
        #expect(output.notes.first?.contains(Masking.nik(yuliani)) == true)
    }

    @Test("the enrolment list: PENDING workers never accepted for any period up to the month, in NIK order")
    func enrolmentList() {
        let workers = Kit.workers([("DISHUB", Kit.rahmat), ("DISHUB", Kit.yuliani), ("DINSOS", Kit.suparman)])
        let lines = [Kit.suparman, Kit.yuliani, Kit.rahmat].map(\.nik).sorted().map { nik in
            Self.line(Kit.december, nik, nik == Kit.yuliani.nik ? .covered : .pending, premium: nik == Kit.yuliani.nik ? 16_800 : 0)
        }
        // Suparman was accepted for November: not to be sent again.
        let acknowledgements = LedgerKitAcknowledgements([Kit.november: [Kit.accepted(Kit.suparman.nik)]])
        let rows = EnrolmentList.rows(lines: lines, workers: workers, acknowledgements: acknowledgements, month: Kit.december)
        #expect(rows.map(\.nik) == [Kit.rahmat.nik])
        #expect(rows.first?.name == "RAHMAT HIDAYAT")
        #expect(rows.first?.kecamatan == "Pondokgede")
        #expect(rows.first?.source == "DISHUB")
        // Accepted only for a later period: still to send.
        let later = LedgerKitAcknowledgements([Kit.january: [Kit.accepted(Kit.suparman.nik)]])
        #expect(
            EnrolmentList.rows(lines: lines, workers: workers, acknowledgements: later, month: Kit.december).map(\.nik)
                == [Kit.suparman.nik, Kit.rahmat.nik].sorted())
    }

    @Test("summarise and the manifest: every stage of every month recorded with its count, time and memory")
    func stageRecords() throws {
        let workspace = try LedgerWorkspace()
        try workspace.roster("2025-11", "DISHUB", [Kit.rahmat, Kit.yuliani, Kit.rahmat])
        try workspace.roster("2025-12", "DINSOS", [Kit.suparman])
        try workspace.acknowledgements("2025-11", [Kit.ack("2025-11", Kit.rahmat.nik, kpj: "25110000001", status: "DITERIMA")])
        let outcome = try workspace.run(through: "2025-12")
        #expect(outcome.exitCode == 0)
        let manifest = try #require(outcome.manifestPath)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifest))) as? [String: Any]
        let stages = try #require(json?["stages"] as? [[String: Any]])
        func items(_ stage: String, _ month: String?) -> Int? {
            stages.first { $0["stage"] as? String == stage && $0["month"] as? String == month }?["items"] as? Int
        }
        // November: three rows read (one a duplicate), two workers, two lines; December adds DINSOS.
        #expect(items("extract and validate rosters", "2025-11") == 3)
        #expect(items("dedupe", "2025-11") == 2)
        #expect(items("reconcile", "2025-11") == 2)
        #expect(items("store workers", "2025-11") == 2)
        #expect(items("summarise", "2025-11") == 1)  // DUPLICATE_ROW
        #expect(items("extract and validate rosters", "2025-12") == 4)
        #expect(items("dedupe", "2025-12") == 3)
        #expect(items("extract acknowledgements", nil) == 1)
        #expect(items("publish", nil) == outcome.published.count)
        for stage in stages {
            #expect((stage["seconds"] as? Double).map { $0 >= 0 } == true, "\(stage)")
            #expect((stage["peak_rss_mb"] as? Int).map { $0 > 0 } == true, "\(stage)")
        }
        // The summary the summarise stage made is the one published.
        let summary = try workspace.summary("2025-11")
        #expect(summary["workers"] as? Int == 2)
        #expect(summary["covered"] as? Int == 1)
        #expect((summary["findings_by_code"] as? [String: Int]) == ["DUPLICATE_ROW": 1])
    }

    @Test("a month computed after a stored one: the KPJ history read from the store (on a second thread) flags a new KPJ")
    func kpjHistoryFromStore() throws {
        let workspace = try LedgerWorkspace()
        try workspace.roster("2025-11", "DISHUB", [Kit.rahmat, Kit.yuliani])
        try workspace.acknowledgements("2025-11", [Kit.ack("2025-11", Kit.rahmat.nik, kpj: "25110000001", status: "DITERIMA")])
        #expect(try workspace.run(through: "2025-11").exitCode == 0)
        // December arrives the next night: November stands as stored, December reads its history.
        try workspace.acknowledgements(
            "2025-12",
            [
                Kit.ack("2025-12", Kit.rahmat.nik, kpj: "25120000009", status: "DITERIMA"),
                Kit.ack("2025-12", Kit.yuliani.nik, kpj: "25120000002", status: "DITERIMA"),
            ])
        let outcome = try workspace.run(through: "2025-12")
        #expect(outcome.exitCode == 0)
        #expect(outcome.reused == [YearMonth("2025-11")!])
        let manifest = try #require(outcome.manifestPath)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifest))) as? [String: Any]
        let stages = try #require(json?["stages"] as? [[String: Any]])
        let history = stages.first { $0["stage"] as? String == "covered KPJs of earlier months" }
        #expect(history?["month"] as? String == "2025-12")
        #expect(history?["items"] as? Int == 1)
        // Rahmat's KPJ changed since November; Yuliani had none before.
        let ledger = try workspace.outputText("2025-12/ledger.csv").split(separator: "\n")
        let rahmat = try #require(ledger.first { $0.contains(Kit.rahmat.nik) && $0.contains("REGULAR") })
        let yuliani = try #require(ledger.first { $0.contains(Kit.yuliani.nik) && $0.contains("REGULAR") })
        #expect(rahmat.contains("KPJ_CHANGED"))
        #expect(!yuliani.contains("KPJ_CHANGED"))
    }
}
