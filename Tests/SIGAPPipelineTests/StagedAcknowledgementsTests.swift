import Foundation
import SIGAPDomain
import Testing

@testable import SIGAPPipeline

/// An acknowledgement file kept in the store (SPEC §15, staged extraction) gives back exactly what
/// reading it gave, and the per-month book a run makes of kept files answers as the whole book did.
@Suite("Staged acknowledgement files: read once, given back the same")
struct StagedAcknowledgementsTests {
    typealias Book = AcknowledgementBookTests

    static func reports() throws -> [AcknowledgementReport] {
        let b = Book.b
        let s = Book.s
        return [
            try Book.report("2025-11", "a.csv", ["\(b),2025-11,DITOLAK,,usia,", "\(s),2025-11,DITOLAK,,kosong,"]),
            try Book.report(
                "2025-11", "b.csv", ["\(b),2025-11,DITOLAK,,tidak padan,", "\(b),2025-11,DITERIMA,25110000001,,16800"]),
            try Book.report(
                "2025-12", "a.csv",
                [
                    "\(b),2025-11,DITOLAK,,sudah terdaftar,", "\(b),2025-12,DITERIMA,25110000001,,16800", "\(s),2025-11,DITERIMA,,,",
                    "\(s),2025-12,DITERIMA,25110000002,,16800",
                ]),
        ]
    }

    @Test("the packed rows, findings, counts and periods come back as read, under the name and month given")
    func roundTrip() throws {
        let report = try Self.reports()[2]
        let kept = StagedAcknowledgements(report: report)
        let stored = try #require(StagedAcknowledgements(records: kept.records, text: kept.text, metaJSON: kept.metaJSON))
        #expect(stored.periods == [YearMonth("2025-11")!, YearMonth("2025-12")!])
        #expect(stored.rowsRead == 4)
        #expect(stored.rowsQuarantined == 1)
        let list = try #require(stored.list(file: report.file, received: report.month, periods: nil))
        #expect(Array(list) == Array(report.acknowledgements))
        // The same bytes arrived elsewhere: the rows say so.
        let moved = try #require(stored.list(file: "2026-01/BPJS/copy.csv", received: YearMonth("2026-01")!, periods: nil))
        #expect(moved.map(\.file) == Array(repeating: "2026-01/BPJS/copy.csv", count: 3))
        #expect(moved.map(\.received) == Array(repeating: YearMonth("2026-01")!, count: 3))
        // One period's rows only.
        let december = try #require(stored.list(file: report.file, received: report.month, periods: [YearMonth("2025-12")!]))
        #expect(december.map(\.nik) == [Book.b, Book.s])
        #expect(december.map(\.row) == [3, 5])
        // The quarantined row's finding, placed in the file and month it is read for.
        let findings = stored.findings(file: report.file, month: report.month)
        #expect(findings == report.findings)
        #expect(!findings.isEmpty)
        // Bytes that are not a packed list are refused.
        #expect(StagedAcknowledgements(records: [1, 2, 3], text: [], metaJSON: kept.metaJSON) == nil)
        #expect(StagedAcknowledgements(records: kept.records, text: kept.text, metaJSON: "{") == nil)
    }

    @Test("the earliest accepted period of each NIK answers as the whole book does, for every month")
    func acceptedPeriods() throws {
        let reports = try Self.reports()
        let whole = AcknowledgementBook(reports)
        let accepted = AcceptedPeriods { take in
            for report in reports { take(StagedAcknowledgements(report: report).records) }
        }
        var onePeriod = AcknowledgementBook(AcknowledgementList())
        onePeriod.accepted = accepted
        for nik in [Book.b, Book.s, AckTest.dewi, "12"] {
            for month in ["2025-10", "2025-11", "2025-12", "2026-01"].compactMap(YearMonth.init) {
                #expect(
                    onePeriod.hasAccepted(nik: nik, through: month) == whole.hasAccepted(nik: nik, through: month), "\(nik) \(month)")
            }
        }
        // Budi's November acceptance was overridden by December's file; his December one counts.
        #expect(!onePeriod.hasAccepted(nik: Book.b, through: YearMonth("2025-11")!))
        #expect(onePeriod.hasAccepted(nik: Book.b, through: YearMonth("2025-12")!))
    }

    @Test("a file kept by another reader (another version, other limits) is replaced by the new reading, not reused")
    func otherReader() throws {
        let folder = try SQLiteLedgerStoreTests.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try SQLiteLedgerStore(path: "\(folder)/sigap.sqlite")
        let reports = try Self.reports()
        try store.stage(acknowledgementFile: "aaa", reader: "v1", report: reports[0], staged: StagedAcknowledgements(report: reports[0]))
        #expect(try store.stagedAcknowledgementFiles(reader: "v1") == ["aaa": 2])
        #expect(try store.stagedAcknowledgementFiles(reader: "v2").isEmpty)
        // The same reader again: left as it is.
        try store.stage(acknowledgementFile: "aaa", reader: "v1", report: reports[2], staged: StagedAcknowledgements(report: reports[2]))
        #expect(try store.stagedAcknowledgements(sha256: "aaa")?.rowsRead == 2)
        // Another reader: its reading replaces the kept one.
        try store.stage(acknowledgementFile: "aaa", reader: "v2", report: reports[2], staged: StagedAcknowledgements(report: reports[2]))
        #expect(try store.stagedAcknowledgementFiles(reader: "v2") == ["aaa": 4])
        #expect(try store.stagedAcknowledgementFiles(reader: "v1").isEmpty)
        #expect(try store.stagedAcknowledgements(sha256: "aaa")?.rowsRead == 4)
    }
}
