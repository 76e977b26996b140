import XLSX

extension AcknowledgementValues {
    /// An acknowledged premium in integer rupiah (SPEC §8.2): `16800`, `16.800`, `Rp 16.800`,
    /// `Rp16.800,00`, `IDR 16,800`, `Rp 16.800,-`.
    ///
    /// A leading `Rp`/`IDR` (any case, with or without a dot) and spaces are dropped, and a trailing
    /// `,-`. Where both `.` and `,` occur, the last one is the decimal mark; a single mark followed
    /// by exactly three digits groups thousands, else it is the decimal mark. Decimals must be zero:
    /// `16.800,50` is not integer rupiah and reads as nil, as do empty and unreadable texts.
    public static func premium(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { premium(bytes: $0) }
    }

    /// A workbook cell's premium: a whole number (to within a millionth), or text as `premium(_:)`.
    public static func premium(_ value: CellValue) -> Int? {
        switch value {
        case .number(let number): return premium(number: number)
        case .string(let text): return premium(text)
        default: return nil
        }
    }

    static func premium(number: Double) -> Int? {
        guard number.isFinite, number >= 0, number < 1e15 else { return nil }
        let whole = number.rounded()
        guard abs(number - whole) < 1e-6 else { return nil }
        return Int(whole)
    }

    static func premium(bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var text = trimmed(bytes)
        // Currency prefix.
        for prefix in currencyPrefixes where text.count >= prefix.count {
            if zip(prefix, text).allSatisfy({ $0 == ($1 >= 0x61 && $1 <= 0x7A ? $1 - 0x20 : $1) }) {
                text = UnsafeBufferPointer(rebasing: text[prefix.count...])
                if text.first == 0x2E { text = UnsafeBufferPointer(rebasing: text[1...]) }
                break
            }
        }
        // `,-` or `.-` after the amount.
        if text.count >= 2, text[text.count - 1] == 0x2D, text[text.count - 2] == 0x2C || text[text.count - 2] == 0x2E {
            text = UnsafeBufferPointer(rebasing: text[..<(text.count - 2)])
        }
        // Digits and marks only (spaces between groups are ignored).
        var lastDot = -1, lastComma = -1, dots = 0, commas = 0, digitCount = 0
        for (index, byte) in text.enumerated() {
            switch byte {
            case 0x30...0x39: digitCount += 1
            case 0x2E:
                dots += 1
                lastDot = index
            case 0x2C:
                commas += 1
                lastComma = index
            case 0x20, 0x09: continue
            case 0xC2, 0xA0: continue  // a no-break space
            default: return nil
            }
        }
        guard digitCount > 0 else { return nil }
        var decimalMark = -1
        if dots > 0 && commas > 0 {
            decimalMark = max(lastDot, lastComma)
            // The other mark groups thousands; the decimal mark must occur once.
            if (decimalMark == lastDot && dots > 1) || (decimalMark == lastComma && commas > 1) { return nil }
        } else if dots + commas == 1 {
            let mark = max(lastDot, lastComma)
            let digitsAfter = text[(mark + 1)...].reduce(0) { $0 + (isDigit($1) ? 1 : 0) }
            if digitsAfter != 3 { decimalMark = mark }
        }
        var value = 0
        var wholeDigits = 0
        for (index, byte) in text.enumerated() {
            guard isDigit(byte) else { continue }
            if decimalMark >= 0 && index > decimalMark {
                guard byte == 0x30 else { return nil }
                continue
            }
            wholeDigits += 1
            guard wholeDigits <= 15 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return wholeDigits > 0 ? value : nil
    }

    private static let currencyPrefixes: [[UInt8]] = [Array("IDR".utf8), Array("RP".utf8)]
}
