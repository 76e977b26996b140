import SIGAPDomain
import XLSX

/// The acknowledgement files (SPEC §8.2, §14, §15). Each file is read once, ever: its rows are
/// kept in the store by its SHA-256 (`StagedAcknowledgements`), and a later run reads them back
/// instead of the file. A month takes what it needs (`month(_:)`): the rows for its own premium
/// period from whichever files hold them (an acknowledgement for a period may arrive in any later
/// inbox month), the findings of the files that arrived in it, and, for its enrolment list, the
/// earliest accepted period of every NIK. A run so holds one month's acknowledgements at a time.
struct AcknowledgementStage {
    /// An acknowledgement file up to the through month, in input order (inbox month, then name).
    struct File {
        var month: YearMonth
        var file: Inbox.File
        var sha256: String
    }

    /// One month's part.
    struct Month {
        var lookup: AcknowledgementBook
        /// Findings of the files that arrived in the month (`FILE_UNREADABLE` for one that cannot be read).
        var findings: [RosterFinding] = []
        var quarantined = 0
        /// Readable files that arrived in the month, and their data rows (SPEC §3 intake).
        var filesArrived = 0
        var rowsArrived = 0

        /// No acknowledgements: what a month's are left as once they are handed over to be freed.
        static var empty: Month { Month(lookup: .empty) }
    }

    /// Every acknowledgement file up to the through month, readable or not.
    var files: [File] = []
    /// Files that cannot be read, with the cause.
    var unreadable: [(month: YearMonth, file: String, cause: String)] = []
    /// Files that are not acknowledgement files at all (SPEC §2: `FILE_IGNORED`), with what they are.
    var ignored: [(month: YearMonth, file: String, what: String)] = []
    /// Every file with its data rows and outcome, for the manifest.
    var inputs: [(file: Inbox.File, rows: Int, outcome: String)] = []
    /// The premium periods of the files read this run (none for an unreadable one), by SHA-256.
    var periodsRead: [String: Set<YearMonth>] = [:]
    /// Rows read this run or earlier, of every readable file.
    var rowsRead = 0
    /// Data rows of the files read this run (not kept before), for the stage's count.
    var rowsParsed = 0
    /// The files read this run that are not kept in the store (a dry run), by SHA-256.
    private var unkept: [String: StagedAcknowledgements] = [:]
    /// The premium periods of every readable file, by SHA-256.
    private var periods: [String: Set<YearMonth>] = [:]
    /// The data rows of every readable file, by SHA-256.
    private var rows: [String: Int] = [:]
    private var store: (any LedgerStore)?

    /// What reading one file gave.
    private enum Parsed {
        /// Its periods and data rows; the rows themselves when they are not kept in the store.
        case read(periods: Set<YearMonth>, rows: Int, unkept: StagedAcknowledgements?)
        case unreadable(String)
    }

    /// Reads every file the store does not keep yet (as read by `reader`) and keeps it there
    /// (`keep`; else in memory, for this run only). The files are read two at a time, one per core
    /// (the run waits for them when it needs their periods to plan).
    static func read(
        files: [File], store: any LedgerStore, reader: String, keep: Bool, limits: ReaderLimits
    ) throws -> AcknowledgementStage {
        let fileReader = AcknowledgementReader(limits: limits)
        let kept = try store.stagedAcknowledgementFiles(reader: reader)
        let knownPeriods = try store.acknowledgementPeriods()
        // A file that could not be hashed names no content: it stands for itself, and is not kept.
        let files = files.map { item in
            var item = item
            if item.sha256 == InboxDigests.unhashed { item.sha256 = "\(InboxDigests.unhashed):\(item.file.name)" }
            return item
        }
        // The first file of each content not kept yet.
        var seen = Set(kept.keys)
        let toRead = files.filter { $0.file.ignored == nil && seen.insert($0.sha256).inserted }
        let parts = SplitWork.map(toRead.count, threshold: 2) { range in
            toRead[range].map { item in
                Result { () throws -> Parsed in
                    // Not a regular file inside the inbox (SPEC §2): never opened.
                    if let refusal = item.file.refusal { return .unreadable(refusal) }
                    do {
                        let report = try fileReader.read(path: item.file.path, file: item.file.name, month: item.month)
                        let staged = StagedAcknowledgements(report: report)
                        let kept = keep && !item.sha256.hasPrefix(InboxDigests.unhashed)
                        if kept { try store.stage(acknowledgementFile: item.sha256, reader: reader, report: report, staged: staged) }
                        return .read(periods: staged.periods, rows: report.rowsRead, unkept: kept ? nil : staged)
                    } catch let error as XLSXError {
                        return .unreadable(error.cause)
                    } catch let error as AcknowledgementReadError {
                        return .unreadable(error.cause)
                    }
                }
            }
        }
        var parsed: [String: Parsed] = [:]
        for (item, outcome) in zip(toRead, parts.joined()) { parsed[item.sha256] = try outcome.get() }

        var stage = AcknowledgementStage()
        stage.store = store
        stage.files = files
        for sha256 in kept.keys { stage.periods[sha256] = knownPeriods[sha256] ?? [] }
        var counted: Set<String> = []
        for item in files {
            if let what = item.file.ignored {
                stage.ignored.append((item.month, item.file.name, what))
                stage.inputs.append((item.file, 0, "ignored: \(what)"))
                // It holds no period (recorded, so that a later night need not wait for it).
                if stage.periods[item.sha256] == nil { stage.periodsRead[item.sha256] = [] }
                continue
            }
            switch parsed[item.sha256] {
            case .unreadable(let cause)?:
                stage.unreadable.append((item.month, item.file.name, cause))
                stage.periodsRead[item.sha256] = []
                stage.inputs.append((item.file, 0, "unreadable: \(cause)"))
            case .read(let periods, let rows, let unkept)?:
                stage.periods[item.sha256] = periods
                stage.rows[item.sha256] = rows
                stage.periodsRead[item.sha256] = periods
                if let unkept { stage.unkept[item.sha256] = unkept }
                stage.inputs.append((item.file, rows, "read"))
                stage.rowsRead += rows
                // Parsed once, however often its bytes arrived.
                if counted.insert(item.sha256).inserted { stage.rowsParsed += rows }
            case nil:
                let rows = kept[item.sha256] ?? 0
                stage.rows[item.sha256] = rows
                stage.inputs.append((item.file, rows, "read"))
                stage.rowsRead += rows
            }
        }
        return stage
    }

