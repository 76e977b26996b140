import CFileSystem
import Foundation
import SIGAPDomain

/// `sigap close YYYY-MM` (SPEC §8.4, §11, §14, §16): freezes what the last run computed for the
/// month (ledger lines, summary, findings) once every earlier month is closed and the month is
/// not after the through month, and seals it.
///
/// All or nothing: the month's folder as the close leaves it is first made beside it
/// (`<out>/.M.closing-PID/`: a hard link to every published file the close keeps, and the files
/// it writes — ledger.csv when the published one is not already the stored ledger, findings.csv,
/// summary.json saying `"closed": true`, report.html with the seal, SEAL); only then does the
/// store close the month and add its seal, in one transaction; then the two folders are swapped
/// in one step (`renameat2` with `RENAME_EXCHANGE`; where the file system cannot, the files are
/// renamed one by one, SEAL last) and the seal is marked published. A failure before the store's
/// transaction leaves the month open with its folder as it was (exit 73; repeat the close). A stop
/// after it (a kill, a failed swap) leaves the month closed with its seal unpublished and its
/// folder as it was: the next `run` or `close` publishes the folder from the store (`finish`).
public struct MonthCloser {
    public let definition: PipelineDefinition
    public let store: any LedgerStore
    public let out: String

    public init(definition: PipelineDefinition, store: any LedgerStore, out: String) {
        self.definition = definition
        self.store = store
        self.out = out
    }

    /// What a close did.
    public enum Outcome: Sendable, Equatable {
        /// The month is closed and sealed now.
        case closed(seal: String)
        /// The month was closed by an earlier close that stopped before its files were all
        /// published; they are now.
        case finished(seal: String)
    }

    @discardableResult
    public func close(_ month: YearMonth, through: YearMonth, at time: Int) throws -> Outcome {
        guard month >= definition.startMonth else {
            throw StoreError.refused("\(month) is before the pipeline's start month \(definition.startMonth)")
        }
        guard month <= through else {
            throw StoreError.refused("\(month) is after the through month \(through): it cannot be closed yet")
        }
        // What a killed close or run left (temporary files, a close's staging folder), then the books as they are: a closed
        // month that changed stops everything (70).
        OutputFolder(root: out).sweepTemporaryFiles()
        let chain = try SealChain(store: store, out: out).check()
        for seal in chain where !seal.published && seal.month != month { try finish(seal) }
        if let seal = chain.first(where: { $0.month == month }), !seal.published {
            try finish(seal)
            return .finished(seal: seal.seal)
        }
        let months = try store.months(ledgers: false)
        guard let stored = months.first(where: { $0.month == month }) else {
            throw StoreError.refused("\(month) has never been computed: run the pipeline first")
        }
        guard !stored.closed else { throw StoreError.refused("\(month) is already closed") }
        var earlier = definition.startMonth
        while earlier < month {
            guard months.first(where: { $0.month == earlier })?.closed == true else {
                throw StoreError.refused("months close in order: close \(earlier) first")
            }
            earlier = earlier.next
        }
        let summaryJSON = stored.summaryJSON.replacingOccurrences(of: "\"closed\": false", with: "\"closed\": true")
        let ledgerSHA256 = try stored.ledgerSHA256 ?? store.storedDigests(of: month, ledger: true)?.ledgerSHA256 ?? ""
        // The findings as the month's run published them: `stage` checks that the store's rows
        // render that text, as it does the ledger's.
        let findingsCSV = try stored.findingsCSV ?? store.findingsCSV(of: month)
        let seal = MonthSeal(
            month: month, previous: chain.last?.seal ?? MonthSeal.origin, ledgerSHA256: ledgerSHA256,
            summarySHA256: Fingerprint.sha256(summaryJSON), findingsSHA256: stored.findingsSHA256 ?? Fingerprint.sha256(findingsCSV))
        let timestamp = PipelineRun.timestamp(time)
        let report = try MonthReport.html(
            for: month, store: store, definition: definition,
            closing: MonthReport.Closing(at: timestamp, seal: seal.seal, summaryJSON: summaryJSON, findingsCSV: findingsCSV))
        let staging = try stage(seal, summaryJSON: summaryJSON, findingsCSV: findingsCSV, report: report)
        do {
            try store.close(month, at: timestamp, summaryJSON: summaryJSON, seal: seal)
        } catch {
            try? FileManager.default.removeItem(atPath: staging.path)
            throw error
        }
        try commit(staging, seal: seal)
        return .closed(seal: seal.seal)
    }

    /// Publishes the files of a month the store closed and sealed, when its close stopped before
    /// they were all in place: rendered from the store, which the seal chain has just checked.
    public func finish(_ seal: MonthSeal) throws {
        guard let stored = try store.month(seal.month, ledger: false) else {
            throw SealChain.differs(seal.month, "the store holds its seal, but no longer the month")
        }
        let report = try MonthReport.html(for: seal.month, store: store, definition: definition)
        let findingsCSV = try stored.findingsCSV ?? store.findingsCSV(of: seal.month)
        try commit(try stage(seal, summaryJSON: stored.summaryJSON, findingsCSV: findingsCSV, report: report), seal: seal)
    }

