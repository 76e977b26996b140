import SIGAPDomain

/// Findings' messages, each made once: a message depends only on the code and the value, which
/// repeat over a month's rows (a million rows with the same wrong sex), and making one masks the
/// long digit runs of its value. Up to a bound, so a month of a million different values does not
/// keep a million messages.
struct FindingMessages {
    private struct Key: Hashable {
        var code: FindingCode
        var value: String?
    }

    let language: Language
    private var known: [Key: String] = [:]
    private var reasons: [Key: String] = [:]
    private static let bound = 100_000

    init(_ language: Language = .id) {
        self.language = language
    }

    mutating func message(_ finding: Finding) -> String {
        let key = Key(code: finding.code, value: finding.value)
        if let message = known[key] { return message }
        let message = finding.message(language)
        if known.count < Self.bound { known[key] = message }
        return message
    }

    /// `CODE: message`, as a correction workbook's "Alasan" column lists a row's findings.
    mutating func reason(_ finding: Finding) -> String {
        let key = Key(code: finding.code, value: finding.value)
        if let reason = reasons[key] { return reason }
        let reason = "\(finding.code.rawValue): \(message(finding))"
        if reasons.count < Self.bound { reasons[key] = reason }
        return reason
    }
}
