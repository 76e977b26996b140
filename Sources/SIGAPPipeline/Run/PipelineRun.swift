import CMalloc
import Foundation
import SIGAPDomain
import XLSX

/// One run of the pipeline (SPEC §1-§11): reads the inbox, computes every month from the start
/// month through the through month, recomputes closed months for adjustments, checks the
/// invariants, and only then publishes the open months' outputs, the store and the manifest.
/// The exit code is decided once, at the end, from what was collected.
public final class PipelineRun {
    public let options: RunOptions
    public let store: any LedgerStore
    private let log: RunLog
    /// The run's staged roster extractions (what the manifest counts).
    private var rosterStaging: RosterStaging?
    /// Rosters carried forward from the rows an earlier month of the run put aside (the manifest's).
    private var keptRostersUsed = 0

    public init(options: RunOptions, store: any LedgerStore, log: RunLog) {
        self.options = options
        self.store = store
        self.log = log
    }

    /// What the run did.
    public struct Outcome: Sendable {
        public var runID: String
        /// How the run ended: the CLI's exit status is decided from it.
        public var status: RunStatus = .clean
        /// SPEC §11's number for `status` (what the manifest and the store record).
        public var exitCode: Int32 { status.code }
        /// Summaries of the open months, computed or reused, by month.
        public var summaries: [YearMonth: MonthSummary] = [:]
        /// Open months whose stored results were reused (not computed, files not rewritten).
        public var reused: [YearMonth] = []
        /// Months computed this run (closed ones for their adjustments), with why.
        public var computed: [YearMonth: [String]] = [:]
        /// Paths of published files.
        public var published: [String] = []
        /// Problems that decided a non-zero exit.
        public var problems: [String] = []
        /// Rows read this run from each source's own files (and BPJS's), for metrics.
        public var rowsRead: [String: Int] = [:]
        /// Findings of the through month, by code and severity, for metrics.
        public var findings: [FindingCode: (severity: Severity, count: Int)] = [:]
        public var manifestPath: String?
    }

    /// One month's results.
    struct MonthResult {
        var month: YearMonth
        var closed: Bool
        var lines: [LedgerLine]
        var summary: MonthSummary
        var findings: FindingList
        var submission: [SubmissionRow]
        /// What finance checks (BPJS's side of flagged lines, its rejection texts).
        var review = MonthReview()
        /// What it was computed from, for the store.
        var basis: ResultBasis?
    }

    /// SPEC §1 and §15: plan the months (which to compute, which stored results still hold);
    /// extract and validate each computed month's rosters (and, on a second thread, every
    /// acknowledgement file); deduplicate; reconcile; adjust closed months; summarise; check the
    /// invariants; publish. Problems are gathered as the run goes and decide the exit code once, at
    /// the end.
    public func execute() throws -> Outcome {
        let runID = Self.runID(at: options.now, salt: UUID().uuidString.prefix(8).lowercased())
        var manifest = RunManifest(runID: runID, options: options)
        let meter = StageMeter(log: log)
        do {
            return try execute(runID: runID, manifest: &manifest, meter: meter)
        } catch let error as StoreError where error.code == .damaged {
            // A closed month that changed, found as its frozen lines were read (SPEC §16), or a
            // store that cannot be read back: exit 70, nothing published but the manifest.
            var outcome = Outcome(runID: runID)
            outcome.status = .invariantViolated
            outcome.problems.append("\(error.message) Nothing was published.")
            log.error(error.message)
            if !options.dryRun { outcome.manifestPath = try? publishManifest(&manifest, outcome: outcome, meter: meter) }
            return outcome
        }
    }

