import SIGAPDomain

/// Where closed months, the last run's results and the run history live. SQLite now
/// (`SQLiteLedgerStore`); a PostgreSQL store can follow behind the same protocol.
public protocol LedgerStore: Sendable {
    /// Every month the store holds, in order.
    func months() throws -> [StoredMonth]
    func month(_ month: YearMonth) throws -> StoredMonth?
    /// Saves a run and the results of its open months in one transaction. Closed months are never
    /// overwritten.
    func save(run: RunRecord, months: [StoredMonth]) throws
    /// Freezes a month: its stored results become final (`closed`), with `summaryJSON` (now saying
    /// `"closed": true`).
    func close(_ month: YearMonth, at timestamp: String, summaryJSON: String) throws
    func runs() throws -> [RunRecord]
}

extension LedgerStore {
    public func closedMonths() throws -> [YearMonth] {
        try months().filter(\.closed).map(\.month)
    }
}
