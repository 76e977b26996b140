/// A birth-date cell as the reader found it.
public enum DateInput: Hashable, Sendable {
    /// No value.
    case empty
    /// A date-formatted cell, already converted from its serial (1900 or 1904 date system).
    case date(CivilDate)
    /// A number in a cell that is not date-formatted: not a date (SPEC §6).
    case number(Double)
    /// Text, read by `CivilDate(parsing:month:)`.
    case text(String)

    /// The value as found, for findings (nil when empty, blank, or a placeholder such as `-`).
    public var originalText: String? {
        switch self {
        case .empty: return nil
        case .date(let date): return date.description
        case .number(let value): return NIKInput.number(value).originalText
        case .text(let text): return text.hasContent ? text : nil
        }
    }

    /// True when `originalText` is not nil (without building it).
    public var hasValue: Bool {
        switch self {
        case .empty: false
        case .date: true
        case .number: originalText != nil
        case .text(let text): text.hasContent
        }
    }

    /// The date, `.absent` for an empty or blank cell or a placeholder without a digit or letter
    /// (`-`), or `.unreadable` (DOB_INVALID).
    public func read(month: YearMonth) -> DateReading {
        switch self {
        case .empty:
            return .absent
        case .date(let date):
            return .valid(date)
        case .number:
            return .unreadable
        case .text(let text):
            if !text.hasContent { return .absent }
            return CivilDate(parsing: text, month: month).map(DateReading.valid) ?? .unreadable
        }
    }
}
