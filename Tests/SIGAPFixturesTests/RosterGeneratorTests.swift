import Foundation
import SIGAPDomain
import SIGAPFixtures
import Testing

/// A fresh folder under the system temporary folder, removed by `remove()`.
private struct ScratchFolder {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("sigap-fixtures-\(UUID().uuidString)", isDirectory: true)

    init() throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

private func rows(_ count: Int, seed: UInt64 = 1) -> [RosterRow] {
    Array(RosterGenerator(rows: count, seed: seed).makeRows())
}

private func kecamatan(named name: String) -> BekasiDistricts.Kecamatan? {
    BekasiDistricts.kecamatan.first { $0.name.uppercased() == name }
}

/// Completed years of age on `day`.
private func age(of birth: CivilDate, on day: CivilDate) -> Int {
    day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day) ? 1 : 0)
}

@Suite struct RosterGeneratorTests {
    @Test func sameSeedGivesTheSameBytesAtAnotherTime() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        try RosterGenerator(rows: 300, seed: 7).write(to: folder.path("first.xlsx"))
        try await Task.sleep(for: .milliseconds(1100))  // a later second than the first write
        try RosterGenerator(rows: 300, seed: 7).write(to: folder.path("second.xlsx"))
        let first = try Data(contentsOf: URL(fileURLWithPath: folder.path("first.xlsx")))
        let second = try Data(contentsOf: URL(fileURLWithPath: folder.path("second.xlsx")))
        #expect(!first.isEmpty)
        #expect(first == second)
    }

    @Test func anotherSeedGivesOtherRows() {
        #expect(rows(50, seed: 1) != rows(50, seed: 2))
        #expect(rows(50, seed: 3) == rows(50, seed: 3))
    }

    @Test func stringsAreSharedUnlessInlineIsAsked() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        // Zip entry names are stored uncompressed, so the part's name shows in the file's bytes.
        let part = Data("xl/sharedStrings.xml".utf8)
        try RosterGenerator(rows: 20).write(to: folder.path("shared.xlsx"))
        let shared = try Data(contentsOf: URL(fileURLWithPath: folder.path("shared.xlsx")))
        #expect(shared.range(of: part) != nil)
        try RosterGenerator(rows: 20, stringStorage: .inline).write(to: folder.path("inline.xlsx"))
        let inline = try Data(contentsOf: URL(fileURLWithPath: folder.path("inline.xlsx")))
        #expect(inline.range(of: part) == nil)
    }

    @Test func headerHasTheFourteenColumns() {
        #expect(
            RosterGenerator.header == [
                "No", "NIK", "Nama Lengkap", "Tempat Lahir", "Tanggal Lahir", "Jenis Kelamin",
                "Alamat", "RT", "RW", "Kelurahan", "Kecamatan", "No HP", "Jenis Pekerjaan",
                "Keterangan",
            ])
    }

    @Test func rowsAreNumberedFromOne() {
        #expect(rows(1000).map(\.number) == Array(1...1000))
        #expect(rows(0).isEmpty)
    }

    @Test(arguments: [1, 2, 99] as [UInt64])
    func everyNIKIsAWellFormedUniqueBekasiNIK(seed: UInt64) {
        let generated = rows(100_000, seed: seed)
        let malformed = generated.filter { row in
            row.nik.utf8.count != 16 || !row.nik.utf8.allSatisfy { (0x30...0x39).contains($0) }
                || !row.nik.hasPrefix("3275") || row.nik.hasSuffix("0000")
        }
        #expect(malformed.count == 0, "first: \(malformed.prefix(3).map(\.nik))")
        #expect(Set(generated.map(\.nik)).count == generated.count)
    }

    @Test func nikCarriesTheBirthDateSexAndKecamatan() {
        let mismatched = rows(20_000).filter { row in
            let digits = Array(row.nik)
            let number = { (range: Range<Int>) in Int(String(digits[range])) ?? -1 }
            let day = number(6..<8)
            return row.sex != (day > 40 ? .female : .male)
                || day - (day > 40 ? 40 : 0) != row.birthDate.day
                || number(8..<10) != row.birthDate.month
                || number(10..<12) != row.birthDate.year % 100
                || kecamatan(named: row.kecamatan)?.nikCode != String(digits[4..<6])
        }
        #expect(mismatched.count == 0, "first: \(mismatched.prefix(3).map(\.number))")
    }

    @Test func workersAreEighteenToSixtyWhenSIGAPStarted() {
        let start = CivilDate(year: 2025, month: 11, day: 1)!
        let ages = rows(20_000).map { age(of: $0.birthDate, on: start) }
        #expect(ages.min() == 18)
        #expect(ages.max() == 60)
    }

    @Test func otherFieldsHaveTheirShapes() {
        let rtRw: Set<String> = [
            "001", "002", "003", "004", "005", "006", "007", "008", "009", "010", "011", "012", "013",
            "014", "015",
        ]
        let misshapen = rows(10_000).filter { row in
            let livesThere = kecamatan(named: row.kecamatan)?.kelurahan.contains {
                $0.name.uppercased() == row.kelurahan
            }
            return livesThere != true
                || !row.phone.hasPrefix("08") || !(11...13).contains(row.phone.utf8.count)
                || !row.phone.utf8.allSatisfy { (0x30...0x39).contains($0) }
                || !rtRw.contains(row.rt) || !rtRw.contains(row.rw)
                || !row.address.hasPrefix("JL. ") || !row.address.contains(" NO. ")
                || !["BARU", "LAMA", "PERPANJANGAN"].contains(row.note)
                || row.name.isEmpty || row.birthPlace.isEmpty || row.occupation.isEmpty
        }
        #expect(misshapen.count == 0, "first: \(misshapen.prefix(3).map(\.number))")
    }

    @Test func namesVaryInCaseAndTitles() {
        let names = rows(5000).map(\.name)
        #expect(names.contains { $0 == $0.uppercased() })
        #expect(names.contains { $0 != $0.uppercased() })
        #expect(names.contains { $0.hasPrefix("H. ") || $0.hasPrefix("HJ. ") || $0.hasPrefix("Hj. ") })
        #expect(names.contains { $0.hasSuffix(", S.Pd") })
    }

    @Test func aBadSheetNameIsAnErrorNamingTheFile() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = folder.path("bad.xlsx")
        let error = try #require(throws: RosterWriteError.self) {
            try RosterGenerator(rows: 5, sheetName: "Data [1]").write(to: path)
        }
        #expect(error.path == path)
        #expect(error.description.contains(path))
        #expect(!error.reason.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aMissingFolderIsAnErrorNamingTheFile() {
        let path = "/nonexistent-sigap-folder/roster.xlsx"
        let error = #expect(throws: RosterWriteError.self) {
            try RosterGenerator(rows: 5).write(to: path)
        }
        #expect(error?.description.contains(path) == true)
    }
}

