import SIGAPDomain

/// Where closed months, the last run's results and the run history live. SQLite now
/// (`SQLiteLedgerStore`); a PostgreSQL store can follow behind the same protocol.
public protocol LedgerStore: Sendable {
    /// Every month the store holds, in order. Without `ledgers`, each month's `ledgerCSV` is
    /// empty (a month of a million lines has 150 MB of it): `month(_:)` gives one month whole.
    func months(ledgers: Bool) throws -> [StoredMonth]
    /// One month; without `ledger`, its `ledgerCSV` is empty.
    func month(_ month: YearMonth, ledger: Bool) throws -> StoredMonth?
    /// Saves a run and the results of its open months in one transaction. Closed months are never
    /// overwritten.
    func save(run: RunRecord, months: [StoredMonth]) throws
    /// Freezes a month: its stored results become final (`closed`), with `summaryJSON` (now saying
    /// `"closed": true`).
    func close(_ month: YearMonth, at timestamp: String, summaryJSON: String) throws
    func runs() throws -> [RunRecord]
}

extension LedgerStore {
    /// Every month the store holds, in order, whole.
    public func months() throws -> [StoredMonth] {
        try months(ledgers: true)
    }

    /// One month, whole.
    public func month(_ month: YearMonth) throws -> StoredMonth? {
        try self.month(month, ledger: true)
    }

    public func closedMonths() throws -> [YearMonth] {
        try months(ledgers: false).filter(\.closed).map(\.month)
    }
}