    /// The readable files that arrived in `month`, in order, by name and SHA-256 (what its result names).
    func arrived(in month: YearMonth) -> [(file: String, sha256: String)] {
        files.filter { $0.month == month && periods[$0.sha256] != nil }.map { ($0.file.name, $0.sha256) }
    }

    /// The kept rows of one file.
    private func staged(_ sha256: String) throws -> StagedAcknowledgements {
        if let staged = unkept[sha256] { return staged }
        guard let staged = try store?.stagedAcknowledgements(sha256: sha256) else {
            throw StoreError.damaged("the rows of the acknowledgement file with SHA-256 \(sha256) are not in the store any more")
        }
        return staged
    }

    /// What `month` needs: the rows for its premium period (the book), and the findings and
    /// quarantined rows of the files that arrived in it. With `accepted`, the book answers
    /// `hasAccepted` for every period from it.
    func month(_ month: YearMonth, accepted: AcceptedPeriods?) throws -> Month {
        var list = AcknowledgementList()
        var findings: [RosterFinding] = []
        var quarantined = 0
        var filesArrived = 0
        var rowsArrived = 0
        for item in ignored where item.month == month {
            findings.append(
                RosterFinding(
                    month: month, source: Inbox.acknowledgementFolder, file: item.file, sheet: nil, row: nil, cell: nil,
                    finding: Finding(code: .fileIgnored, severity: .warning, field: nil, value: item.what)))
        }
        for item in files where item.file.ignored == nil {
            guard let filePeriods = periods[item.sha256] else {
                // Unreadable: FILE_UNREADABLE in the month it arrived in.
                if item.month == month, let cause = unreadable.first(where: { $0.file == item.file.name })?.cause {
                    findings.append(
                        RosterFinding(
                            month: month, source: Inbox.acknowledgementFolder, file: item.file.name, sheet: nil, row: nil, cell: nil,
                            finding: Finding(
                                code: .fileUnreadable, severity: .error, field: nil, value: UnreadableCause.indonesian(cause))))
                }
                continue
            }
            guard filePeriods.contains(month) || item.month == month else { continue }
            let staged = try staged(item.sha256)
            if filePeriods.contains(month) {
                guard let rows = staged.list(file: item.file.name, received: item.month, periods: [month]) else {
                    throw StoreError.damaged("the stored rows of the acknowledgement file \(item.file.name) cannot be read back")
                }
                list.append(contentsOf: rows)
            }
            if item.month == month {
                findings += staged.findings(file: item.file.name, month: month)
                quarantined += staged.rowsQuarantined
                filesArrived += 1
                rowsArrived += rows[item.sha256] ?? 0
            }
        }
        var book = AcknowledgementBook(list)
        book.accepted = accepted
        return Month(lookup: book, findings: findings, quarantined: quarantined, filesArrived: filesArrived, rowsArrived: rowsArrived)
    }

    /// Whether a readable file holds rows for a period before `month`.
    func holdsPeriods(before month: YearMonth) -> Bool {
        files.contains { item in periods[item.sha256]?.contains { $0 < month } ?? false }
    }

    /// The earliest accepted period of every NIK over every readable file (one file's packed rows
    /// in memory at a time).
    func acceptedPeriods() throws -> AcceptedPeriods {
        try AcceptedPeriods { take in
            for item in files where periods[item.sha256] != nil {
                take(try staged(item.sha256).records)
            }
        }
    }
}