@Suite struct CivilDateTests {
    @Test func knownDays() {
        #expect(CivilDate(daysSinceEpoch: 0) == CivilDate(year: 1970, month: 1, day: 1)!)
        #expect(CivilDate(year: 2000, month: 3, day: 1)!.daysSinceEpoch == 11_017)
        #expect(CivilDate(daysSinceEpoch: 11_016) == CivilDate(year: 2000, month: 2, day: 29)!)
        #expect(CivilDate(year: 1900, month: 3, day: 1)!.daysSinceEpoch == -25_508)
        #expect(CivilDate(year: 2025, month: 11, day: 5)!.daysSinceEpoch * 86_400 == RosterGenerator.created)
    }

    @Test func daysRoundTrip() {
        let days = Array(-40_000...40_000)
        let dates = days.map(CivilDate.init(daysSinceEpoch:))
        #expect(dates.map(\.daysSinceEpoch) == days)
        #expect(zip(dates, dates.dropFirst()).allSatisfy { $0 < $1 })
    }
}

@Suite struct BekasiDistrictsTests {
    @Test func twelveKecamatanAndFiftySixKelurahan() {
        let kecamatan = BekasiDistricts.kecamatan
        #expect(kecamatan.count == 12)
        let nikCodes = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"]
        #expect(kecamatan.map(\.nikCode) == nikCodes)
        #expect(kecamatan.flatMap(\.kelurahan).count == 56)
        #expect(Set(kecamatan.flatMap(\.kelurahan).map(\.code)).count == 56)
        for place in kecamatan {
            #expect(place.code.hasPrefix("32.75."))
            #expect(place.kelurahan.allSatisfy { $0.code.hasPrefix(place.code + ".1") })
        }
    }

    @Test func codesKeepTheirGaps() throws {
        let pondokgede = try #require(BekasiDistricts.kecamatan.first { $0.code == "32.75.08" })
        #expect(pondokgede.name == "Pondokgede")
        let bantargebang = try #require(BekasiDistricts.kecamatan.first { $0.code == "32.75.07" })
        #expect(bantargebang.kelurahan.map { String($0.code.suffix(4)) } == ["1003", "1004", "1007", "1008"])
    }
}
