import Foundation
import SIGAPDomain

/// Writes one open month's outputs under `<out>/<YYYY-MM>/` (SPEC §8.5), each atomically.
struct MonthPublisher {
    let folder: OutputFolder
    let definition: PipelineDefinition

    struct Published {
        var paths: [String] = []
        var outputs: [(path: String, sha256: String)] = []
    }

    /// A month's ledger.csv, findings.csv or submission.csv written at its temporary path, with its
    /// SHA-256 (the store loads the first two's rows from there).
    typealias StagedText = (staged: OutputFolder.Staged, sha256: String)

    /// One workbook to write: its path under the out folder and how to write it at a given path.
    struct WorkbookJob {
        var relative: String
        var write: (String) throws -> Void
    }

    /// One step of a month's workbooks: one to write, or an old one to remove.
    enum WorkbookStep {
        case write(WorkbookJob)
        case remove(String)
    }

    /// What became of each step, for `commit`: written at a temporary path, failed, or a removal.
    enum StagedStep: Sendable {
        case staged(OutputFolder.Staged, sha256: String)
        case failed(any Error)
        case remove(String)
        /// Not attempted: an earlier step of the month failed.
        case skipped
    }

    /// A month's workbook steps in publishing order: ledger.xlsx and submission.xlsx
    /// (`resultSteps`), then per source its correction workbook or the removal of an old one it no
    /// longer needs (`correctionSteps`).
    static let resultStepCount = 2

    func resultSteps(_ result: PipelineRun.MonthResult) -> [WorkbookStep] {
        let month = result.month.description
        let names = Dictionary(uniqueKeysWithValues: definition.sources.map { ($0.code, $0.name) })
        return [
            .write(
                WorkbookJob(relative: "\(month)/ledger.xlsx") {
                    try LedgerWorkbook(
                        month: result.month, summary: result.summary, lines: result.lines, sourceNames: names, review: result.review
                    )
                    .write(to: $0)
                }),
            .write(
                WorkbookJob(relative: "\(month)/submission.xlsx") {
                    try SubmissionWorkbook(month: result.month, rows: result.submission).write(to: $0)
                }),
        ]
    }

    /// The correction workbooks of `month`, which depend on its rosters alone: they can be written
    /// while the rest of the month is computed.
    func correctionSteps(
        _ yearMonth: YearMonth, corrections: [String: CorrectionList], notices: [String: [CorrectionWorkbook.Notice]]
    ) -> [WorkbookStep] {
        definition.sourceCodes.map { source in
            let relative = "\(yearMonth)/koreksi/\(source).xlsx"
            let entries = corrections[source] ?? CorrectionList()
            let notices = notices[source] ?? []
            if entries.isEmpty && notices.isEmpty { return .remove(relative) }
            return .write(
                WorkbookJob(relative: relative) {
                    try CorrectionWorkbook(source: source, month: yearMonth, entries: entries, notices: notices).write(to: $0)
                })
        }
    }

    /// Writes one workbook at its temporary path; its SHA-256 with it.
    func stage(_ job: WorkbookJob) throws -> (staged: OutputFolder.Staged, sha256: String) {
        let file = try folder.stage(job.relative, job.write)
        return (file, (try? Fingerprint.sha256(path: file.temporary))?.digest ?? "")
    }

    /// Removes staged workbooks that will not be published.
    func discard(_ steps: some Sequence<StagedStep>) {
        for case .staged(let file, _) in steps { folder.discard(file) }
    }

    /// Writes a month's findings.csv at its temporary path, block by block (a month whose million
    /// rows each carry a warning has 150 MB of it, never held whole), counting what the report
    /// shows of it as it is written; `follower` hears of each block.
    func stageFindings(
        _ result: PipelineRun.MonthResult, counting counts: inout ReportFindings, follower: StagedCSV
    ) throws -> StagedText {
        try stageText(Self.findingsName(result.month), follower: follower) {
            try FindingsCSV.stream(result.findings, counting: &counts, $0)
        }
    }

