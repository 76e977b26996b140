/// The status of a worker in a month (SPEC §8.3).
public enum LedgerStatus: String, Sendable, Hashable, CaseIterable {
    /// Enrolled and accepted by BPJS: the premium is due.
    case covered = "COVERED"
    /// Enrolled and rejected by BPJS.
    case rejected = "REJECTED"
    /// Enrolled, no acknowledgement yet.
    case pending = "PENDING"
    /// Accepted by BPJS but not enrolled.
    case unexpected = "UNEXPECTED"
}
