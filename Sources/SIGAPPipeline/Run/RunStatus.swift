/// How a run ended (SPEC §11). The CLI decides its exit status from this (`ExitStatus.of`); the
/// manifest and the store's run record keep SPEC §11's number for it (`code`), which a test holds
/// equal to the CLI's.
public enum RunStatus: Sendable, Hashable, CaseIterable {
    /// Everything read and published.
    case clean
    /// Published, but an input of an open month could not be read or is not where it belongs
    /// (an unreadable file, an undeclared folder): 65.
    case inputProblems
    /// The inbox folder is missing or cannot be read: nothing computed, 66.
    case inboxMissing
    /// A check of the books failed (a bug): nothing published but the manifest, 70.
    case invariantViolated
    /// The store or an output could not be written: 73.
    case publishFailed

    /// SPEC §11's number.
    public var code: Int32 {
        switch self {
        case .clean: 0
        case .inputProblems: 65
        case .inboxMissing: 66
        case .invariantViolated: 70
        case .publishFailed: 73
        }
    }
}
