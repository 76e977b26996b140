import Foundation
import SIGAPDomain
import SIGAPFixtures
import Testing

@testable import SIGAPPipeline

/// The month's rows are kept packed (`RosterEntryList`): every entry must come back exactly as it
/// went in, whatever its values, and the workers built over them must be those of the rows.
@Suite("Packed roster rows")
struct RosterEntryListTests {
    static func entry(
        _ person: ValidatedPerson, source: String = "DISHUB", file: String = "2025-11/DISHUB/a.xlsx", sheet: String = "Data", row: Int = 2,
        nikColumn: Int? = 2, duplicate: Bool = false
    ) -> RosterEntry {
        RosterEntry(
            source: source, file: file, sheet: sheet, row: row, nikColumn: nikColumn, person: person, isDuplicate: duplicate)
    }

    /// Everything a user could check of an entry.
    static func describe(_ entry: RosterEntry) -> String {
        "\(entry.source)|\(entry.file)|\(entry.sheet)|\(entry.row)|\(entry.nikColumn.map(String.init) ?? "-")|\(entry.isDuplicate)"
    }

    static let people: [ValidatedPerson] = [
        ValidatedPerson(
            nik: "3275010101000001", name: "IRFAN", birthPlace: "BEKASI", birthDate: CivilDate(year: 1985, month: 8, day: 17), sex: .male,
            address: "JL. MAWAR NO. 1", kelurahan: DistrictValue(code: "32.75.01.1001", name: "Margahayu"),
            kecamatan: DistrictValue(code: "32.75.01", name: "Bekasi Timur"), phone: "+6281234567890", occupation: "OJEK DARING",
            emptyFields: 0),
        // Nothing but the NIK and name; a leading zero; an empty name.
        ValidatedPerson(
            nik: "0275010101000002", name: "", birthPlace: nil, birthDate: nil, sex: nil, address: nil, kelurahan: nil, kecamatan: nil,
            phone: nil, occupation: nil, emptyFields: 0b1111_1111_1111),
        // Empty strings (not absent), a district that matched nothing, a date before 1970, a long
        // address (a length over 127 bytes), text that is not ASCII.
        ValidatedPerson(
            nik: "3275010101000003", name: "SITI NURHALIZA BINTI MUHAMMAD", birthPlace: "",
            birthDate: CivilDate(year: 1901, month: 2, day: 28),
            sex: .female, address: String(repeating: "GANG KENANGA RT 01 RW 02 ", count: 8) + "BEKASI — ÉTÉ", kelurahan: nil,
            kecamatan: DistrictValue(code: nil, name: "Bekasi Ujung"), phone: "0812-345", occupation: "", emptyFields: 0b100),
        // A NIK that is not 16 digits is kept as text.
        ValidatedPerson(
            nik: "32750101", name: "ANDI", birthPlace: nil, birthDate: nil, sex: nil, address: nil, kelurahan: nil, kecamatan: nil,
            phone: nil, occupation: nil, emptyFields: 0),
    ]

    @Test("every entry comes back with the values, place and duplicate mark it was stored with")
    func roundTrip() {
        let entries = [
            Self.entry(Self.people[0]),
            Self.entry(Self.people[1], row: 3),
            Self.entry(Self.people[2], source: "DINSOS", file: "2025-11/DINSOS/b.xlsx", sheet: "Lembar 2", row: 1_048_576, nikColumn: nil),
            Self.entry(Self.people[3], row: 9, duplicate: true),
            Self.entry(Self.people[0], row: 10),
        ]
        let list = RosterEntryList(entries)
        #expect(list.count == entries.count)
        for (stored, original) in zip(list, entries) {
            #expect(stored.person == original.person)
            #expect(Self.describe(stored) == Self.describe(original))
        }
        #expect(list[2].person.birthPlace == "")
        #expect(list[1].person.birthPlace == nil)
        #expect(list.nik(at: 0) == 3_275_010_101_000_001)
        #expect(list.nik(at: 3) == 0)

        // Appended to another list: the same entries again.
        var joined = RosterEntryList(entries.prefix(2))
        joined.append(contentsOf: RosterEntryList(entries.dropFirst(2)))
        #expect(joined.map(Self.describe) == entries.map(Self.describe))
        #expect(joined.map(\.person) == entries.map(\.person))

        // A copy is a value: adding to it leaves the original as it was (the buffers are shared
        // until then, and grow in place).
        let original = RosterEntryList(entries.prefix(2))
        var copy = original
        for _ in 0..<100 { copy.append(entries[2]) }
        #expect(original.count == 2 && copy.count == 102)
        #expect(original.map(Self.describe) == entries.prefix(2).map(Self.describe))
        #expect(copy[101].person == entries[2].person)
    }

