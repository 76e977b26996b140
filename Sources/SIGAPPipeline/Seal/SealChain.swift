import Foundation
import SIGAPDomain

/// The checks of SPEC §16 on the closed months: the cheap one every `run` and `close` makes at
/// its start, and the full one of `sigap verify`.
public struct SealChain {
    public let store: any LedgerStore
    /// The out folder the closed months were published in.
    public let out: String

    public init(store: any LedgerStore, out: String) {
        self.store = store
        self.out = out
    }

    /// Each stored seal against its predecessor and its parts, against the digests of the texts
    /// the store keeps for the month, and (once published) against `<out>/M/SEAL`. Throws
    /// `StoreError.damaged` naming the first month that differs and how. Returns the chain, in
    /// month order (a seal not yet `published` is a close that stopped after the store closed
    /// the month and before its files were all in place).
    public func check() throws -> [MonthSeal] {
        let months = Dictionary(uniqueKeysWithValues: try store.months(ledgers: false).map { ($0.month, $0) })
        let seals = try store.seals()
        let sealed = Set(seals.map(\.month))
        let unsealed = months.values.filter { $0.closed && !sealed.contains($0.month) }.map(\.month).sorted()
        var previous = MonthSeal.origin
        for seal in seals {
            if let first = unsealed.first, first < seal.month {
                throw Self.differs(first, "the store marks it closed, but it has no seal")
            }
            guard let month = months[seal.month] else {
                throw Self.differs(seal.month, "the store holds its seal, but no longer the month")
            }
            guard month.closed else { throw Self.differs(seal.month, "it is sealed, but the store marks it open") }
            guard seal.previous == previous else {
                throw Self.differs(seal.month, "its seal does not follow the seal of the month closed before it")
            }
            guard seal.isConsistent else { throw Self.differs(seal.month, "its stored seal is not the digest of its parts") }
            if let ledger = month.ledgerSHA256, ledger != seal.ledgerSHA256 {
                throw Self.differs(seal.month, "the store's ledger digest is not the sealed ledger.csv's")
            }
            guard Fingerprint.sha256(month.summaryJSON) == seal.summarySHA256 else {
                throw Self.differs(seal.month, "the summary the store keeps is not the sealed summary.json")
            }
            guard month.findingsSHA256 == seal.findingsSHA256 else {
                throw Self.differs(seal.month, "the findings the store keeps are not the sealed findings.csv")
            }
            if seal.published { try checkSealFile(seal) }
            previous = seal.seal
        }
        if let first = unsealed.first { throw Self.differs(first, "the store marks it closed, but it has no seal") }
        return seals
    }

    /// `sigap verify`: the cheap check, then for every sealed month its three files rendered from
    /// the store's rows and as published, each against its sealed digest. `progress` gets a line
    /// per month that agrees. Throws `StoreError.damaged` naming the first month that differs.
    @discardableResult
    public func verify(progress: (String) -> Void) throws -> [MonthSeal] {
        let seals = try check()
        for seal in seals {
            let month = seal.month
            guard seal.published else {
                throw Self.differs(month, "its close stopped before its files were all published: run `sigap close \(month)` to finish it")
            }
            guard let stored = try store.storedDigests(of: month, ledger: true) else {
                throw Self.differs(month, "the store no longer holds the month")
            }
            for (file, digest, sealed) in Self.files(stored, seal.digests) where digest != sealed {
                throw Self.differs(
                    month, "the store's rows render a \(file) other than the sealed one (SHA-256 \(digest), sealed \(sealed))")
            }
            try checkTotals(of: seal)
            try checkPublishedFiles(of: seal)
            progress("\(month)  sealed \(seal.seal)  ok: store rows, published files and SEAL agree")
        }
        return seals
    }

    /// What a run checks of a closed month it recomputes (its ledger lines are checked as they are
    /// read, `LedgerStore.ledgerBook`): its findings rows and its published files, against the seal.
    public func checkRecomputed(_ seal: MonthSeal) throws {
        guard let stored = try store.storedDigests(of: seal.month, ledger: false) else {
            throw Self.differs(seal.month, "the store no longer holds the month")
        }
        guard stored.findingsSHA256 == seal.findingsSHA256 else {
            throw Self.differs(seal.month, "the store's rows render a findings.csv other than the sealed one")
        }
        try checkTotals(of: seal)
        try checkPublishedFiles(of: seal)
    }

    /// The month's row of the `month_summaries` view against its summary.json (sealed with it).
    public func checkTotals(of seal: MonthSeal) throws {
        guard let stored = try store.month(seal.month, ledger: false), let totals = try store.storedTotals(of: seal.month) else {
            throw Self.differs(seal.month, "the store no longer holds the month")
        }
        let sealed = try MonthSummary(json: stored.summaryJSON, month: seal.month).scalars
        for key in SQLiteSchema.totals.sorted() where totals[key] != sealed[key] {
            throw Self.differs(
                seal.month,
                "the store's month_summaries row says \(key) = \(totals[key].map(String.init) ?? "NULL"), the sealed summary.json \(sealed[key] ?? 0)"
            )
        }
    }

    /// The month's published ledger.csv, summary.json and findings.csv against their sealed digests.
    public func checkPublishedFiles(of seal: MonthSeal) throws {
        for (file, _, sealed) in Self.files(seal.digests, seal.digests) {
            let path = "\(out)/\(seal.month)/\(file)"
            guard let digest = try? Fingerprint.sha256(path: path).digest else {
                throw Self.differs(seal.month, "the published \(path) is missing or cannot be read")
            }
            guard digest == sealed else {
                throw Self.differs(seal.month, "the published \(path) is not the sealed file (SHA-256 \(digest), sealed \(sealed))")
            }
        }
    }

    /// The three sealed files with two digests of each.
    private static func files(_ first: MonthSeal.Digests, _ second: MonthSeal.Digests) -> [(String, String, String)] {
        [
            ("ledger.csv", first.ledgerSHA256, second.ledgerSHA256), ("summary.json", first.summarySHA256, second.summarySHA256),
            ("findings.csv", first.findingsSHA256, second.findingsSHA256),
        ]
    }

    private func checkSealFile(_ seal: MonthSeal) throws {
        let path = "\(out)/\(seal.month)/SEAL"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Self.differs(seal.month, "its published SEAL file \(path) is missing")
        }
        guard String(decoding: data, as: UTF8.self) == seal.fileText else {
            throw Self.differs(seal.month, "its published SEAL file \(path) does not hold the store's seal \(seal.seal)")
        }
    }

    package static func differs(_ month: YearMonth, _ what: String) -> StoreError {
        StoreError.damaged(
            "closed month \(month) differs from its seal: \(what). Restore the store or the out folder from a backup (README: Checking the books)"
        )
    }
}
