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

    /// Lines as reconciliation makes them, packed in a block, against the same lines boxed.
    static let varied: [LedgerLine] = [
        LedgerLine(
            month: YearMonth("2025-12")!, entry: .regular, forMonth: YearMonth("2025-12")!, nik: "3275010101000001",
            name: "SITI NURHALIZA BINTI MUHAMMAD", source: "DISHUB", sources: ["DISHUB", "DINSOS"], kecamatanCode: "32.75.01",
            kecamatan: "Bekasi Timur", kelurahan: "Margahayu", occupation: "OJEK DARING", kpj: "10000109005", status: .covered,
            previousStatus: nil, reasonCode: "", premium: 16_800, flags: [.identityConflict, .nameMismatch]),
        LedgerLine(
            month: YearMonth("2025-12")!, entry: .adjustment, forMonth: YearMonth("2025-11")!, nik: "0275010101000002", name: "",
            source: "", sources: [], kecamatanCode: "", kecamatan: "Bekasi Ujung", kelurahan: "", occupation: "", kpj: "",
            status: .rejected, previousStatus: .covered, reasonCode: "NIK_TIDAK_VALID", premium: -16_800, flags: []),
        LedgerLine(
            month: YearMonth("2025-12")!, entry: .regular, forMonth: YearMonth("2025-12")!, nik: "32750101", name: "ANDI — É",
            source: "DINSOS", sources: ["DINSOS"], kecamatanCode: "32.75.02", kecamatan: "Bekasi Barat", kelurahan: "Bintara",
            occupation: "PEDAGANG", kpj: "", status: .unexpected, previousStatus: nil, reasonCode: "", premium: 0,
            flags: [.amountMismatch, .identityConflict, .kpjChanged, .nameMismatch]),
    ]

    static func packed(_ line: LedgerLine, in block: LedgerBlock) -> LedgerLine {
        LedgerLine(
            in: block, month: line.month, entry: line.entry, forMonth: line.forMonth, nik: line.nikKey, name: line.name,
            source: line.source,
            sources: line.sources, kecamatanCode: line.kecamatanCode, kecamatan: line.kecamatan, kelurahan: line.kelurahan,
            occupation: line.occupation, kpj: line.kpj, status: line.status, previousStatus: line.previousStatus,
            reasonCode: line.reasonCode, premium: line.premium, flags: line.flags)
    }

    @Test("a line packed in a block reads back field for field, equal to the boxed line, and its CSV is the same")
    func packedLines() {
        let block = LedgerBlock(capacity: 4)
        let packed = Self.varied.map { Self.packed($0, in: block) }
        #expect(block.records.count == Self.varied.count)
        for (line, boxed) in zip(packed, Self.varied) {
            #expect(line == boxed)
            #expect(line.hashValue == boxed.hashValue)
            #expect(line.flags == boxed.flags)
            #expect(line.previousStatus == boxed.previousStatus)
            #expect(line.premium == boxed.premium)
            #expect(line.forMonth == boxed.forMonth)
        }
        #expect(LedgerCSV.render(packed) == LedgerCSV.render(Self.varied))
        // A change makes the line a box of its own; the block's record stays.
        var changed = packed[0]
        changed.status = .pending
        changed.premium = 0
        #expect(changed.status == .pending && changed.name == Self.varied[0].name)
        #expect(packed[0].status == .covered && packed[0] == Self.varied[0])
    }

    @Test("a packed line's texts are its own bytes, even where another line's are equal to Swift")
    func sameBytes() {
        let block = LedgerBlock(capacity: 2)
        var first = Self.varied[0]
        first.occupation = "PENJUAL KAF\u{C9}"
        var second = Self.varied[0]
        second.occupation = "PENJUAL KAFE\u{301}"
        #expect(first.occupation == second.occupation)
        let lines = [Self.packed(first, in: block), Self.packed(second, in: block)]
        #expect(Array(lines[0].occupation.utf8) == Array(first.occupation.utf8))
        #expect(Array(lines[1].occupation.utf8) == Array(second.occupation.utf8))
        #expect(Array(LedgerCSV.render(lines).utf8) == Array(LedgerCSV.render([first, second]).utf8))
    }

    @Test("what a block cannot hold is made as a box, with the same values")
    func unpackable() {
        let block = LedgerBlock(capacity: 2)
        var unsorted = Self.varied[0]
        unsorted.flags = [.nameMismatch, .amountMismatch, .nameMismatch]
        var large = Self.varied[1]
        large.premium = 5_000_000_000
        let lines = [Self.packed(unsorted, in: block), Self.packed(large, in: block)]
        #expect(block.records.isEmpty)
        #expect(lines[0] == unsorted && lines[0].flags == [.nameMismatch, .amountMismatch, .nameMismatch])
        #expect(lines[1].premium == 5_000_000_000)
    }
}
