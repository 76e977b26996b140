import Testing

@testable import XLSX

@Suite("String escapes and JSON output (XLSX-READER.md item 13, SPEC §13)")
struct TextEncodingTests {
    @Test(
        "_xHHHH_ escapes decode to UTF-16 code units",
        arguments: [
            ("a_x000D_b", "a\rb"), ("_x005F_x0041_", "_x0041_"), ("no escape", "no escape"),
            ("_xD83D__xDE00_", "😀"), ("_xD83D_", "\u{FFFD}"), ("_x00e9_t_x00C9_", "étÉ"),
            ("_x12G4_", "_x12G4_"),
        ])
    func escapes(raw: String, decoded: String) {
        #expect(ExcelEscapes.decode(raw) == decoded)
    }

    @Test("JSON numbers: integral below 2^53 without fraction, else shortest round-trip")
    func numbers() {
        #expect(JSON.number(3) == "3")
        #expect(JSON.number(-2) == "-2")
        #expect(JSON.number(-0.0) == "0")
        #expect(JSON.number(3.5) == "3.5")
        #expect(JSON.number(29.020000000000003) == "29.020000000000003")
        #expect(JSON.number(1_234_567_890_123_456) == "1234567890123456")
        #expect(JSON.number(1e20) == "1e+20")
        #expect(JSON.number(1e-7) == "1e-07")
        #expect(Double(JSON.number(3.275_011_208_85e15)) == 3.275_011_208_85e15)
    }

    @Test("JSON strings escape quotes, backslashes and controls only")
    func strings() {
        #expect(JSON.string("Siti \"Ani\" \\ /") == #""Siti \"Ani\" \\ /""#)
        #expect(JSON.string("a\nb\rc\td\u{08}e\u{0C}f\u{01}") == #""a\nb\rc\td\be\ff\u0001""#)
        #expect(JSON.string("Jl. Kenanga · Bekasi 😀") == "\"Jl. Kenanga · Bekasi 😀\"")
    }
}
