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

    /// The texts the store keeps of a month (and `close` writes back).
    struct Texts {
        var ledgerCSV: String
        var summaryJSON: String
        var findingsCSV: String
    }

    func texts(_ result: PipelineRun.MonthResult) -> Texts {
        Texts(
            ledgerCSV: LedgerCSV.render(result.lines), summaryJSON: result.summary.json,
            findingsCSV: FindingsCSV.render(result.findings))
    }

    /// A month's workbooks, written at temporary paths (possibly on another thread) before the
    /// store is saved, and put in place after it.
    struct StagedWorkbooks: Sendable {
        var files: [(staged: OutputFolder.Staged, sha256: String)] = []
        /// Correction workbooks of sources that no longer need one.
        var removals: [String] = []
    }

    /// One workbook to write: its path under the out folder and how to write it at a given path.
    struct WorkbookJob {
        var relative: String
        var write: (String) throws -> Void
    }

    /// A month's workbooks to write (ledger.xlsx, submission.xlsx, the correction workbooks), in
    /// publishing order, and the correction workbooks to remove.
    func workbookJobs(_ result: PipelineRun.MonthResult) -> (jobs: [WorkbookJob], removals: [String]) {
        let month = result.month.description
        let names = Dictionary(uniqueKeysWithValues: definition.sources.map { ($0.code, $0.name) })
        var jobs = [
            WorkbookJob(relative: "\(month)/ledger.xlsx") {
                try LedgerWorkbook(month: result.month, summary: result.summary, lines: result.lines, sourceNames: names).write(to: $0)
            },
            WorkbookJob(relative: "\(month)/submission.xlsx") {
                try SubmissionWorkbook(month: result.month, rows: result.submission).write(to: $0)
            },
        ]
        var removals: [String] = []
        for source in definition.sourceCodes {
            let relative = "\(month)/koreksi/\(source).xlsx"
            let entries = result.corrections[source] ?? []
            if entries.isEmpty {
                removals.append(relative)
            } else {
                jobs.append(
                    WorkbookJob(relative: relative) {
                        try CorrectionWorkbook(source: source, month: result.month, entries: entries).write(to: $0)
                    })
            }
        }
        return (jobs, removals)
    }

    /// Writes one workbook at its temporary path; its SHA-256 with it.
    func stage(_ job: WorkbookJob) throws -> (staged: OutputFolder.Staged, sha256: String) {
        let file = try folder.stage(job.relative, job.write)
        return (file, (try? Fingerprint.sha256(path: file.temporary))?.digest ?? "")
    }

    /// Removes staged workbooks that will not be published.
    func discard(_ staged: StagedWorkbooks) {
        for file in staged.files { folder.discard(file.staged) }
    }

    /// Writes the month's CSV and JSON files.
    /// Writes a month's ledger.csv at its temporary path (the largest file: written while the store
    /// is saved), with its SHA-256.
    func stageLedger(_ result: PipelineRun.MonthResult, texts: Texts) throws -> (staged: OutputFolder.Staged, sha256: String) {
        let file = try folder.stage("\(result.month)/ledger.csv") { try OutputFolder.writeFile(texts.ledgerCSV, at: $0) }
        return (file, Fingerprint.sha256(texts.ledgerCSV))
    }

    /// Puts the staged ledger.csv in place, then writes the month's other CSV and JSON files.
    func publish(
        _ result: PipelineRun.MonthResult, texts: Texts, ledger: (staged: OutputFolder.Staged, sha256: String)
    ) throws -> Published {
        var published = Published()
        let month = result.month.description
        let ledgerPath = try folder.commit(ledger.staged)
        published.paths.append(ledgerPath)
        published.outputs.append((ledgerPath, ledger.sha256))
        func text(_ content: String, _ name: String) throws {
            let path = try folder.write(content, to: "\(month)/\(name)")
            published.paths.append(path)
            published.outputs.append((path, Fingerprint.sha256(content)))
        }
        try text(texts.summaryJSON, "summary.json")
        try text(texts.findingsCSV, "findings.csv")
        try text(SubmissionRow.csv(result.submission), "submission.csv")
        return published
    }

    /// Puts a month's staged workbooks in place (and removes correction workbooks no longer
    /// needed). On failure the ones not yet in place are removed.
    func commit(_ workbooks: StagedWorkbooks) throws -> Published {
        var published = Published()
        for (position, file) in workbooks.files.enumerated() {
            do {
                let path = try folder.commit(file.staged)
                published.paths.append(path)
                published.outputs.append((path, file.sha256))
            } catch {
                discard(StagedWorkbooks(files: Array(workbooks.files[(position + 1)...])))
                throw error
            }
        }
        for relative in workbooks.removals { folder.remove(relative) }
        return published
    }
}