    private func execute(runID: String, manifest: inout RunManifest, meter: StageMeter) throws -> Outcome {
        let definition = options.definition
        var outcome = Outcome(runID: runID)

        // The inbox, the stored months, the first open month.
        let inbox: Inbox
        do {
            inbox = try Inbox(root: options.inbox, sources: definition.sourceCodes)
        } catch let error as InboxError {
            // Exit 66; the manifest still says what happened.
            outcome.status = .inboxMissing
            outcome.problems.append(error.description)
            log.error(error.description)
            if !options.dryRun { outcome.manifestPath = try? publishManifest(&manifest, outcome: outcome, meter: meter) }
            return outcome
        }
        var limits = ReaderLimits.default
        if let cap = definition.maxInflatedPerEntry { limits.maxInflatedPerEntry = cap }
        if let cap = definition.maxInflatedPerFile { limits.maxInflatedPerFile = cap }
        // SPEC §16: the closed months as sealed, before anything else (70 and nothing published
        // when one changed); a close that stopped before its files were all in place is finished.
        let seals: [MonthSeal]
        do {
            seals = try SealChain(store: store, out: options.out).check()
            for seal in seals where !seal.published && !options.dryRun {
                try MonthCloser(definition: definition, store: store, out: options.out).finish(seal)
                log.warning("published the files of \(seal.month): its close had stopped before they were all in place")
            }
        } catch let error as StoreError where error.code == .damaged {
            outcome.status = .invariantViolated
            outcome.problems.append("\(error.message) Nothing was published; `sigap verify` checks every closed month.")
            log.error(error.message)
            if !options.dryRun { outcome.manifestPath = try? publishManifest(&manifest, outcome: outcome, meter: meter) }
            return outcome
        } catch let error as OutputError {
            outcome.status = .publishFailed
            outcome.problems.append("\(error)")
            log.error("\(error)")
            return outcome
        }
        let storedMonths = Dictionary(uniqueKeysWithValues: try store.months(ledgers: false).map { ($0.month, $0) })
        let closedMonths = storedMonths.values.filter(\.closed).map(\.month).sorted()
        let firstOpen = closedMonths.last.map(\.next) ?? definition.startMonth
        // SPEC §3: only a problem of an open month decides exit 65; one of a closed month (its
        // month folder is a closed month) is kept in the manifest and the log, so that an old
        // problem does not alarm every night.
        func note(problem: String, in month: YearMonth?) {
            if let month, month < firstOpen {
                let note = "\(problem) (in closed month \(month): not counted in the exit code)"
                if !manifest.notes.contains(note) { manifest.notes.append(note) }
            } else if !outcome.problems.contains(problem) {
                outcome.problems.append(problem)
            }
        }
        for stray in inbox.strays {
            let problem = "\(stray.name): \(stray.problem)"
            note(problem: problem, in: YearMonth(String(stray.name.prefix(7))))
            manifest.notes.append(problem)
            log.warning("inbox folder \(stray.name): \(stray.problem)")
        }
        // Each open month's rows are written into the store as they are made, under a result of
        // this run's that saving makes the month's (never in a dry run).
        let storeResults =
            options.dryRun ? [:] : try store.beginResults(run: runID, months: options.months.filter { !closedMonths.contains($0) })

        // Every inbox file hashed once: the months' fingerprints and the manifest.
        var started = meter.now
        let digests = InboxDigests(inbox: inbox, through: options.through)
        manifest.digests = digests.byName
        meter.record("hash inputs", items: digests.byName.count, since: started)

        // The acknowledgement files not kept in the store yet are read on a second thread (while
        // the first computed month's rosters are read) once a month needs them, or first of all
        // when a file is new: a month's fingerprint needs the periods each file holds.
        let store = store
        var acknowledgementTask: BackgroundTask<AcknowledgementStage>?
        var acknowledgementsStarted = meter.now
        func startAcknowledgements() {
            guard acknowledgementTask == nil else { return }
            acknowledgementsStarted = meter.now
            let files = digests.acknowledgementFiles.map { AcknowledgementStage.File(month: $0.month, file: $0.file, sha256: $0.sha256) }
            let keep = !options.dryRun
            let reader = "\(options.toolVersion) \(limits)"
            acknowledgementTask = BackgroundTask {
                try AcknowledgementStage.read(files: files, store: store, reader: reader, keep: keep, limits: limits)
            }
        }
        var acknowledgementsRead: AcknowledgementStage?
        /// The acknowledgements, waited for once; their problems, inputs and periods recorded then.
        func acknowledgementStage() throws -> AcknowledgementStage {
            if let acknowledgementsRead { return acknowledgementsRead }
            startAcknowledgements()
            let stage = try acknowledgementTask!.wait()
            acknowledgementsRead = stage
            meter.record("extract acknowledgements", items: stage.rowsParsed, since: acknowledgementsStarted)
            for item in stage.unreadable {
                note(problem: "\(item.file): \(item.cause)", in: item.month)
                log.warning("unreadable acknowledgement file \(item.file): \(item.cause)")
            }
            manifest.inputs += stage.inputs
            outcome.rowsRead[Inbox.acknowledgementFolder] = stage.rowsRead
            // The periods of the files kept are recorded with them; an unreadable file holds none.
            if !options.dryRun { try store.record(acknowledgementPeriods: stage.periodsRead.filter { $0.value.isEmpty }) }
            return stage
        }
        /// The earliest accepted period of every NIK, made once, when an open month first needs it:
        /// on a second thread from the first month computed on, while that month is (it reads every
        /// acknowledgement file's rows back from the store; a year of million-row files takes
        /// seconds), and waited for by the month that needs it.
        var acceptedPeriods: AcceptedPeriods?
        var makingAcceptedPeriods: BackgroundTask<AcceptedPeriods>?
        // A run that stops early leaves no thread behind.
        defer { makingAcceptedPeriods?.discardResult() }
        /// A problem of an input, once however often it is met (a reused month repeats its own).

        // Plan: which months to compute.
        started = meter.now
        var periods = try store.acknowledgementPeriods()
        // A store that holds no month reuses none: every month is computed whatever the new
        // acknowledgement files hold, so the plan does not wait for them (they are read beside the
        // first month's rosters), and the months' fingerprints are made again once they are read.
        let planBeforePeriods = storedMonths.isEmpty
        if !planBeforePeriods && digests.acknowledgementFiles.contains(where: { periods[$0.sha256] == nil }) {
            for (sha256, filePeriods) in try acknowledgementStage().periodsRead { periods[sha256] = filePeriods }
        }
        /// The months' fingerprints with every acknowledgement file's periods known.
        var knownFingerprints: MonthFingerprints?
        let definitionSHA256 = (try? Fingerprint.sha256(path: options.definitionPath))?.digest ?? "unreadable"
        let planner = PlanStage(
            fingerprints: digests.fingerprints(definitionSHA256: definitionSHA256, toolVersion: options.toolVersion, periods: periods),
            full: options.full)
        if !planBeforePeriods { knownFingerprints = planner.fingerprints }
        let plan = planner.plan(months: options.months, stored: storedMonths, firstOpen: firstOpen) { month in
            FileManager.default.fileExists(atPath: "\(options.out)/\(month)/summary.json")
        }
        for entry in plan {
            manifest.months.append((entry.month, entry.actionName, entry.reasons))
            guard entry.isComputed else { continue }
            outcome.computed[entry.month] = entry.reasons
            log.info("month \(entry.month): to compute, because \(entry.reasons.joined(separator: "; "))")
        }
        meter.record("plan", items: plan.filter(\.isComputed).count, since: started)
        if plan.contains(where: \.isComputed) { startAcknowledgements() }

        // The months' workbooks are written at temporary paths on a second thread as the months
        // are computed (never in a dry run); each month's ledger file and store rows are staged as
        // it is computed. Nothing is put in place until every month is computed and checked.
        let publisher = MonthPublisher(folder: OutputFolder(root: options.out), definition: definition)
        var stager: WorkbookStager?
        if !options.dryRun {
            for leftover in publisher.folder.sweepTemporaryFiles() {
                log.warning("removed \(leftover), left by an interrupted run")
            }
            stager = WorkbookStager(publisher: publisher)
        }
        let publishing = PublishStage(store: store, publisher: publisher, definition: definition, stager: stager)
        var prepared: [PublishStage.Month] = []
        var stagerDone = false
        let disposal = Disposal()
        defer {
            // The workers freed on other threads are freed before the run returns.
            disposal.wait()
        }
        defer {
            // A run that ends early (an error thrown) leaves no thread and no temporary file.
            // The staged files first: the folders made for them go with the stager when empty.
            publishing.discard(&prepared)
            if !stagerDone { stager?.abandon() }
            // Nor an acknowledgement thread.
            _ = try? acknowledgementTask?.wait()
        }
        var loader = MonthRosterLoader(definition: definition, inbox: inbox, limits: limits)
        loader.progress = log.progress
        // A month's correction rows beyond a few megabytes: in a file with no name in the out folder
        // (on the disk the outputs go to; `/tmp` may be memory).
        loader.spoolFolder = options.dryRun ? nil : options.out
        // Each roster file is parsed once, ever: its extraction is kept in the store by SHA-256.
        let staging = RosterStaging(
            store: store, version: options.toolVersion,
            digests: Dictionary(
                inbox.folders.values.flatMap { $0.values.flatMap { $0 } }.map { ($0.path, digests.sha256(of: $0.name)) }
                    .filter { $0.1 != InboxDigests.unhashed },
                uniquingKeysWith: { first, _ in first }),
            keep: !options.dryRun)
        loader.staging = staging
        rosterStaging = staging
        let deduplicator = Deduplicator(
            priority: definition.sourceCodes,
            severity: (try? SeverityPolicy(overrides: definition.severityOverrides))?.severity(of: .identityConflict) ?? .warning)
        let summariser = SummariseStage(sources: definition.sourceCodes)
        var latestCoveredKPJ = KPJHistory()
        /// Months before the next computed one whose KPJs are still only in the store.
        var historyInStore: [YearMonth] = []
        /// The ADJUSTMENT lines each closed month holds, as stored (read when a closed month is
        /// first computed).
        var storedAdjustments: [(month: YearMonth, lines: [LedgerLine])]?
        /// What the closed months computed give the first open month.
        var adjustments = AdjustStage.Output()
        /// The last open month computed, with its lines: the next month's report compares with it.
        var lastComputed: (month: YearMonth, lines: [LedgerLine])?
        var violations: [String] = []

        /// The acknowledgements of the next month to compute, read before this month's rows go into
        /// the store (which serves one request at a time), so that the next month is computed while
        /// they go in.
        var readAhead: (month: YearMonth, acknowledgements: AcknowledgementStage.Month, took: Duration)?
        /// What the month of `entry` is reconciled against: its book, which answers of every period
        /// up to the month when a file holds an earlier one (the enrolment list asks), and its files'
        /// findings.
        func monthAcknowledgements(_ entry: PlanStage.Month, _ stage: AcknowledgementStage) throws -> AcknowledgementStage.Month {
            let earlierPeriods = asksEarlierPeriods(entry, stage)
            if earlierPeriods && acceptedPeriods == nil {
                acceptedPeriods = try makingAcceptedPeriods?.wait() ?? stage.acceptedPeriods()
                makingAcceptedPeriods = nil
            }
            return try stage.month(entry.month, accepted: earlierPeriods ? acceptedPeriods : nil)
        }
        /// Whether the enrolment list of an open month asks of periods before it (a file holds one).
        func asksEarlierPeriods(_ entry: PlanStage.Month, _ stage: AcknowledgementStage) -> Bool {
            !entry.closed && stage.holdsPeriods(before: entry.month)
        }

        // Rosters carried forward are put aside as validated rows while a later month is to come.
        let lastToCompute = plan.last(where: \.isComputed)?.month
        for entry in plan {
            let month = entry.month
            guard entry.isComputed else {
                // Reused: the month stands as stored; the next month carries its rosters forward.
                let basis = entry.stored?.basis
                loader.assume(rosterMonths: (basis?.rosterMonths ?? [:]).compactMapValues(YearMonth.init))
                historyInStore.append(month)
                guard !entry.closed, let stored = entry.stored else { continue }
                for problem in basis?.problems ?? [] { note(problem: problem, in: month) }
                let summary = try MonthSummary(json: stored.summaryJSON)
                outcome.summaries[month] = summary
                outcome.reused.append(month)
                if month == options.through { outcome.findings = Self.findingCounts(summary, definition: definition) }
                continue
            }

            // The KPJ history of the months before it that only the store holds (their lines) is
            // read on a second thread while the month's rosters are read: it does not depend on them.
            var history: BackgroundTask<(value: KPJHistory, took: Duration)>?
            if !historyInStore.isEmpty {
                let months = historyInStore
                // Handed over, not shared: the thread adds to the only copy (a million NIKs).
                let known = latestCoveredKPJ
                latestCoveredKPJ = KPJHistory()
                history = .timed {
                    var history = known
                    try history.add(months, read: store.coveredKPJs(of:))
                    return history
                }
            }
            // A month that stops early leaves no thread behind.
            defer { history?.discardResult() }

            // Extract and validate: the month's rosters, each source's own or carried forward.
            started = meter.now
            var rosters: MonthRosterLoader.Month
            do {
                rosters = try loader.load(month, keepingRosters: month != lastToCompute)
                keptRostersUsed = loader.keptRostersUsed
            } catch {
                // No thread outlives the run; an acknowledgement error wins, as when they were
                // read first.
                _ = try acknowledgementTask?.wait()
                throw error
            }
            // Reading freed much memory in small pieces: given back before the month's lines are made.
            sigap_release_free_memory()
            meter.record("extract and validate rosters", month: month, items: rosters.entries.count, since: started)
            if !entry.closed {
                // The month's correction workbooks are written from here on, while the rest of it is
                // computed; a file that could not be read at all is a notice in its source's.
                var notices: [String: [CorrectionWorkbook.Notice]] = [:]
                for item in rosters.unreadable {
                    notices[item.source, default: []].append(
                        CorrectionWorkbook.Notice(
                            file: item.file, cause: UnreadableCause.indonesian(item.cause),
                            keptMonth: rosters.intake[item.source]?.fromMonth ?? ""))
                }
                stager?.begin(month, corrections: rosters.corrections, notices: notices)
                rosters.corrections = [:]
            }
            let stage = try acknowledgementStage()
            if acceptedPeriods == nil, makingAcceptedPeriods == nil,
                plan.contains(where: { $0.isComputed && $0.month > month && asksEarlierPeriods($0, stage) })
            {
                makingAcceptedPeriods = BackgroundTask { try stage.acceptedPeriods() }
            }
            // What the month was computed from, with every file's periods known (as a store that
            // held months would have planned it).
            if knownFingerprints == nil {
                for (sha256, filePeriods) in stage.periodsRead { periods[sha256] = filePeriods }
                knownFingerprints = digests.fingerprints(
                    definitionSHA256: definitionSHA256, toolVersion: options.toolVersion, periods: periods)
            }
            let own = knownFingerprints?.own(month) ?? entry.own
            let fullFingerprint = planBeforePeriods ? MonthFingerprints.full(own: own.fingerprint, adjusting: []) : entry.full
            started = meter.now
            var acknowledgements: AcknowledgementStage.Month
            if let ahead = readAhead, ahead.month == month {
                acknowledgements = ahead.acknowledgements
                meter.record("acknowledgements of the month", month: month, items: acknowledgements.lookup.all.count, took: ahead.took)
            } else {
                acknowledgements = try monthAcknowledgements(entry, stage)
                meter.record("acknowledgements of the month", month: month, items: acknowledgements.lookup.all.count, since: started)
            }
            readAhead = nil
            violations += rosters.violations
            for (source, rows) in rosters.rowsRead { outcome.rowsRead[source, default: 0] += rows }
            var problems: [String] = []
            for item in rosters.unreadable {
                problems.append("\(item.file): \(item.cause)")
                note(problem: "\(item.file): \(item.cause)", in: month)
                log.warning("unreadable roster file \(item.file) of \(item.source): \(item.cause)")
            }
            for item in stage.unreadable where item.month == month { problems.append("\(item.file): \(item.cause)") }
            for input in rosters.inputs {
                manifest.inputs.append((input.file, input.rows, input.outcome))
            }

            // Deduplicate.
            started = meter.now
            var merged = deduplicator.merge(rosters.entries)
            rosters.entries = RosterEntryList()  // the workers hold what is needed from here on
            sigap_release_free_memory()  // what sorting the rows' keys took
            meter.record("dedupe", month: month, items: merged.workers.count, since: started)
            guard let rate = definition.premium(for: month)?.total else {
                throw StoreError("no premium rate is in force for \(month)")
            }

            // Reconcile, against the KPJ history of every earlier month (frozen lines for closed
            // months; from the store for months not computed).
            if let reading = history {
                history = nil
                let (read, seconds) = try reading.wait()
                latestCoveredKPJ = read
                meter.record("covered KPJs of earlier months", month: month, items: latestCoveredKPJ.count, took: seconds)
            }
            historyInStore = []
            // An open month's workers go into the store on a second thread from here on, while it is
            // reconciled and its files are made: they are final once deduplicated, and the store
            // takes one request at a time (staging the month's lines waits for them), so the sooner
            // they start the less the run waits at its end; not before the KPJ history is read from
            // the store, which would wait for them.
            var storingWorkers: BackgroundTask<(value: Void, took: Duration)>?
            if !entry.closed, let result = storeResults[month] {
                let workers = merged.workers
                let arrived = stage.arrived(in: month)
                storingWorkers = .timed {
                    // The acknowledgement files that arrived in the month, under its result, first.
                    try store.link(acknowledgementFiles: arrived, result: result)
                    try store.stage(workers: workers, result: result)
                }
            }
            // A month that stops early leaves no thread behind.
            defer { storingWorkers?.discardResult() }
            started = meter.now
            let reconciliation = Reconciler(month: month, rate: rate).reconcile(
                merged.workers, acknowledgements: acknowledgements.lookup, latestCoveredKPJ: latestCoveredKPJ)
            meter.record("reconcile", month: month, items: reconciliation.lines.count, since: started)
            if entry.closed {
                // Adjust: a closed month is only computed for its differences from its book (its
                // frozen lines and the adjustments recorded for it since), made now so that its
                // lines can go; its history is its frozen lines.
                started = meter.now
                // What reconciling it took is freed before its book is read (a million lines beside
                // its million recomputed ones): the workers and its acknowledgements, waited for and
                // given back, so that the peak does not depend on how far another thread got.
                disposal.release(&merged.workers, leaving: WorkerList())
                disposal.release(&acknowledgements, leaving: .empty)
                disposal.wait()
                sigap_release_free_memory()
                if storedAdjustments == nil {
                    var stored: [(month: YearMonth, lines: [LedgerLine])] = []
                    for closed in closedMonths { stored.append((closed, try store.ledgerLines(of: closed, entry: .adjustment))) }
                    storedAdjustments = stored
                }
                // The frozen lines checked against the seal as they are read, and the published
                // files too (SPEC §16): a closed month that changed is exit 70, nothing published.
                if let seal = seals.first(where: { $0.month == month }) {
                    try SealChain(store: store, out: options.out).checkRecomputed(seal)
                }
                let book = try store.ledgerBook(of: month)
                let made = AdjustStage(frozen: storedAdjustments ?? []).run(
                    month, book: book.entries, recomputed: reconciliation.lines, into: firstOpen)
                adjustments.lines += made.lines
                adjustments.notes += made.notes
                // Its KPJ history, read with its book (not read again for the next month).
                latestCoveredKPJ.add([month]) { _ in book.coveredKPJs }
                meter.record("adjust", month: month, items: made.lines.count, since: started)
                continue
            }
            if month != options.months.last {
                for line in reconciliation.lines where line.entry == .regular && line.status == .covered && !line.kpj.isEmpty {
                    latestCoveredKPJ[line.nikKey] = line.kpj
                }
            }
            let workerCount = merged.workers.count
            // The month's acknowledgement book is not needed once the enrolment list knows its
            // workers (summarising takes only the files' findings and counts): freed, and waited for,
            // before the list's rows are made, the lines ordered and summarised and the files made,
            // which the month's peak memory is otherwise made of.
            let enrolling = EnrolmentList.positions(
                lines: reconciliation.lines, workers: merged.workers, acknowledgements: acknowledgements.lookup, month: month)
            disposal.release(&acknowledgements.lookup, leaving: .empty)
            disposal.wait()
            let submission = EnrolmentList.rows(at: enrolling, of: merged.workers)
            // The month's workers (and the rows they refer to) are not needed any more: freed on
            // another thread (once they are in the store) before the month's files are made.
            disposal.release(&merged.workers, leaving: WorkerList())

            // The closed months' differences go to the first open month.
            var lines = reconciliation.lines
            if month == firstOpen {
                lines += adjustments.lines
                for note in adjustments.notes {
                    manifest.notes.append(note)
                    log.warning(note)
                }
                adjustments = AdjustStage.Output()
            }
            lines = LedgerCSV.ordered(lines)

            // Summarise.
            started = meter.now
            let summarised = summariser.run(
                month: month, rosters: rosters, merged: merged, acknowledgements: acknowledgements, reconciliation: reconciliation,
                lines: lines)
            meter.record("summarise", month: month, items: summarised.findings.count, since: started)
            // The month's book is not needed any more: freed before the next month's is read.
            disposal.release(&acknowledgements, leaving: .empty)
            var summary = summarised.summary
            if month == options.through {
                outcome.findings = [:]
                for item in summarised.findings {
                    outcome.findings[item.code, default: (item.severity, 0)].count += 1
                }
            }
            if let tamper = options.summaryFault { summary = tamper(summary) }
            violations += summary.invariantViolations.map { "\(month): \($0)" }
            let basis = ResultBasis(
                own: own.fingerprint, full: fullFingerprint, components: own.components,
                closed: month == firstOpen
                    ? Dictionary(
                        uniqueKeysWithValues: plan.filter { $0.closed && $0.isComputed }.map { ($0.month.description, $0.own.fingerprint) })
                    : [:],
                rosterMonths: rosters.rosterMonth.mapValues(\.description), problems: problems)
            var result = MonthResult(
                month: month, closed: false, lines: lines, summary: summary, findings: summarised.findings, submission: submission,
                basis: basis)
            result.review = reconciliation.review
            stager?.add(result)
            outcome.summaries[month] = summary
            // Staged: the month's ledger file and store rows; its lines are kept only until the
            // next month's report has compared with them.
            if !options.dryRun, let resultID = storeResults[month] {
                // The next month's acknowledgements are read now: its rosters, book and lines are
                // then made while this month's rows go into the store.
                if let next = plan.first(where: { $0.isComputed && $0.month > month }), !next.closed {
                    started = meter.now
                    readAhead = (next.month, try monthAcknowledgements(next, stage), meter.now - started)
                    // The store answered once the rows of the months before were in: a load that
                    // failed stops the run here.
                    try publishing.settle(&prepared)
                }
                started = meter.now
                // The report compares with the month before: computed just now, else read back from
                // the store on a second thread while this month's files are written.
                let computed = lastComputed?.month == month.previous ? lastComputed : nil
                lastComputed = nil
                var stored: BackgroundTask<[LedgerLine]>?
                if computed == nil, month.previous < month, storedMonths[month.previous] != nil {
                    let earlier = month.previous
                    stored = BackgroundTask { try store.ledgerLines(of: earlier, entry: nil) }
                }
                defer { stored?.discardResult() }
                prepared.append(
                    try publishing.prepare(result, resultID: resultID, runID: runID) {
                        if let stored { return (month.previous, try stored.wait()) }
                        return computed
                    })
                meter.record("stage month", month: month, items: lines.count, since: started)
            }
            if let storing = storingWorkers {
                storingWorkers = nil
                meter.record("store workers", month: month, items: workerCount, took: try storing.wait().took)
            }
            lastComputed = (month, lines)
        }
        lastComputed = nil
        readAhead = nil
        // Every month's rows in the store (a load that failed fails the run, as when it was waited
        // for month by month).
        try publishing.settle(&prepared)

        stager?.close()
        if acknowledgementTask != nil {
            _ = try acknowledgementStage()  // recorded even when no month was computed
            acknowledgementsRead = nil
            acknowledgementTask?.discardResult()
        }
        acceptedPeriods = nil

        // Check the invariants: a bug publishes nothing but the manifest.
        if !violations.isEmpty {
            publishing.discard(&prepared)
            stager?.abandon()
            stagerDone = true
            outcome.status = .invariantViolated
            outcome.problems += violations
            for violation in violations { log.error("invariant violated: \(violation)") }
            outcome.manifestPath = try? publishManifest(&manifest, outcome: outcome, meter: meter)
            return outcome
        }
        if !outcome.problems.isEmpty { outcome.status = .inputProblems }
        if options.dryRun {
            log.info("dry run: nothing published")
            return outcome
        }

        // Publish: the store, then the files of the months computed.
        var published = MonthPublisher.Published()
        do {
            let started = meter.now
            defer {
                outcome.published += published.paths
                manifest.outputs += published.outputs
            }
            do {
                let record = RunRecord(
                    id: runID, startedAt: Self.timestamp(options.now), finishedAt: Self.timestamp(Int(Date().timeIntervalSince1970)),
                    throughMonth: options.through.description, exitCode: Int(outcome.exitCode), toolVersion: options.toolVersion,
                    pipeline: options.definitionPath, inputs: manifest.fingerprintInputs())
                try publishing.run(&prepared, record: record, into: &published)
            } catch {
                stager?.abandon()
                stagerDone = true
                throw error
            }
            stager?.finish()
            stagerDone = true
            meter.record("publish", items: published.paths.count, since: started)
            // Kept extractions of files no longer in the inbox go (housekeeping: a failure only costs
            // room), when the run saw the whole inbox (a later month's files are not hashed).
            if inbox.folders.keys.allSatisfy({ $0 <= options.through }) {
                do {
                    try store.dropStagedFiles(except: Set(digests.byName.values.map(\.sha256)), version: options.toolVersion)
                } catch {
                    log.warning("could not drop the staged extractions of files no longer in the inbox: \(error)")
                }
            }
        } catch let error as OutputError {
            outcome.status = .publishFailed
            outcome.problems.append(error.description)
            log.error(error.description)
        } catch let error as StoreError {
            outcome.status = .publishFailed
            outcome.problems.append(error.description)
            log.error(error.description)
        }
        outcome.manifestPath = try? publishManifest(&manifest, outcome: outcome, meter: meter)
        return outcome
    }

