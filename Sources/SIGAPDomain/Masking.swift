/// Masked forms of personal numbers for logs, metrics and reports: no log line ever carries a full
/// NIK or phone number (SPEC §11), valid or not.
public enum Masking {
    /// A NIK-like value with its middle hidden: the first 6 and last 4 characters of a 16-character
    /// value stay (`327508******0001`). Shorter or longer values keep at most that much and always
    /// hide at least 6 characters (`12345` → `*****`). Whitespace is removed first.
    public static func nik(_ text: String) -> String {
        let characters = Array(text.filter { !$0.isWhitespaceFast })
        let hidden = min(characters.count, max(6, characters.count - 10))
        let shown = characters.count - hidden
        let suffix = min(4, shown)
        let prefix = shown - suffix
        return String(characters.prefix(prefix)) + String(repeating: "*", count: hidden)
            + String(characters.suffix(suffix))
    }

    /// A phone value with every digit but the last three hidden; other characters stay
    /// (`+6281234567890` → `+**********890`, `0812-3456-7890` → `****-****-*890`).
    public static func phone(_ text: String) -> String {
        let digitCount = text.reduce(0) { $0 + ($1.isNumberFast ? 1 : 0) }
        var seen = 0
        var masked = ""
        for character in text {
            if character.isNumberFast {
                seen += 1
                masked.append(seen > digitCount - 3 ? character : "*")
            } else {
                masked.append(character)
            }
        }
        return masked
    }

    /// Masks every run of ten or more digits (a NIK, a phone number) that a message would carry,
    /// also when its digit groups are separated by spaces, dots or dashes (`3275 0817 0885 0001`).
    public static func longDigitRuns(_ text: String) -> String {
        // Fewer than ten digits in all: no run to mask (most messages; no characters to split).
        var digits = 0
        for byte in text.utf8 where byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { digits += 1 }
        guard digits >= 10 else { return text }
        let characters = Array(text)
        var result = ""
        var index = 0
        while index < characters.count {
            guard Digits.isDigit(characters[index]) else {
                result.append(characters[index])
                index += 1
                continue
            }
            // The run: digits, and single separators between digits.
            var end = index + 1
            var digitCount = 1
            while end < characters.count {
                if Digits.isDigit(characters[end]) {
                    digitCount += 1
                    end += 1
                } else if end + 1 < characters.count, runSeparators.contains(characters[end]),
                    Digits.isDigit(characters[end + 1])
                {
                    end += 1
                } else {
                    break
                }
            }
            let run = String(characters[index..<end])
            result += digitCount >= 10 ? nik(run) : run
            index = end
        }
        return result
    }

    private static let runSeparators: Set<Character> = [" ", "\u{00A0}", ".", "-"]
}
