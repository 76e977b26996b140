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

    public init(options: RunOptions, store: any LedgerStore, log: RunLog) {
        self.options = options
        self.store = store
        self.log = log
    }

    /// What the run did.
    public struct Outcome: Sendable {
        public var runID: String
        public var exitCode: Int32
        /// Summaries of the months computed (open and closed), by month.
        public var summaries: [YearMonth: MonthSummary] = [:]
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
        var findings: [RosterFinding]
        var submission: [SubmissionRow]
        var corrections: [String: [CorrectionWorkbook.Entry]]
    }

    /// SPEC §1: plan the months; extract and validate each month's rosters (and, on a second
    /// thread, every acknowledgement file); deduplicate; reconcile; adjust closed months; summarise;
    /// check the invariants; publish. Problems are gathered as the run goes and decide the exit code
    /// once, at the end.
    public func execute() throws -> Outcome {
        let definition = options.definition
        let runID = Self.runID(at: options.now, salt: UUID().uuidString.prefix(8).lowercased())
        var outcome = Outcome(runID: runID, exitCode: 0)
        var manifest = RunManifest(runID: runID, options: options)
        let meter = StageMeter(log: log)

        // Plan: the inbox, the closed months (their lines are frozen), the first open month.
        let inbox: Inbox
        do {
            inbox = try Inbox(root: options.inbox, sources: definition.sourceCodes)
        } catch let error as InboxError {
            // Exit 66; the manifest still says what happened.
            outcome.exitCode = 66
            outcome.problems.append(error.description)
            log.error(error.description)
            if !options.dryRun { outcome.manifestPath = try? publishManifest(&manifest, outcome: outcome, meter: meter) }
            return outcome
        }
        for stray in inbox.strays {
            outcome.problems.append("\(stray.name): \(stray.problem)")
            manifest.notes.append("\(stray.name): \(stray.problem)")
            log.warning("inbox folder \(stray.name): \(stray.problem)")
        }
        var limits = ReaderLimits.default
        if let cap = definition.maxInflatedPerEntry { limits.maxInflatedPerEntry = cap }
        if let cap = definition.maxInflatedPerFile { limits.maxInflatedPerFile = cap }
        let closedMonths = try store.closedMonths()
        var frozen: [(month: YearMonth, lines: [LedgerLine])] = []
        var frozenLines: [YearMonth: [LedgerLine]] = [:]
        for month in closedMonths {
            let lines = try LedgerCSV.parse(try store.month(month)?.ledgerCSV ?? "")
            frozen.append((month, lines))
            frozenLines[month] = lines
        }
        let firstOpen = closedMonths.last.map(\.next) ?? definition.startMonth
        // Each open month's rows are written into the store as they are made, under a result of
        // this run's that saving makes the month's (never in a dry run).
        let storeResults =
            options.dryRun ? [:] : try store.beginResults(run: runID, months: options.months.filter { !closedMonths.contains($0) })

        // Extract: the acknowledgement files are read on a second thread while the first month's
        // rosters are read (the roster reader leaves part of the second core idle).
        let through = options.through
        let store = store
        let acknowledgementsStarted = meter.now
        let acknowledgementTask = BackgroundTask {
            try AcknowledgementStage.read(inbox: inbox, through: through, limits: limits) { report in
                if let result = storeResults[report.month] { try store.stage(acknowledgements: report, result: result) }
            }
        }
        var acknowledgementsRead: AcknowledgementStage?
        /// The acknowledgements, waited for once; their problems and inputs recorded then (before
        /// any roster input, as when they were read first).
        func acknowledgementStage() throws -> AcknowledgementStage {
            if let acknowledgementsRead { return acknowledgementsRead }
            let stage = try acknowledgementTask.wait()
            acknowledgementsRead = stage
            meter.record("extract acknowledgements", items: stage.inputs.map(\.rows).reduce(0, +), since: acknowledgementsStarted)
            for item in stage.unreadable {
                outcome.problems.append("\(item.file): \(item.cause)")
                log.warning("unreadable acknowledgement file \(item.file): \(item.cause)")
            }
            manifest.inputs += stage.inputs
            outcome.rowsRead[Inbox.acknowledgementFolder] = stage.inputs.map(\.rows).reduce(0, +)
            return stage
        }
        // The months' workbooks are written at temporary paths on a second thread as the months
        // are computed (never in a dry run); they are put in place only once the store is saved.
        let publisher = MonthPublisher(folder: OutputFolder(root: options.out), definition: definition)
        var stager: WorkbookStager?
        if !options.dryRun {
            for leftover in publisher.folder.sweepTemporaryFiles() {
                log.warning("removed \(leftover), left by an interrupted run")
            }
            stager = WorkbookStager(publisher: publisher)
        }
        var stagerDone = false
        let disposal = Disposal()
        defer {
            // The workers freed on other threads are freed before the run returns.
            disposal.wait()
        }
        defer {
            // A run that ends early (an error thrown) leaves no thread and no temporary file.
            if !stagerDone { stager?.abandon() }
        }
        var loader = MonthRosterLoader(definition: definition, inbox: inbox, limits: limits)
        loader.progress = log.progress
        let deduplicator = Deduplicator(
            priority: definition.sourceCodes,
            severity: (try? SeverityPolicy(overrides: definition.severityOverrides))?.severity(of: .identityConflict) ?? .warning)
        let summariser = SummariseStage(sources: definition.sourceCodes)
        var latestCoveredKPJ: [String: String] = [:]
        var recomputedClosed: [YearMonth: [LedgerLine]] = [:]
        var results: [MonthResult] = []
        var violations: [String] = []

        for month in options.months {
            // Extract and validate: the month's rosters, each source's own or carried forward.
            var started = meter.now
            var rosters: MonthRosterLoader.Month
            do {
                rosters = try loader.load(month)
            } catch {
                // No thread outlives the run; an acknowledgement error wins, as when they were
                // read first.
                _ = try acknowledgementTask.wait()
                throw error
            }
            // Reading freed much memory in small pieces: given back before the month's lines are made.
            sigap_release_free_memory()
            meter.record("extract and validate rosters", month: month, items: rosters.entries.count, since: started)
            let acknowledgements = try acknowledgementStage()
            violations += rosters.violations
            for (source, rows) in rosters.rowsRead { outcome.rowsRead[source, default: 0] += rows }
            for item in rosters.unreadable {
                outcome.problems.append("\(item.file): \(item.cause)")
                log.warning("unreadable roster file \(item.file) of \(item.source): \(item.cause)")
            }
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

            // Reconcile.
            started = meter.now
            let reconciliation = Reconciler(month: month, rate: rate).reconcile(
                merged.workers, acknowledgements: acknowledgements.lookup, latestCoveredKPJ: latestCoveredKPJ)
            meter.record("reconcile", month: month, items: reconciliation.lines.count, since: started)
            let isClosed = closedMonths.contains(month)
            // KPJ history for the months after this one (none after the last).
            if month != options.months.last {
                let regularForHistory = isClosed ? frozenLines[month, default: []] : reconciliation.lines
                for line in regularForHistory where line.entry == .regular && line.status == .covered && !line.kpj.isEmpty {
                    latestCoveredKPJ[line.nik] = line.kpj
                }
            }
            if isClosed {
                // A closed month is only recomputed for its adjustments.
                recomputedClosed[month] = reconciliation.lines
                disposal.release(&merged.workers, leaving: WorkerList())
                continue
            }
            if let result = storeResults[month] {
                started = meter.now
                try store.stage(workers: merged.workers, result: result)
                meter.record("store workers", month: month, items: merged.workers.count, since: started)
            }
            let submission = EnrolmentList.rows(
                lines: reconciliation.lines, workers: merged.workers, acknowledgements: acknowledgements.lookup, month: month)
            // The month's workers (and the rows they refer to) are not needed any more: freed on
            // another thread before the month's files are made.
            disposal.release(&merged.workers, leaving: WorkerList())

            // Adjust: the closed months' differences go to the first open month.
            var lines = reconciliation.lines
            if month == firstOpen {
                started = meter.now
                let adjustments = AdjustStage(frozen: frozen).run(recomputed: recomputedClosed, into: month)
                meter.record("adjust", month: month, items: adjustments.lines.count, since: started)
                lines += adjustments.lines
                for note in adjustments.notes {
                    manifest.notes.append(note)
                    log.warning(note)
                }
            }
            lines = LedgerCSV.ordered(lines)

            // Summarise.
            started = meter.now
            let summarised = summariser.run(
                month: month, rosters: rosters, merged: merged, acknowledgements: acknowledgements, reconciliation: reconciliation,
                lines: lines)
            meter.record("summarise", month: month, items: summarised.findings.count, since: started)
            var summary = summarised.summary
            if month == options.through {
                outcome.findings = [:]
                for item in summarised.findings {
                    outcome.findings[item.code, default: (item.severity, 0)].count += 1
                }
            }
            if let tamper = options.summaryFault { summary = tamper(summary) }
            violations += summary.invariantViolations.map { "\(month): \($0)" }
            results.append(
                MonthResult(
                    month: month, closed: false, lines: lines, summary: summary, findings: summarised.findings, submission: submission,
                    corrections: rosters.corrections))
            stager?.add(results[results.count - 1])
            outcome.summaries[month] = summary
        }

        stager?.close()
        _ = try acknowledgementStage()  // recorded even when no month was computed
        // The acknowledgements are not needed any more: a million of them are worth freeing.
        acknowledgementsRead = nil
        acknowledgementTask.discardResult()

        // Check the invariants: a bug publishes nothing but the manifest.
        if !violations.isEmpty {
            stager?.abandon()
            stagerDone = true
            outcome.exitCode = 70
            outcome.problems += violations
            for violation in violations { log.error("invariant violated: \(violation)") }
            outcome.manifestPath = try? publishManifest(&manifest, outcome: outcome, meter: meter)
            return outcome
        }
        if !outcome.problems.isEmpty { outcome.exitCode = 65 }
        if options.dryRun {
            log.info("dry run: nothing published")
            return outcome
        }

        // Publish: the store, then the files.
        let publishing = PublishStage(store: store, publisher: publisher, definition: definition, stager: stager)
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
                try publishing.run(results, record: record, storeResults: storeResults, into: &published)
            } catch {
                stager?.abandon()
                stagerDone = true
                throw error
            }
            stager?.finish()
            stagerDone = true
            meter.record("publish", items: published.paths.count, since: started)
        } catch let error as OutputError {
            outcome.exitCode = 73
            outcome.problems.append(error.description)
            log.error(error.description)
        } catch let error as StoreError {
            outcome.exitCode = 73
            outcome.problems.append(error.description)
            log.error(error.description)
        }
        outcome.manifestPath = try? publishManifest(&manifest, outcome: outcome, meter: meter)
        // The months' lines are freed on a thread nobody waits for: a run at the end of a process
        // need not wait (an in-process caller gets the memory back shortly after).
        Disposal.releaseUnwaited(&results)
        return outcome
    }

    private func publishManifest(_ manifest: inout RunManifest, outcome: Outcome, meter: StageMeter) throws -> String {
        manifest.stages = meter.json
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
