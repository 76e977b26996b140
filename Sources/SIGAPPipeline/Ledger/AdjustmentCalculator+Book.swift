import SIGAPDomain

extension AdjustmentCalculator {
    /// What a run needs of a closed month's stored lines, read in one pass (`LedgerStore.ledgerBook`):
    /// its book, and the KPJ each worker was covered with (the history the next month's
    /// `KPJ_CHANGED` flags compare with).
    public struct Book: Sendable {
        /// The NIK, status and premium of its REGULAR lines, in ledger order.
        public var entries: [BookEntry] = []
        /// The NIK and KPJ of its REGULAR COVERED lines that carry a KPJ, in ledger order.
        public var coveredKPJs: [(nik: String, kpj: String)] = []

        public init(entries: [BookEntry] = [], coveredKPJs: [(nik: String, kpj: String)] = []) {
            self.entries = entries
            self.coveredKPJs = coveredKPJs
        }
    }
}
