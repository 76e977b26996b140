/// How a finding weighs: an error quarantines the row, a warning keeps it and flags it (SPEC §5).
public enum Severity: String, Hashable, Sendable, CaseIterable, Comparable {
    case warning
    case error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .warning && rhs == .error
    }
}
