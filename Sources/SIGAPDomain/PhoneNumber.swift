/// An Indonesian mobile number (SPEC §6): read from `08…`, `+62 8…`, `62 8…` or `8…`, with spaces,
/// dashes, dots or brackets anywhere; valid when its national form `08…` has 10 to 13 digits.
public struct PhoneNumber: Hashable, Sendable, CustomStringConvertible {
    /// The national form, `08…` (10 to 13 digits).
    public let national: String

    /// Reads a phone cell; nil when it is not an Indonesian mobile number. The trunk zero written
    /// after the country code (`+62 0812…`, `62 (0)812…`) is tolerated.
    public init?(parsing text: String) {
        var digits = ""
        for (index, character) in text.enumerated() {
            if Digits.isDigit(character) {
                digits.append(character)
            } else if character == "+" {
                guard index == text.prefix(while: \.isWhitespaceFast).count, digits.isEmpty else { return nil }
            } else if !(character.isWhitespaceFast || "-.()[]".contains(character)) {
                return nil
            }
        }
        let plus = text.trimmingWhitespace().hasPrefix("+")
        var national: String
        if digits.hasPrefix("62") {
            national = String(digits.dropFirst(2))
            if national.hasPrefix("0") { national.removeFirst() }
            national = "0" + national
        } else if plus {
            return nil
        } else if digits.hasPrefix("08") {
            national = digits
        } else if digits.hasPrefix("8") {
            national = "0" + digits
        } else {
            return nil
        }
        guard national.hasPrefix("08"), (10...13).contains(national.utf8.count) else { return nil }
        self.national = national
    }

    /// E.164: `+628…`.
    public var e164: String { "+62" + national.dropFirst() }

    /// For logs: `+628` and the last three digits, the rest hidden (`+628*******890`).
    public var masked: String {
        let e164 = e164
        return String(e164.prefix(4)) + String(repeating: "*", count: e164.count - 7) + String(e164.suffix(3))
    }

    public var description: String { masked }
}
