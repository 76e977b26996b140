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

    /// BPJS's answers for every person (generated), as a book.
    static func book() throws -> AcknowledgementBook {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sigap-split-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try AcknowledgementGenerator(rows: people.count, seed: 7, period: "2025-11").write(to: "\(folder)/acks.csv")
        let report = try AcknowledgementReader().read(path: "\(folder)/acks.csv", file: "2025-11/BPJS/acks.csv", month: month)
        return AcknowledgementBook([report])
    }

    /// `workers` reconciled against `book` in one pass and in two halves.
    static func reconciled(_ workers: WorkerList, _ book: AcknowledgementBook) -> (whole: MonthReconciliation, halves: MonthReconciliation)
    {
        var onePass = Reconciler(month: month, rate: 16_800)
        onePass.splitThreshold = .max
        var split = onePass
        split.splitThreshold = 2
        return (
            onePass.reconcile(workers, acknowledgements: book, latestCoveredKPJ: [:]),
            split.reconcile(workers, acknowledgements: book, latestCoveredKPJ: [:])
        )
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
        let book = try Self.book()
        let workers = Deduplicator(priority: ["DISHUB", "DINSOS"]).merge(Self.entries).workers

        let (whole, halves) = Self.reconciled(workers, book)
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

    @Test("people BPJS answered for but no roster lists: UNEXPECTED lines in NIK order among the others, in halves as in one pass")
    func unexpectedAmongEnrolled() throws {
        let book = try Self.book()
        // DISHUB's list alone, every fourth person left out.
        let listed = Self.entries.enumerated().filter { $0.element.source == "DISHUB" && $0.offset % 4 != 0 }.map(\.element)
        let workers = Deduplicator(priority: ["DISHUB"]).merge(listed).workers
        let enrolled = Set(workers.map(\.nik))

        let (whole, halves) = Self.reconciled(workers, book)
        #expect(halves.lines == whole.lines)
        // One line per worker, one per accepted answer for anyone else, every NIK once, ascending.
        let others = book.effectiveAcknowledgements(period: Self.month).filter { !enrolled.contains($0.nik) }
        let unexpected = whole.lines.filter { $0.status == .unexpected }
        #expect(unexpected.count > 100)
        #expect(unexpected.map(\.nik) == others.filter(\.accepted).map(\.nik))
        #expect(whole.lines.count == workers.count + unexpected.count)
        #expect(whole.orphanRejections == others.count - unexpected.count && whole.orphanRejections > 0)
        #expect(whole.lines.map(\.nik) == whole.lines.map(\.nik).sorted())
        #expect(Set(whole.lines.map(\.nik)).count == whole.lines.count)
        // The first and last NIKs of the month may be anyone's: an UNEXPECTED line lies between enrolled ones.
        let positions = whole.lines.indices.filter { whole.lines[$0].status == .unexpected }
        #expect(positions.contains { $0 > 0 && $0 < whole.lines.count - 1 && whole.lines[$0 - 1].status != .unexpected })
    }

    @Test("UNEXPECTED lines join a month's lines in NIK order, whether the others come sorted or not")
    func unexpectedMerge() {
        func line(_ nik: String, _ status: LedgerStatus) -> LedgerLine {
            LedgerLine(
                month: Self.month, entry: .regular, forMonth: Self.month, nik: nik, name: "NAMA", source: "", sources: [],
                kecamatanCode: "", kecamatan: "", kelurahan: "", occupation: "", kpj: "", status: status, previousStatus: nil,
                reasonCode: "", premium: 0, flags: [])
        }
        let tail = ["3275010101900002", "3275010101900005", "3275010101900009"].map { line($0, .unexpected) }
        // Sorted: merged in place.
        var sorted = ["3275010101900001", "3275010101900003", "3275010101900004", "3275010101900006"].map { line($0, .pending) }
        Reconciler.merge(tail, into: &sorted)
        #expect(
            sorted.map { "\($0.nik.suffix(2)) \($0.status.rawValue)" } == [
                "01 PENDING", "02 UNEXPECTED", "03 PENDING", "04 PENDING", "05 UNEXPECTED", "06 PENDING", "09 UNEXPECTED",
            ])
        // Not sorted (a NIK out of order): sorted whole.
        var unsorted = ["3275010101900006", "3275010101900001"].map { line($0, .pending) }
        Reconciler.merge(tail, into: &unsorted)
        #expect(unsorted.map { String($0.nik.suffix(2)) } == ["01", "02", "05", "06", "09"])
        // Nothing to add: unchanged.
        var alone = [line("3275010101900001", .pending)]
        Reconciler.merge([], into: &alone)
        #expect(alone.map(\.nik) == ["3275010101900001"])
    }
}
