/// The severities in force for a pipeline: the spec's defaults with the pipeline's overrides (§9).
/// The four NIK structure errors stay errors whatever a pipeline says.
public struct SeverityPolicy: Hashable, Sendable {
    /// The overrides in force, by code.
    public private(set) var overrides: [FindingCode: Severity] = [:]

    /// The spec's defaults.
    public static let standard = SeverityPolicy()

    public init() {}

    /// The defaults with `overrides`; throws when one would downgrade an always-error code.
    public init(overrides: [FindingCode: Severity]) throws(SeverityPolicyError) {
        for (code, severity) in overrides.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            try set(severity, for: code)
        }
    }

    /// Overrides one code's severity; throws when it would downgrade an always-error code.
    public mutating func set(_ severity: Severity, for code: FindingCode) throws(SeverityPolicyError) {
        if code.isAlwaysError && severity != .error {
            throw .cannotDowngrade(code)
        }
        overrides[code] = severity
    }

    /// The severity of `code` under this policy.
    public func severity(of code: FindingCode) -> Severity {
        code.isAlwaysError ? .error : overrides[code] ?? code.defaultSeverity
    }
}
