import SIGAPDomain
import XLSX

/// Loads the roster of every source for each month in turn (SPEC §3, §14): a source's own folder
/// when it sent one and every file of it reads; else the roster it had the month before (the files
/// of the latest usable folder, re-validated for this month — century and age — with their
/// findings not reported again). A folder with an unreadable file reports only `FILE_UNREADABLE`.
public struct MonthRosterLoader {
    /// What loading one month gave.
    public struct Month: Sendable {
        /// Rows of every source, in priority then input order (duplicates flagged).
        public var entries = RosterEntryList()
        /// Findings of the files read for this month itself, by source in priority order.
        public var findings: [String: FindingList] = [:]
        /// Correction rows of this month's own files, by source.
        public var corrections: [String: CorrectionList] = [:]
        /// Roster rows quarantined in this month's own files.
        public var quarantinedRows = 0
        /// Rows read from this month's own files, by source.
        public var rowsRead: [String: Int] = [:]
        /// Invariant violations (rows read ≠ kept + quarantined + duplicates).
        public var violations: [String] = []
        /// Files that could not be read, with the cause.
        public var unreadable: [(source: String, file: String, cause: String)] = []
        /// Input files of this month's own folders with their outcome and rows.
        public var inputs: [(file: Inbox.File, rows: Int, outcome: String)] = []
        /// Per source: the month whose folder the roster comes from (nil: no roster yet).
        public var rosterMonth: [String: YearMonth] = [:]
        /// Per source: what arrived (SPEC §3 intake).
        public var intake: [String: Intake.Source] = [:]
    }

    public let definition: PipelineDefinition
    public let inbox: Inbox
    public let limits: ReaderLimits
    /// Progress of long reads (a terminal shows it; logs do not).
    public var progress: (@Sendable (_ file: String, _ rows: Int) -> Void)?
    /// Where the files' extractions are kept and replayed from (nil: every file is parsed each time).
    public var staging: RosterStaging?
    /// Where the correction rows of a month beyond a few megabytes go (nil: `$TMPDIR` or `/tmp`).
    public var spoolFolder: String?
    private var lastUsable: [String: (month: YearMonth, files: [Inbox.File])] = [:]
    /// Each source's latest roster as validated rows, put aside for the months that carry it forward.
    private var kept: [String: KeptRoster] = [:]
    /// Rosters carried forward from rows kept by an earlier month instead of read and validated again.
    public private(set) var keptRostersUsed = 0

    /// A source's roster as validated for one month, in a temporary file (`RosterEntryList.Spilled`).
    private struct KeptRoster {
        /// The month whose folder the roster is.
        var folder: YearMonth
        var validatedFor: YearMonth
        /// What the validation may have asked the century rule (`SourceRosterReport.twoDigitYears`).
        var twoDigitYears: TwoDigitYears
        var rows: RosterEntryList.Spilled
    }

    public init(definition: PipelineDefinition, inbox: Inbox, limits: ReaderLimits) {
        self.definition = definition
        self.inbox = inbox
        self.limits = limits
    }

    /// Takes a month that is not loaded (its stored results are reused) as loaded: each source's
    /// roster is then the folder of the month `rosterMonths` names (none when absent).
    public mutating func assume(rosterMonths: [String: YearMonth]) {
        lastUsable = [:]
        kept = [:]
        for (source, month) in rosterMonths {
            if let files = inbox.files(source, in: month) { lastUsable[source] = (month, files.filter { $0.ignored == nil }) }
        }
    }

