/// An Indonesian mobile number (SPEC §6): read from `08…`, `+62 8…`, `62 8…` or `8…`, with spaces,
/// dashes, dots or brackets anywhere; valid when its national form `08…` has 10 to 13 digits.
public struct PhoneNumber: Hashable, Sendable, CustomStringConvertible {
    /// The national form, `08…` (10 to 13 digits).
    public let national: String

    /// Reads a phone cell; nil when it is not an Indonesian mobile number. The trunk zero written
    /// after the country code (`+62 0812…`, `62 (0)812…`) is tolerated.
    public init?(parsing text: String) {
        // Whitespace of any kind reads as a space; any other character outside ASCII means it is no
        // phone number. The reading itself is on the ASCII bytes.
        var ascii = text
        if !text.utf8.allSatisfy({ $0 < 0x80 }) {
            var mapped = ""
            for character in text {
                if character.isWhitespaceFast {
                    mapped.append(" ")
                } else if character.isASCII {
                    mapped.append(character)
                } else {
                    return nil
                }
            }
            ascii = mapped
        }
        guard let national = Self.nationalForm(ascii) else { return nil }
        self.national = national
    }

    /// The national form of an ASCII cell, or nil.
    private static func nationalForm(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var digits: [UInt8] = []
            digits.reserveCapacity(16)
            var leadingBlanks = 0
            var sawOther = false
            var plus = false
            for (index, byte) in bytes.enumerated() {
                let blank = byte == 0x20 || (0x09...0x0D).contains(byte)
                if !sawOther {
                    if blank {
                        leadingBlanks += 1
                    } else {
                        sawOther = true
                        plus = byte == 0x2B
                    }
                }
                switch byte {
                case 0x30...0x39: digits.append(byte)
                case 0x2B:  // "+": only first, before any digit
                    guard index == leadingBlanks, digits.isEmpty else { return nil }
                case 0x2D, 0x2E, 0x28, 0x29, 0x5B, 0x5D: break  // - . ( ) [ ]
                default: if !blank { return nil }
                }
            }
            var national: [UInt8]
            if digits.starts(with: [0x36, 0x32]) {  // "62"
                national = Array(digits.dropFirst(2))
                if national.first == 0x30 { national.removeFirst() }
                national.insert(0x30, at: 0)
            } else if plus {
                return nil
            } else if digits.starts(with: [0x30, 0x38]) {
                national = digits
            } else if digits.first == 0x38 {
                national = [0x30] + digits
            } else {
                return nil
            }
            guard national.starts(with: [0x30, 0x38]), (10...13).contains(national.count) else { return nil }
            return String(decoding: national, as: UTF8.self)
        }
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