    @Test("a list put aside in a temporary file comes back as it was; joined lists keep every row's values and place")
    func spilledAndJoined() throws {
        let entries = [
            Self.entry(Self.people[0]),
            Self.entry(Self.people[2], source: "DINSOS", file: "2025-11/DINSOS/b.xlsx", sheet: "Lembar 2", row: 1_048_576, nikColumn: nil),
            Self.entry(Self.people[3], row: 9, duplicate: true),
        ]
        // Enough rows that the file, not memory, holds most of them (`ByteSpool` keeps 4 MB).
        var many = RosterEntryList()
        for row in 0..<120_000 { many.append(Self.entry(Self.people[row % 4], file: "2025-11/DISHUB/\(row / 40_000).xlsx", row: row + 2)) }
        let folder = FileManager.default.temporaryDirectory.path
        for list in [RosterEntryList(), RosterEntryList(entries), many] {
            let spilled = list.spilled(in: folder)
            #expect(spilled.rows == list.count)
            let back = RosterEntryList(spilled)
            #expect(back.map(Self.describe) == list.map(Self.describe))
            #expect(back.map(\.person) == list.map(\.person))
        }

        // Joined: the same as appending the rows one by one, districts and origins shared by value.
        var one = RosterEntryList(entries)
        var joined = RosterEntryList(entries)
        for entry in many.prefix(5) { one.append(entry) }
        joined.append(contentsOf: RosterEntryList(many.prefix(5)))
        #expect(joined.map(Self.describe) == one.map(Self.describe))
        #expect(joined.map(\.person) == one.map(\.person))
        #expect(joined.originCount == one.originCount)
        #expect(joined.districts.values.count == one.districts.values.count)
    }

    @Test("texts Swift calls equal but written differently (precomposed, decomposed) come back as each row sent them")
    func sameBytes() {
        let precomposed = "Jatiasih Caf\u{E9}", decomposed = "Jatiasih Cafe\u{301}"
        #expect(precomposed == decomposed)
        var first = Self.people[0]
        first.kecamatan = DistrictValue(code: nil, name: precomposed)
        var second = Self.people[0]
        second.kecamatan = DistrictValue(code: nil, name: decomposed)
        let list = RosterEntryList([
            Self.entry(first, file: "2025-11/DISHUB/\(precomposed).xlsx"), Self.entry(second, file: "2025-11/DISHUB/\(decomposed).xlsx"),
        ])
        #expect(Array(list[0].person.kecamatan!.name.utf8) == Array(precomposed.utf8))
        #expect(Array(list[1].person.kecamatan!.name.utf8) == Array(decomposed.utf8))
        #expect(Array(list[0].file.utf8) == Array("2025-11/DISHUB/\(precomposed).xlsx".utf8))
        #expect(Array(list[1].file.utf8) == Array("2025-11/DISHUB/\(decomposed).xlsx".utf8))
    }

    @Test("the workers over packed rows: a lone row's empty cells cleared, a merged worker's filled, sorted by NIK")
    func workers() throws {
        var lonePerson = Self.people[0]
        lonePerson.phone = "-"
        lonePerson.emptyFields = 1 << UInt16(RosterField.phone.ordinal)
        var merging = Self.people[2]
        merging.kelurahan = nil
        merging.emptyFields = 1 << UInt16(RosterField.kelurahan.ordinal)
        var filler = Self.people[2]
        filler.kelurahan = DistrictValue(code: "32.75.01.1002", name: "Bekasijaya")
        filler.emptyFields = 0
        let entries = [
            Self.entry(merging, source: "DINSOS", row: 5),
            Self.entry(lonePerson, row: 2),
            Self.entry(filler, source: "DISHUB", row: 7),
        ]
        let workers = Deduplicator(priority: ["DISHUB", "DINSOS"]).merge(RosterEntryList(entries)).workers
        #expect(workers.map(\.nik) == ["3275010101000001", "3275010101000003"])
        let lone = try #require(workers.first)
        #expect(lone.phone == nil)
        #expect(lone.sources == ["DISHUB"])
        let merged = workers[1]
        // DISHUB ranks first: its row survives; DINSOS's row has nothing DISHUB lacks.
        #expect(merged.owner == "DISHUB")
        #expect(merged.row == 7)
        #expect(merged.sources == ["DISHUB", "DINSOS"])
        #expect(merged.kelurahan?.name == "Bekasijaya")
        #expect(workers.nik(at: 1) == 3_275_010_101_000_003)
    }
}
