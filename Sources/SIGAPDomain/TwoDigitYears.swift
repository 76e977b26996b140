/// A set of two-digit years (00-99): those the century rule (`YearMonth.resolvedYear`) may have
/// been asked for while rows were validated. A validation holds for another month of another
/// calendar year when every one of them resolves there to the same year
/// (`RowValidator.keepsSameRows(for:twoDigitYears:)`).
public struct TwoDigitYears: Hashable, Sendable {
    /// Years 0-63, then 64-99.
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    public init() {}

    public mutating func insert(_ year: Int) {
        let (high, bit) = Self.place(year)
        if high { self.high |= bit } else { low |= bit }
    }

    public func contains(_ year: Int) -> Bool {
        let (high, bit) = Self.place(year)
        return (high ? self.high : low) & bit != 0
    }

    /// Which word holds `year` (its last two digits), and its bit there.
    private static func place(_ year: Int) -> (high: Bool, bit: UInt64) {
        let year = ((year % 100) + 100) % 100
        return year < 64 ? (false, 1 << UInt64(year)) : (true, 1 << UInt64(year - 64))
    }

    public mutating func formUnion(_ other: TwoDigitYears) {
        low |= other.low
        high |= other.high
    }

    /// Every two adjacent ASCII digits of `text` once its whitespace is taken out: more than the
    /// two-digit years a date written in it can have (the date reader takes whitespace out, or
    /// splits at it, and ignores a trailing time of day), never fewer.
    public mutating func insertDigitPairs(of text: String) {
        var previous: UInt8?
        for character in text where !character.isWhitespaceFast {
            guard let byte = character.asciiValue, (0x30...0x39).contains(byte) else {
                previous = nil
                continue
            }
            if let previous { insert(Int(previous - 0x30) * 10 + Int(byte - 0x30)) }
            previous = byte
        }
    }

    /// Whether each year of the set resolves to the same year in `one` as in `other`.
    public func resolveAlike(in one: YearMonth, and other: YearMonth) -> Bool {
        one.year == other.year
            || (0..<100).allSatisfy { !contains($0) || one.resolvedYear(twoDigitYear: $0) == other.resolvedYear(twoDigitYear: $0) }
    }
}