    /// Loads `month`; call for consecutive months from the start month (`assume` standing in for
    /// those not loaded). With `keepingRosters`, each source's roster is also put aside as validated
    /// rows for the next months to carry forward: their validation holds as long as
    /// `RowValidator.keepsSameRows(for:twoDigitYears:)` says (while the two-digit years it was read
    /// with resolve alike, unless ages quarantine), and a carried roster is
    /// then neither replayed nor validated again.
    public mutating func load(_ month: YearMonth, keepingRosters: Bool = false) throws -> Month {
        var result = Month()
        let settings = ValidationSettings(
            region: definition.region, ageMin: definition.ageMin, ageMax: definition.ageMax,
            severityPolicy: try SeverityPolicy(overrides: definition.severityOverrides))
        for source in definition.sources {
            var reader = SourceRosterReader(
                source: source.code, month: month, settings: settings,
                extractor: RosterExtractor(
                    synonyms: HeaderSynonyms.standard.adding(source.synonyms), pinnedSheet: source.sheet,
                    pinnedHeaderRow: source.headerRow))
            reader.progress = progress
            reader.staging = staging
            reader.spoolFolder = spoolFolder
            if let folder = inbox.files(source.code, in: month) {
                // Files that are not rosters (a cover letter, a photo) are named and left unread
                // (SPEC §2); a folder with nothing else counts as not sent.
                let ignored = folder.filter { $0.ignored != nil }
                let ignoredFindings = FindingList(
                    ignored.map { file in
                        RosterFinding(
                            month: month, source: source.code, file: file.name, sheet: nil, row: nil, cell: nil,
                            finding: Finding(code: .fileIgnored, severity: .warning, field: nil, value: file.ignored))
                    })
                for file in ignored { result.inputs.append((file, 0, "ignored: \(file.ignored ?? "not a roster")")) }
                if !ignored.isEmpty { result.findings[source.code] = ignoredFindings }
                let files = folder.filter { $0.ignored == nil }
                if !files.isEmpty {
                    var rows = RosterEntryList()
                    // A file refused by the scan (SPEC §2) is never opened: the folder waits, as for a
                    // file that cannot be read.
                    let refused = files.compactMap { file in file.refusal.map { (file: file.name, cause: $0) } }
                    let report =
                        refused.isEmpty
                        ? try reader.read(files.map { ($0.path, $0.name) }, limits: limits) { rows.append($0) }
                        : SourceRosterReport(source: source.code, month: month, unreadable: refused)
                    if report.unreadable.isEmpty {
                        lastUsable[source.code] = (month, files)
                        putAside(rows, of: source.code, folder: month, report: report, if: keepingRosters)
                        // The first source's rows become the list as they are (no second copy of a
                        // million entries).
                        result.entries.append(contentsOf: rows)
                        result.findings[source.code] = ignoredFindings + report.findings
                        result.corrections[source.code] = report.corrections
                        result.quarantinedRows += report.rowsQuarantined
                        result.rowsRead[source.code, default: 0] += report.rowsRead
                        result.rosterMonth[source.code] = month
                        if !report.isBalanced {
                            result.violations.append(
                                "\(source.code) \(month): rows read \(report.rowsRead) != kept \(report.rowsKept) + quarantined \(report.rowsQuarantined) + duplicates \(report.rowsDuplicate)"
                            )
                        }
                        let perFile = Dictionary(grouping: report.files, by: \.file).mapValues {
                            $0.flatMap(\.sheets).map(\.dataRows).reduce(0, +)
                        }
                        for file in files { result.inputs.append((file, perFile[file.name] ?? 0, "read")) }
                        result.intake[source.code] = Intake.Source(
                            state: .received, files: files.count, rows: report.rowsRead, fromMonth: month.description)
                        continue
                    }
                    // One unreadable file: the whole folder waits; only FILE_UNREADABLE is reported.
                    let bad = Dictionary(report.unreadable.map { ($0.file, $0.cause) }, uniquingKeysWith: { first, _ in first })
                    var findings = FindingList()
                    for file in files {
                        if let cause = bad[file.name] {
                            result.unreadable.append((source.code, file.name, cause))
                            result.inputs.append((file, 0, "unreadable: \(cause)"))
                            findings.append(
                                RosterFinding(
                                    month: month, source: source.code, file: file.name, sheet: nil, row: nil, cell: nil,
                                    finding: Finding(
                                        code: .fileUnreadable, severity: .error, field: nil, value: UnreadableCause.indonesian(cause))))
                        } else {
                            result.inputs.append((file, 0, "not used: another file of the folder is unreadable"))
                        }
                    }
                    result.findings[source.code] = ignoredFindings + findings
                    result.intake[source.code] = Intake.Source(
                        state: .unreadable, fromMonth: lastUsable[source.code]?.month.description ?? "")
                }
            }
            // Carried forward: the latest usable roster, re-validated for this month.
            if result.intake[source.code] == nil {
                result.intake[source.code] =
                    lastUsable[source.code].map { Intake.Source(state: .carriedForward, fromMonth: $0.month.description) }
                    ?? Intake.Source(state: .none)
            }
            guard let carried = lastUsable[source.code] else { continue }
            result.rosterMonth[source.code] = carried.month
            var rows = RosterEntryList()
            if let roster = kept[source.code], roster.folder == carried.month,
                RowValidator(month: roster.validatedFor, settings: settings).keepsSameRows(
                    for: month, twoDigitYears: roster.twoDigitYears)
            {
                rows = RosterEntryList(roster.rows)
                keptRostersUsed += 1
            } else {
                reader.collectsFindings = false
                let report = try reader.read(carried.files.map { ($0.path, $0.name) }, limits: limits) { rows.append($0) }
                putAside(rows, of: source.code, folder: carried.month, report: report, if: keepingRosters)
            }
            result.entries.append(contentsOf: rows)
        }
        return result
    }

    /// Keeps `rows` (the roster of `folder`, as `report` read it for its month) for the next
    /// months of `source` when `wanted` and the month after has no folder of roster files (not only
    /// ignored ones) of its own; else drops what was kept (a roster not carried needs none).
    private mutating func putAside(
        _ rows: RosterEntryList, of source: String, folder: YearMonth, report: SourceRosterReport, if wanted: Bool
    ) {
        let sendsNext = inbox.files(source, in: report.month.next)?.contains { $0.ignored == nil } ?? false
        kept[source] =
            wanted && !sendsNext
            ? KeptRoster(
                folder: folder, validatedFor: report.month, twoDigitYears: report.twoDigitYears, rows: rows.spilled(in: spoolFolder))
            : nil
    }
}