    /// The findings of a reused month by code, with the severity the pipeline gives each (for metrics).
    static func findingCounts(_ summary: MonthSummary, definition: PipelineDefinition) -> [FindingCode: (severity: Severity, count: Int)] {
        let policy = try? SeverityPolicy(overrides: definition.severityOverrides)
        var counts: [FindingCode: (severity: Severity, count: Int)] = [:]
        for (name, count) in summary.findingsByCode {
            guard let code = FindingCode(rawValue: name) else { continue }
            counts[code] = (policy?.severity(of: code) ?? code.defaultSeverity, count)
        }
        return counts
    }

    private func publishManifest(_ manifest: inout RunManifest, outcome: Outcome, meter: StageMeter) throws -> String {
        manifest.stages = meter.json
        manifest.rosterFiles = (rosterStaging?.parsed ?? 0, rosterStaging?.replayed ?? 0)
        manifest.keptRostersUsed = keptRostersUsed
        manifest.exitCode = Int(outcome.exitCode)
        manifest.problems = outcome.problems
        manifest.finishedAt = Int(Date().timeIntervalSince1970)
        return try OutputFolder(root: options.out).write(manifest.json, to: "runs/\(manifest.runID).json")
    }

    /// `1.23` for a duration.
    static func seconds(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return "\(milliseconds / 1000).\(String(milliseconds % 1000 / 10 + 100).dropFirst())"
    }

    /// `20251130T193000Z-1f3a9c02`: sortable by time, unique with the random suffix.
    static func runID(at time: Int, salt: String) -> String {
        let stamp = timestamp(time).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        return "\(stamp)-\(salt)"
    }

    /// ISO 8601 UTC.
    static func timestamp(_ time: Int) -> String {
        let days = time >= 0 ? time / 86_400 : (time - 86_399) / 86_400
        let seconds = time - days * 86_400
        let date = CivilDate(daysSinceEpoch: days)
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(date)T\(pad(seconds / 3600)):\(pad(seconds / 60 % 60)):\(pad(seconds % 60))Z"
    }
}
