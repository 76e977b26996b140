import SIGAPDomain
import Testing

@testable import SIGAPPipeline

/// What the store keeps of a month's workers (the `workers` view) is read straight from the packed
/// rows; it must be what the workers themselves hold. The worker set's digest decides whether a
/// month's workers are stored again.
@Suite("Workers as the store keeps them")
struct WorkerListStoreTests {
    typealias Lists = RosterEntryListTests

    /// The people of `RosterEntryListTests` in two sources, and a NIK sent by both: its phone,
    /// empty in DISHUB's row, comes from DINSOS's (a merged worker).
    static func entries(phone: String = "+6281111111111") -> [RosterEntry] {
        let sparse = ValidatedPerson(
            nik: "3275010101000009", name: "BUDI", birthPlace: "JAKARTA", birthDate: CivilDate(year: 1990, month: 1, day: 2), sex: .male,
            address: nil, kelurahan: nil, kecamatan: nil, phone: nil, occupation: "PEDAGANG",
            emptyFields: ValidatedPerson.bit(.phone))
        // Cells sent as `-`: the row keeps the text, the worker does not (every such field).
        let dashes = ValidatedPerson(
            nik: "3275010101000010", name: "DEWI", birthPlace: "-", birthDate: CivilDate(year: 1970, month: 1, day: 1), sex: .female,
            address: "-", kelurahan: DistrictValue(code: "32.75.01.1001", name: "-"), kecamatan: DistrictValue(code: "32.75.01", name: "-"),
            phone: "-", occupation: "-",
            emptyFields: [RosterField.birthPlace, .birthDate, .sex, .address, .kelurahan, .kecamatan, .phone, .occupation].reduce(0) {
                $0 | ValidatedPerson.bit($1)
            })
        var full = sparse
        full.phone = phone
        full.emptyFields = 0
        return [
            Lists.entry(Lists.people[0]),
            Lists.entry(Lists.people[1], row: 3),
            Lists.entry(Lists.people[2], source: "DINSOS", file: "2025-11/DINSOS/b.xlsx", sheet: "Lembar 2", row: 7, nikColumn: nil),
            Lists.entry(Lists.people[3], row: 9),
            Lists.entry(dashes, row: 10),
            Lists.entry(sparse, row: 11),
            Lists.entry(full, source: "DINSOS", file: "2025-11/DINSOS/b.xlsx", sheet: "Lembar 2", row: 8),
        ]
    }

    static func workers(_ entries: [RosterEntry]) -> WorkerList {
        Deduplicator(priority: ["DISHUB", "DINSOS"], severity: .warning).merge(entries).workers
    }

    /// A worker's values as the store must keep them, from the built worker (empty is NULL).
    static func expected(_ worker: Worker) -> [String?] {
        let person = worker.person
        let values: [String?] = [
            person.nik, person.name, worker.owner, worker.sources.joined(separator: ";"), person.birthPlace,
            person.birthDate?.description, person.sex?.letter, person.kecamatan?.code, person.kelurahan?.code, person.phone,
            person.occupation, worker.file, worker.sheet, String(worker.row),
        ]
        return values.map { $0?.isEmpty == true ? nil : $0 }
    }

    @Test("each worker's stored values are the worker's own: one-row workers read from the packed rows, merged ones built")
    func storedValues() {
        let workers = Self.workers(Self.entries())
        #expect(workers.count == 6)
        #expect(workers.merged.count == 1, "the NIK sent by both sources is merged")
        var stored: [[String?]] = []
        workers.forEachStoredRow { values, row in
            #expect(values.count == WorkerList.storedValueCount)
            let texts = values.map { bytes in bytes.flatMap { $0.isEmpty ? nil : String(decoding: $0, as: UTF8.self) } }
            stored.append(texts + [String(row)])
        }
        #expect(stored == workers.map(Self.expected))
        // What the store's columns then show, for the merged worker and an emptied field.
        let budi = stored.first { $0[0] == "3275010101000009" }
        #expect(budi?[9] == "+6281111111111")
        #expect(budi?[3] == "DISHUB;DINSOS")
        let dewi = stored.first { $0[0] == "3275010101000010" }
        #expect(dewi.map { Array($0[4...10]) } == Array(repeating: nil, count: 7), "every field sent as - is empty")
    }

    @Test("a worker's ledger line shows the worker's own values: read from the packed rows, or the merged worker's; sent as - is empty")
    func ledgerLineValues() throws {
        let workers = Self.workers(Self.entries())
        let month = try #require(YearMonth(year: 2025, month: 11))
        let lines = Reconciler(month: month, rate: 16_800)
            .reconcile(workers, acknowledgements: AcknowledgementBook(AcknowledgementList()), latestCoveredKPJ: [:]).lines
        func shown(_ line: LedgerLine) -> [String] {
            [
                line.nik, line.name, line.source, line.sources.joined(separator: ";"), line.kecamatanCode, line.kecamatan, line.kelurahan,
                line.occupation,
            ]
        }
        func expected(_ worker: Worker) -> [String] {
            [
                worker.nik, worker.name, worker.owner, worker.sources.joined(separator: ";"), worker.kecamatan?.code ?? "",
                worker.kecamatan?.name ?? "", worker.kelurahan?.name ?? "", worker.occupation ?? "",
            ]
        }
        // By NIK text: the lines are in ledger order, and two of these NIKs are not 16 digits.
        let byNIK: ([String], [String]) -> Bool = { $0[0] < $1[0] }
        let shownLines = lines.map(shown).sorted(by: byNIK)
        let workerValues = workers.map(expected).sorted(by: byNIK)
        #expect(shownLines == workerValues)
        #expect(lines.count == 6)
        let dewi = try #require(lines.first { $0.nik == "3275010101000010" })
        #expect(Array(shown(dewi)[4...]) == ["", "", "", ""], "every district and occupation sent as - is empty")
        let budi = try #require(lines.first { $0.nik == "3275010101000009" })
        #expect(shown(budi) == ["3275010101000009", "BUDI", "DISHUB", "DISHUB;DINSOS", "", "", "", "PEDAGANG"])
        #expect(lines.allSatisfy { $0.status == .pending })
    }

    @Test("the digest: the same rows give the same digest, read again or carried forward; one changed value changes it")
    func digest() {
        let first = Self.workers(Self.entries()).contentDigest()
        #expect(first == Self.workers(Self.entries()).contentDigest())
        #expect(first.count == 64)
        #expect(first != Self.workers(Self.entries(phone: "+6282222222222")).contentDigest())
        var moved = Self.entries()
        moved[0].row += 1
        #expect(first != Self.workers(moved).contentDigest())
        var renamed = Self.entries()
        renamed[2].file = "2025-12/DINSOS/b.xlsx"
        #expect(first != Self.workers(renamed).contentDigest())
    }
}
