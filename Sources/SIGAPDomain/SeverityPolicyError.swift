/// Why a severity override was refused.
public enum SeverityPolicyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The code is one of the four NIK structure errors (SPEC §5), always an error.
    case cannotDowngrade(FindingCode)

    public var description: String {
        switch self {
        case .cannotDowngrade(let code):
            "\(code.rawValue) is a NIK structure error and is always an error: it cannot be made a warning"
        }
    }
}
