/// What a date cell gave.
public enum DateReading: Hashable, Sendable {
    case absent
    case valid(CivilDate)
    case unreadable

    public var date: CivilDate? {
        if case .valid(let date) = self { return date }
        return nil
    }
}
