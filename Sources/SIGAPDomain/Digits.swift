/// Small helpers for ASCII digits, shared by the parsers of this module.
enum Digits {
    /// `value` in decimal, left-padded with zeros to `width` characters.
    static func padded(_ value: Int, width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    static func isDigit(_ character: Character) -> Bool {
        character.isASCII && character >= "0" && character <= "9"
    }

    /// True when `text` is non-empty and made of ASCII digits only.
    static func areAll(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// The value of a non-empty run of ASCII digits (at most 9 of them), else nil.
    static func value(_ text: some StringProtocol) -> Int? {
        guard areAll(text), text.utf8.count <= 9 else { return nil }
        return text.utf8.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }
}