    /// The month's folder as the close will leave it, made beside the published one.
    struct Staging {
        /// `<out>/.M.closing-PID`.
        var path: String
        /// `<out>/M`.
        var folder: String
        /// The files written anew, relative to the folder, SEAL last.
        var written: [String]
    }

    /// The name of a staging folder a killed close may have left: `.YYYY-MM.closing-PID`.
    static func isStagingName(_ name: String) -> Bool {
        guard name.hasPrefix("."), let marker = name.range(of: ".closing-") else { return false }
        return YearMonth(String(name[name.index(after: name.startIndex)..<marker.lowerBound])) != nil
            && name[marker.upperBound...].allSatisfy(\.isNumber)
    }

    /// Makes the month's folder as it will be, beside the published one: hard links to the files
    /// kept, the files written anew (flushed). On a failure, removes it and throws (`OutputError`:
    /// exit 73).
    private func stage(_ seal: MonthSeal, summaryJSON: String, findingsCSV: String, report: String) throws -> Staging {
        let month = seal.month
        let folder = "\(out)/\(month)"
        var staging = Staging(path: "\(out)/.\(month).closing-\(ProcessInfo.processInfo.processIdentifier)", folder: folder, written: [])
        try? FileManager.default.removeItem(atPath: staging.path)
        do {
            var written: [(String, String?)] = [
                ("findings.csv", findingsCSV), ("summary.json", summaryJSON), ("report.html", report), ("SEAL", seal.fileText),
            ]
            // The ledger (150 MB for a million workers) only when the published one is not already it.
            guard Fingerprint.sha256(findingsCSV) == seal.findingsSHA256 else {
                throw SealChain.differs(month, "the store's finding rows render a findings.csv other than the sealed one")
            }
            let published = try? Fingerprint.sha256(path: "\(folder)/ledger.csv").digest
            if published != seal.ledgerSHA256 {
                let text = try store.month(month)?.ledgerCSV ?? ""
                guard Fingerprint.sha256(text) == seal.ledgerSHA256 else {
                    throw SealChain.differs(month, "the store's ledger lines render a ledger.csv other than the sealed one")
                }
                written.insert(("ledger.csv", text), at: 0)
            }
            try Self.makeFolder(staging.path)
            try Self.linkKept(from: folder, to: staging.path, except: Set(written.map(\.0)))
            for case (let name, let text?) in written {
                try OutputFolder.writeFile(text, at: "\(staging.path)/\(name)")
                chmod("\(staging.path)/\(name)", 0o640)
            }
            staging.written = written.map(\.0)
            OutputFolder.syncFolder(staging.path)
        } catch {
            try? FileManager.default.removeItem(atPath: staging.path)
            if error is StoreError { throw error }
            if let error = error as? OutputError { throw OutputError(path: "\(folder)/\(Self.name(error.path))", reason: error.reason) }
            throw OutputError(path: folder, reason: "\(error)")
        }
        return staging
    }

    /// A file's name without the staging folder it was written in.
    private static func name(_ path: String) -> String { (path as NSString).lastPathComponent }

    private static func makeFolder(_ path: String) throws {
        guard mkdir(path, 0o750) == 0 else { throw OutputError(path: path, reason: String(cString: strerror(errno))) }
    }

    /// Hard links (a copy where the file system cannot link) of every file under `source` but the
    /// top-level names in `except`, folders made as they are met.
    private static func linkKept(from source: String, to target: String, except: Set<String>) throws {
        guard let walker = FileManager.default.enumerator(atPath: source) else { return }
        while let relative = walker.nextObject() as? String {
            let from = "\(source)/\(relative)"
            let to = "\(target)/\(relative)"
            var info = stat()
            guard lstat(from, &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFDIR {
                try makeFolder(to)
            } else if !except.contains(relative) && !OutputFolder.isTemporaryName(name(relative)) {
                if link(from, to) != 0 {
                    do { try FileManager.default.copyItem(atPath: from, toPath: to) } catch {
                        throw OutputError(path: to, reason: "cannot link or copy \(from): \(error.localizedDescription)")
                    }
                }
            }
        }
    }

    /// Puts the staged folder in place of the published one in one step, removes the old one, and
    /// marks the seal published. Where the swap cannot be made, the files written anew are renamed
    /// into the published folder one by one, SEAL last.
    private func commit(_ staging: Staging, seal: MonthSeal) throws {
        if access(staging.folder, F_OK) != 0 { try? Self.makeFolder(staging.folder) }
        if sigap_exchange_paths(staging.folder, staging.path) == 0 {
            try? FileManager.default.removeItem(atPath: staging.path)
        } else {
            for name in staging.written {
                guard rename("\(staging.path)/\(name)", "\(staging.folder)/\(name)") == 0 else {
                    let reason = String(cString: strerror(errno))
                    try? FileManager.default.removeItem(atPath: staging.path)
                    throw OutputError(
                        path: "\(staging.folder)/\(name)",
                        reason:
                            "\(reason); \(seal.month) is closed in the store: run `sigap close \(seal.month)` again to finish publishing its files"
                    )
                }
            }
            try? FileManager.default.removeItem(atPath: staging.path)
        }
        OutputFolder.syncFolder(out)
        try store.markPublished(seal.month)
    }
}
