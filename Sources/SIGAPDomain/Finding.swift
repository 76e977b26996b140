/// One finding on a row: what is wrong, how much it weighs, which field (so the caller can point
/// to the cell) and the value as found.
public struct Finding: Hashable, Sendable {
    public let code: FindingCode
    public let severity: Severity
    /// The field the finding concerns; nil for findings about the whole file.
    public let field: RosterField?
    /// The value as found (a NIK in full: only findings.csv and correction workbooks show it).
    public let value: String?

    public init(code: FindingCode, severity: Severity, field: RosterField?, value: String?) {
        self.code = code
        self.severity = severity
        self.field = field
        self.value = value
    }

    /// The message for this finding (masks NIKs and phones; see `FindingCode.message`).
    public func message(_ language: Language = .id) -> String {
        code.message(language, value: value)
    }
}
