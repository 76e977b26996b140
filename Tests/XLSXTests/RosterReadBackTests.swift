import Foundation
import SIGAPFixtures
import Testing
import XLSX

@Suite("Generated rosters read back cell for cell")
struct RosterReadBackTests {
    @Test("every cell of a generated roster reads back as written", arguments: [RosterGenerator.StringStorage.shared, .inline])
    func readBack(storage: RosterGenerator.StringStorage) throws {
        let generator = RosterGenerator(rows: 3_000, seed: 7, stringStorage: storage)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sigap-roster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("roster.xlsx").path
        try generator.write(to: path)

        let workbook = try Workbook(path: path)
        #expect(workbook.sheets.map(\.name) == ["Data Pekerja"])
        var rows: [Row] = []
        try workbook.reader(for: workbook.sheets[0]).forEachRow { rows.append($0) }
        #expect(rows.count == 3_001)
        #expect(rows.first?.cells.map(\.value) == RosterGenerator.header.map { .string($0) })

        for (expected, row) in zip(generator.makeRows(), rows.dropFirst()) {
            #expect(row.number == expected.number + 1)
            let texts = [
                expected.nik, expected.name, expected.birthPlace, "", expected.sex.rawValue, expected.address,
                expected.rt, expected.rw, expected.kelurahan, expected.kecamatan, expected.phone, expected.occupation,
                expected.note,
            ]
            #expect(row[column: 1]?.value == .number(Double(expected.number)))
            for (offset, text) in texts.enumerated() where offset != 3 {
                #expect(row[column: offset + 2]?.value == .string(text), "\(CellReference.name(row: row.number, column: offset + 2))")
            }
            guard case .date(let date)? = row[column: 5]?.value else {
                Issue.record("E\(row.number) is not a date")
                continue
            }
            let read: [Int] = [date.year, date.month, date.day]
            let written: [Int] = [expected.birthDate.year, expected.birthDate.month, expected.birthDate.day]
            #expect(read == written)
        }
    }
}
