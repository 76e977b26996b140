import SIGAPDomain
import Testing

@testable import SIGAPPipeline

/// A ledger line keeps a 16-digit NIK as a number: it must read back as the same text, leading
/// zeros too, and lines must order exactly as their NIK texts do, whatever the NIK holds.
@Suite("Ledger lines: NIK kept compactly")
struct LedgerLineTests {
    static func line(_ nik: String) -> LedgerLine {
        LedgerLine(
            month: YearMonth("2025-11")!, entry: .regular, forMonth: YearMonth("2025-11")!, nik: nik, name: "IRFAN", source: "DISHUB",
            sources: ["DISHUB"], kecamatanCode: "", kecamatan: "", kelurahan: "", occupation: "", kpj: "", status: .pending,
            previousStatus: nil, reasonCode: "", premium: 0, flags: [])
    }

    static let niks = [
        "3275010101000002", "0275010101000001", "3275010101000001", "32750101", "", "327501010100000A", "9999999999999999",
        "32750101010000010", "3275010101000001 ",
    ]

    @Test("the NIK reads back as given, and lines order and compare as their NIK texts")
    func nikText() {
        let lines = Self.niks.map(Self.line)
        #expect(lines.map(\.nik) == Self.niks)
        #expect(lines.sorted { $0.nikKey < $1.nikKey }.map(\.nik) == Self.niks.sorted())
        #expect(LedgerCSV.ordered(lines).map(\.nik) == Self.niks.sorted())
        #expect(Self.line("3275010101000001") == Self.line("3275010101000001"))
        #expect(Self.line("3275010101000001") != Self.line("0275010101000001"))
        #expect(Set(lines + lines).count == Self.niks.count)
        var changed = Self.line("3275010101000001")
        changed.nik = "32750101"
        #expect(changed.nik == "32750101")
        #expect(changed == Self.line("32750101"))
    }
}
