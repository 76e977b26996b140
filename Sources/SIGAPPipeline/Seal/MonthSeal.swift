import Crypto
import SIGAPDomain

/// The seal of a closed month (SPEC §16): the SHA-256 that chains the digests of the three files
/// its close published to the seal of the month closed before it. The store keeps the chain;
/// `<out>/M/SEAL` holds the seal and a newline; the month's report prints it.
public struct MonthSeal: Sendable, Hashable {
    /// The seal before the first closed month.
    public static let origin = String(repeating: "0", count: 64)

    public var month: YearMonth
    /// The seal of the month closed before (`origin` for the first).
    public var previous: String
    /// Lowercase hex SHA-256 of the bytes of `ledger.csv`, `summary.json` and `findings.csv` as
    /// the close published them.
    public var ledgerSHA256: String
    public var summarySHA256: String
    public var findingsSHA256: String
    /// `seal_M`.
    public var seal: String
    /// False from the moment the store closed the month until its files (SEAL last) are all in
    /// place: a close stopped in between is finished by the next `run` or `close`.
    public var published: Bool

    /// A new seal, computed from its parts.
    public init(month: YearMonth, previous: String, ledgerSHA256: String, summarySHA256: String, findingsSHA256: String) {
        self.month = month
        self.previous = previous
        self.ledgerSHA256 = ledgerSHA256
        self.summarySHA256 = summarySHA256
        self.findingsSHA256 = findingsSHA256
        self.seal = Self.compute(
            previous: previous, month: month, ledgerSHA256: ledgerSHA256, summarySHA256: summarySHA256, findingsSHA256: findingsSHA256)
        self.published = false
    }

    /// A stored seal, as kept.
    public init(
        month: YearMonth, previous: String, ledgerSHA256: String, summarySHA256: String, findingsSHA256: String, seal: String,
        published: Bool
    ) {
        self.month = month
        self.previous = previous
        self.ledgerSHA256 = ledgerSHA256
        self.summarySHA256 = summarySHA256
        self.findingsSHA256 = findingsSHA256
        self.seal = seal
        self.published = published
    }

    /// `sha256(seal_{M-1} "\n" M "\n" h(ledger.csv) "\n" h(summary.json) "\n" h(findings.csv) "\n")`.
    public static func compute(
        previous: String, month: YearMonth, ledgerSHA256: String, summarySHA256: String, findingsSHA256: String
    ) -> String {
        Fingerprint.sha256("\(previous)\n\(month)\n\(ledgerSHA256)\n\(summarySHA256)\n\(findingsSHA256)\n")
    }

    /// Whether `seal` is what its parts give.
    public var isConsistent: Bool {
        seal
            == Self.compute(
                previous: previous, month: month, ledgerSHA256: ledgerSHA256, summarySHA256: summarySHA256,
                findingsSHA256: findingsSHA256)
    }

    /// The digests of a month's three sealed files.
    public struct Digests: Sendable, Hashable {
        public var ledgerSHA256: String
        public var summarySHA256: String
        public var findingsSHA256: String

        public init(ledgerSHA256: String, summarySHA256: String, findingsSHA256: String) {
            self.ledgerSHA256 = ledgerSHA256
            self.summarySHA256 = summarySHA256
            self.findingsSHA256 = findingsSHA256
        }
    }

    public var digests: Digests {
        Digests(ledgerSHA256: ledgerSHA256, summarySHA256: summarySHA256, findingsSHA256: findingsSHA256)
    }

    /// The text of `<out>/M/SEAL`.
    public var fileText: String { "\(seal)\n" }
}
