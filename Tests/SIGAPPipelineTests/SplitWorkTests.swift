import Foundation
import SIGAPDomain
import SIGAPFixtures
import Testing

@testable import SIGAPPipeline

/// A month of many workers is deduplicated, reconciled and written out in two halves on both cores
/// (`SplitWork`); the demo months are too small for that, so these tests force the split on a few
/// thousand generated workers and compare with one pass. The acknowledgement walk is compared
/// with a search per NIK.
@Suite("Work split over both cores")
struct SplitWorkTests {
    static let month = YearMonth("2025-11")!
    static let people = Array(RosterRows(count: 3_000, seed: 7))

    static func record(_ row: RosterRow, phone: String? = nil, name: String? = nil) -> RosterRecord {
        RosterRecord(
            nik: .text(row.nik), name: name ?? row.name, birthPlace: row.birthPlace, birthDate: .date(row.birthDate),
            sex: row.sex.rawValue, address: row.address, rt: row.rt, rw: row.rw, kelurahan: row.kelurahan, kecamatan: row.kecamatan,
            phone: phone ?? row.phone, occupation: row.occupation)
    }

    /// DISHUB lists everyone, every fifth with `-` for a phone, every eleventh under a name BPJS
    /// does not know (a name mismatch); DINSOS lists every third person, in reverse order, every
    /// seventh of them under another name (an identity conflict).
    static let entries: [RosterEntry] = {
        let validator = RowValidator(month: month)
        var entries: [RosterEntry] = []
        for (index, row) in people.enumerated() {
            entries.append(
                RosterEntry(
                    source: "DISHUB", file: "2025-11/DISHUB/a.xlsx", sheet: "Data", row: index + 2, nikColumn: 2,
                    validated: validator.validate(
                        record(row, phone: index % 5 == 0 ? "-" : nil, name: index % 11 == 0 ? "ORANG LAIN SAMA SEKALI" : nil)),
                    isDuplicate: false))
        }
        for (index, row) in people.enumerated().reversed() where index % 3 == 0 {
            entries.append(
                RosterEntry(
                    source: "DINSOS", file: "2025-11/DINSOS/b.xlsx", sheet: "Data", row: index + 2, nikColumn: 2,
                    validated: validator.validate(record(row, name: index % 7 == 0 ? "NAMA LAIN SEKALI" : nil)), isDuplicate: false))
        }
        return entries
    }()

    /// What a user sees of a worker.
    static func describe(_ worker: Worker) -> String {
        "\(worker.nik)|\(worker.owner)|\(worker.sources.joined(separator: ";"))|\(worker.identityConflict)|\(worker.file)|\(worker.row)"
            + "|\(worker.phone ?? "-")|\(worker.name)|\(worker.address ?? "-")"
    }

    @Test("deduplication in two halves: the same workers, conflicts and set-aside rows as one pass", arguments: [Severity.warning, .error])
    func deduplication(_ severity: Severity) {
        var onePass = Deduplicator(priority: ["DISHUB", "DINSOS"], severity: severity)
        onePass.splitThreshold = .max
        var split = onePass
        split.splitThreshold = 2
        let whole = onePass.merge(Self.entries)
        let halves = split.merge(Self.entries)
        #expect(whole.workers.count == Self.people.count)
        #expect(halves.workers.map(Self.describe) == whole.workers.map(Self.describe))
        #expect(halves.workers.map(\.person) == whole.workers.map(\.person))
        #expect(whole.workers.map(\.nik) == whole.workers.map(\.nik).sorted())
        let conflicts = whole.conflicts.map { "\($0.entry.source)|\($0.entry.row)|\($0.finding.code)" }
        #expect(!conflicts.isEmpty)
        #expect(halves.conflicts.map { "\($0.entry.source)|\($0.entry.row)|\($0.finding.code)" } == conflicts)
        #expect(halves.quarantined.map(\.row) == whole.quarantined.map(\.row))
        #expect(whole.quarantined.isEmpty == (severity == .warning))
        // A placeholder phone stays empty in the worker.
        #expect(whole.workers.contains { $0.phone == nil })
        #expect(!whole.workers.contains { $0.phone == "-" })
    }

    @Test("reconciliation and the ledger text in two halves equal one pass; the acknowledgement walk equals a search")
    func reconciliation() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sigap-split-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try AcknowledgementGenerator(rows: Self.people.count, seed: 7, period: "2025-11").write(to: "\(folder)/acks.csv")
        let report = try AcknowledgementReader().read(path: "\(folder)/acks.csv", file: "2025-11/BPJS/acks.csv", month: Self.month)
        let book = AcknowledgementBook([report])
        let workers = Deduplicator(priority: ["DISHUB", "DINSOS"]).merge(Self.entries).workers

        var onePass = Reconciler(month: Self.month, rate: 16_800)
        onePass.splitThreshold = .max
        var split = onePass
        split.splitThreshold = 2
        let whole = onePass.reconcile(workers, acknowledgements: book, latestCoveredKPJ: [:])
        let halves = split.reconcile(workers, acknowledgements: book, latestCoveredKPJ: [:])
        #expect(halves.lines == whole.lines)
        #expect(halves.pendingExposure == whole.pendingExposure && whole.pendingExposure > 0)
        #expect(halves.orphanRejections == whole.orphanRejections)
        let statuses = Set(whole.lines.map(\.status))
        #expect(statuses.isSuperset(of: [.covered, .rejected, .pending]), "\(statuses)")
        #expect(whole.lines.contains { $0.flags.contains(.nameMismatch) })

        // The walk over the book (NIKs ascending) finds what a search per NIK finds.
        let walk = book.effectiveInNIKOrder(period: Self.month)
        let disagreements = workers.filter { walk(UInt64($0.nik)!) != book.effective(nik: $0.nik, period: Self.month) }
        #expect(disagreements.isEmpty, "\(disagreements.count) NIKs")

        #expect(LedgerCSV.render(whole.lines, splitThreshold: 2) == LedgerCSV.render(whole.lines, splitThreshold: .max))
    }
}
