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

    public func execute() throws -> Outcome {
        let definition = options.definition
        let startedAt = options.now
        let runID = Self.runID(at: startedAt, salt: UUID().uuidString.prefix(8).lowercased())
        var outcome = Outcome(runID: runID, exitCode: 0)
        var manifest = RunManifest(runID: runID, options: options)

        let inbox: Inbox
        do {
            inbox = try Inbox(root: options.inbox, sources: definition.sourceCodes)
        } catch let error as InboxError {
            // Exit 66; the manifest still says what happened.
            outcome.exitCode = 66
            outcome.problems.append(error.description)
            log.error(error.description)
            if !options.dryRun { outcome.manifestPath = try? publishManifest(&manifest, outcome: outcome) }
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

        // Only the closed months' ledgers are read back (their lines are frozen).
        let closedMonths = try store.closedMonths()
        var frozen: [YearMonth: [LedgerLine]] = [:]
        for month in closedMonths { frozen[month] = try LedgerCSV.parse(try store.month(month)?.ledgerCSV ?? "") }
        let firstOpen = closedMonths.last.map(\.next) ?? definition.startMonth

        let clock = ContinuousClock()
        var phase = clock.now
        func lap(_ what: String) {
            let now = clock.now
            let memory = ProcessMemory.residentMegabytes().map { ", RSS \($0.now) MB, peak \($0.peak) MB" } ?? ""
            log.info("\(what) in \(Self.seconds(now - phase)) s\(memory)")
            phase = now
        }
        // The acknowledgement files are read on a second thread while the first month's rosters
        // are read (the roster reader leaves part of the second core idle).
        // Each open month's rows are written into the store as they are made, under a result of
        // this run's that saving makes the month's (never in a dry run).
        let storeResults =
            options.dryRun ? [:] : try store.beginResults(run: runID, months: options.months.filter { !closedMonths.contains($0) })
        let through = options.through
        let store = store
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
            lap("acknowledgements read (on a second thread)")
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
        var latestCoveredKPJ: [String: String] = [:]
        var recomputedClosed: [YearMonth: [LedgerLine]] = [:]
        var results: [MonthResult] = []
        var violations: [String] = []

        for month in options.months {
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
            lap("month \(month): read rosters (\(rosters.entries.count) rows)")
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
            var merged = Deduplicator(
                priority: definition.sourceCodes,
                severity: (try? SeverityPolicy(overrides: definition.severityOverrides))?.severity(of: .identityConflict) ?? .warning
            ).merge(rosters.entries)
            rosters.entries = RosterEntryList()  // the workers hold what is needed from here on
            guard let rate = definition.premium(for: month)?.total else {
                throw StoreError("no premium rate is in force for \(month)")
            }
            sigap_release_free_memory()  // what sorting the rows' keys took
            lap("month \(month): deduplicated (\(merged.workers.count) workers)")
            let reconciliation = Reconciler(month: month, rate: rate).reconcile(
                merged.workers, acknowledgements: acknowledgements.lookup, latestCoveredKPJ: latestCoveredKPJ)
            lap("month \(month): reconciled")

            let isClosed = closedMonths.contains(month)
            // KPJ history for the months after this one (none after the last).
            if month != options.months.last {
                let regularForHistory = isClosed ? (frozen[month] ?? []) : reconciliation.lines
                for line in regularForHistory where line.entry == .regular && line.status == .covered && !line.kpj.isEmpty {
                    latestCoveredKPJ[line.nik] = line.kpj
                }
            }
            if isClosed {
                recomputedClosed[month] = reconciliation.lines
                disposal.release(&merged.workers, leaving: WorkerList())
                continue
            }
            if let result = storeResults[month] { try store.stage(workers: merged.workers, result: result) }

            // The enrolment list: workers and their lines are both sorted by NIK, walked together.
            var submission: [SubmissionRow] = []
            var workerIndex = 0
            for line in reconciliation.lines where line.status == .pending {
                // As `WorkerList.nik(at:)` reads NIKs (validation keeps only 16-digit ones).
                let nik = AcknowledgementBook.value(of: line.nik) ?? 0
                while workerIndex < merged.workers.count && merged.workers.nik(at: workerIndex) < nik { workerIndex += 1 }
                guard workerIndex < merged.workers.count, merged.workers.nik(at: workerIndex) == nik,
                    !acknowledgements.lookup.hasAccepted(nik: line.nik, through: month)
                else { continue }
                submission.append(SubmissionRow(worker: merged.workers[workerIndex]))
            }
            // The month's workers (and the rows they refer to) are not needed any more: freed on
            // another thread before the month's files are made.
            disposal.release(&merged.workers, leaving: WorkerList())

            var lines = reconciliation.lines
            if month == firstOpen {
                for closed in closedMonths {
                    let recorded = closedMonths.filter { $0 > closed }.flatMap { frozen[$0] ?? [] }
                    let adjustments = AdjustmentCalculator.adjustments(
                        for: closed, frozen: frozen[closed] ?? [], recorded: recorded, recomputed: recomputedClosed[closed] ?? [],
                        into: month)
                    lines += adjustments.lines
                    for nik in adjustments.vanished {
                        let note =
                            "\(closed): a worker of the closed month (\(Masking.nik(nik))) is no longer in the recomputed month: no adjustment written"
                        manifest.notes.append(note)
                        log.warning(note)
                    }
                }
            }
            lines = LedgerCSV.ordered(lines)

            // Findings of the month: each source's own files (and identity conflicts), then BPJS.
            var findings: [RosterFinding] = []
            let ownPrefix = "\(month)/"
            for source in definition.sourceCodes {
                findings += rosters.findings[source] ?? []
                for conflict in merged.conflicts where conflict.entry.source == source && conflict.entry.file.hasPrefix(ownPrefix) {
                    findings.append(
                        RosterFinding(
                            month: month, source: source, file: conflict.entry.file, sheet: conflict.entry.sheet,
                            row: conflict.entry.row, cell: conflict.entry.nikCell, finding: conflict.finding))
                }
            }
            findings += acknowledgements.findings[month] ?? []
            var counts: [FindingCode: Int] = [:]
            for item in findings { counts[item.code, default: 0] += 1 }
            if month == options.through {
                outcome.findings = [:]
                for item in findings {
                    outcome.findings[item.code, default: (item.severity, 0)].count += 1
                }
            }

            var summary = MonthSummary(
                month: month, lines: lines, reconciliation: reconciliation, sources: definition.sourceCodes,
                quarantinedRows: rosters.quarantinedRows
                    + merged.quarantined.filter { $0.file.hasPrefix(ownPrefix) && !$0.isDuplicate }.count
                    + (acknowledgements.quarantined[month] ?? 0),
                findings: counts)
            summary.closed = false
            if let tamper = options.summaryFault { summary = tamper(summary) }
            violations += summary.invariantViolations.map { "\(month): \($0)" }

            results.append(
                MonthResult(
                    month: month, closed: false, lines: lines, summary: summary, findings: findings, submission: submission,
                    corrections: rosters.corrections))
            stager?.add(results[results.count - 1])
            outcome.summaries[month] = summary
            lap("month \(month): summarised")
        }

        stager?.close()
        _ = try acknowledgementStage()  // recorded even when no month was computed
        // The acknowledgements are not needed any more: a million of them are worth freeing.
        acknowledgementsRead = nil
        acknowledgementTask.discardResult()
        if !violations.isEmpty {
            stager?.abandon()
            stagerDone = true
            // A bug: publish nothing but the manifest.
            outcome.exitCode = 70
            outcome.problems += violations
            for violation in violations { log.error("invariant violated: \(violation)") }
            outcome.manifestPath = try? publishManifest(&manifest, outcome: outcome)
            return outcome
        }
        if !outcome.problems.isEmpty { outcome.exitCode = 65 }
        if options.dryRun {
            log.info("dry run: nothing published")
            return outcome
        }

        // The store first, in one transaction; then the files, each atomically. A run that dies
        // between the two leaves the store ahead of the files, and `close` writes a month's files
        // from the store, so a closed month never disagrees with what was frozen.
        do {
            // The store first; then each month's text files and report, while the workbooks may
            // still be in the making; then the workbooks. Whatever fails, no staged file is left.
            do {
                let texts = results.map { publisher.texts($0) }
                // The ledger files, the largest, are written first at temporary paths, block by
                // block; the store copies each from its file. A month whose ledger cannot be written
                // is saved from its text and fails when its turn comes: the months before it are
                // published.
                var ledgers: [Result<(staged: OutputFolder.Staged, sha256: String), any Error>?] = results.map { result in
                    Result { try publisher.stageLedger(result) }
                }
                defer {
                    // Those not put in place: something failed on the way.
                    for case .success(let file)? in ledgers { publisher.folder.discard(file.staged) }
                }
                try store.save(
                    run: RunRecord(
                        id: runID, startedAt: Self.timestamp(startedAt),
                        finishedAt: Self.timestamp(Int(Date().timeIntervalSince1970)), throughMonth: options.through.description,
                        exitCode: Int(outcome.exitCode), toolVersion: options.toolVersion, pipeline: options.definitionPath,
                        inputs: manifest.fingerprintInputs()),
                    months: zip(results, texts).enumerated().map { index, month in
                        let (result, texts) = month
                        var file: String?
                        if case .success(let ledger)? = ledgers[index] { file = ledger.staged.temporary }
                        return StoredMonth(
                            month: result.month, closed: false, closedAt: nil, runID: runID,
                            ledgerCSV: file == nil ? LedgerCSV.render(result.lines) : "", ledgerFile: file, summaryJSON: texts.summaryJSON,
                            findingsCSV: texts.findingsCSV, resultID: storeResults[result.month])
                    })
                lap("saved the store")
                for (index, (result, texts)) in zip(results, texts).enumerated() {
                    guard let staged = ledgers[index] else { continue }
                    ledgers[index] = nil  // from here `publish` puts it in place or removes it
                    let ledger = try staged.get()
                    let files = try publisher.publish(result, texts: texts, ledger: ledger)
                    outcome.published += files.paths
                    manifest.outputs += files.outputs
                    // Then the month's workbooks, this thread helping to finish them; then its report
                    // (made while the workbooks may still be in the making).
                    var known = [result.month: result.lines]
                    if let previous = results.first(where: { $0.month == result.month.previous }) {
                        known[previous.month] = previous.lines
                    }
                    let report = try MonthReport.html(for: result.month, store: store, definition: definition, knownLines: known)
                    if let stager {
                        let files = try publisher.commit(stager.steps(ofMonth: index))
                        outcome.published += files.paths
                        manifest.outputs += files.outputs
                    }
                    let reportPath = try OutputFolder(root: options.out).write(report, to: "\(result.month)/report.html")
                    outcome.published.append(reportPath)
                    manifest.outputs.append((reportPath, Fingerprint.sha256(report)))
                }
                lap("published the files")
            } catch {
                stager?.abandon()
                stagerDone = true
                throw error
            }
            stager?.finish()
            stagerDone = true
        } catch let error as OutputError {
            outcome.exitCode = 73
            outcome.problems.append(error.description)
            log.error(error.description)
        } catch let error as StoreError {
            outcome.exitCode = 73
            outcome.problems.append(error.description)
            log.error(error.description)
        }
        outcome.manifestPath = try? publishManifest(&manifest, outcome: outcome)
        // The months' lines are freed on a thread nobody waits for: a run at the end of a process
        // need not wait (an in-process caller gets the memory back shortly after).
        Disposal.releaseUnwaited(&results)
        return outcome
    }

    private func publishManifest(_ manifest: inout RunManifest, outcome: Outcome) throws -> String {
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

extension SubmissionRow {
    init(worker: Worker) {
        self.init(
            nik: worker.nik, name: worker.name, birthPlace: worker.birthPlace ?? "", birthDate: worker.birthDate?.description ?? "",
            sex: worker.sex.map(\.letter) ?? "", address: worker.address ?? "", kelurahan: worker.kelurahan?.name ?? "",
            kecamatan: worker.kecamatan?.name ?? "", phone: worker.phone ?? "", occupation: worker.occupation ?? "",
            source: worker.owner)
    }
}