    private static func findingsName(_ month: YearMonth) -> String { "\(month)/findings.csv" }
    private static func ledgerName(_ month: YearMonth) -> String { "\(month)/ledger.csv" }

    /// The month's ledger.csv and findings.csv that `stageLedger` and `stageFindings` are about to
    /// write at their temporary paths, for the store to follow while they are written.
    func followers(of month: YearMonth) -> (ledger: StagedCSV, findings: StagedCSV) {
        (
            StagedCSV(writing: folder.temporaryPath(of: Self.ledgerName(month))),
            StagedCSV(writing: folder.temporaryPath(of: Self.findingsName(month)))
        )
    }

    /// Writes a month's submission.csv at its temporary path: the month's enrolment list is then
    /// not held until the run publishes (a run of twelve months would hold twelve of them).
    func stageSubmission(_ result: PipelineRun.MonthResult) throws -> StagedText {
        let bytes = Array(SubmissionRow.csv(result.submission).utf8)
        return try stageText("\(result.month)/submission.csv") { write in try bytes.withUnsafeBufferPointer(write) }
    }

    /// Writes a month's ledger.csv at its temporary path, block by block (the largest file: its
    /// text is never held whole). The store loads its lines from there, following it as it is
    /// written (`follower`).
    func stageLedger(_ result: PipelineRun.MonthResult, follower: StagedCSV) throws -> StagedText {
        try stageText(Self.ledgerName(result.month), follower: follower) { try LedgerCSV.stream(result.lines, $0) }
    }

    /// Writes the blocks `produce` hands over at `relative`'s temporary path, with their SHA-256,
    /// telling `follower` of each block once it is in the file, and of the end (or that the file
    /// will not be finished).
    private func stageText(
        _ relative: String, follower: StagedCSV? = nil, _ produce: ((UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void
    ) throws -> StagedText {
        var digest = Fingerprint.Streamed()
        defer { follower?.abandon() }  // no effect once finished
        let file = try folder.stage(relative) { path in
            try OutputFolder.writeFile(at: path) { write in
                // Both closures end before `writeFile` returns.
                try withoutActuallyEscaping(write) { write in
                    try produce { block in
                        digest.update(block)
                        try write(block)
                        follower?.wrote(block.count)
                    }
                }
            }
        }
        let sha256 = digest.finish()
        follower?.finish(sha256: sha256)
        return (file, sha256)
    }

    /// Puts the staged ledger.csv in place, writes summary.json, puts the staged findings.csv and
    /// submission.csv in place.
    func publish(
        _ yearMonth: YearMonth, summaryJSON: String, ledger: StagedText, findings: StagedText, submission: StagedText
    ) throws -> Published {
        var published = Published()
        let month = yearMonth.description
        func commit(_ file: StagedText) throws {
            let path = try folder.commit(file.staged)
            published.paths.append(path)
            published.outputs.append((path, file.sha256))
        }
        func text(_ content: String, _ name: String) throws {
            let path = try folder.write(content, to: "\(month)/\(name)")
            published.paths.append(path)
            published.outputs.append((path, Fingerprint.sha256(content)))
        }
        try commit(ledger)
        try text(summaryJSON, "summary.json")
        try commit(findings)
        try commit(submission)
        return published
    }

    /// Carries out a month's workbook steps in order: puts each staged workbook in place, removes
    /// correction workbooks no longer needed. At the first failure the rest is removed and the
    /// error thrown: the steps before it stay done, as when the workbooks were written one by one.
    func commit(_ steps: [StagedStep]) throws -> Published {
        var published = Published()
        for (position, step) in steps.enumerated() {
            do {
                switch step {
                case .staged(let file, let sha256):
                    let path = try folder.commit(file)
                    published.paths.append(path)
                    published.outputs.append((path, sha256))
                case .remove(let relative):
                    folder.remove(relative)
                case .failed(let error):
                    throw error
                case .skipped:
                    continue
                }
            } catch {
                discard(steps[(position + 1)...])
                throw error
            }
        }
        return published
    }
}
