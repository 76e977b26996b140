import Foundation
import SIGAPDomain

/// Writes one open month's outputs under `<out>/<YYYY-MM>/` (SPEC §8.5), each atomically.
struct MonthPublisher {
    let folder: OutputFolder
    let definition: PipelineDefinition

    struct Published {
        var paths: [String] = []
        var outputs: [(path: String, sha256: String)] = []
        var ledgerCSV = ""
        var summaryJSON = ""
        var findingsCSV = ""
    }

    func publish(_ result: PipelineRun.MonthResult) throws -> Published {
        var published = Published()
        let month = result.month.description
        func text(_ content: String, _ name: String) throws {
            let path = try folder.write(content, to: "\(month)/\(name)")
            published.paths.append(path)
            published.outputs.append((path, Fingerprint.sha256(content)))
        }
        published.ledgerCSV = LedgerCSV.render(result.lines)
        published.summaryJSON = result.summary.json
        published.findingsCSV = FindingsCSV.render(result.findings)
        try text(published.ledgerCSV, "ledger.csv")
        try text(published.summaryJSON, "summary.json")
        try text(published.findingsCSV, "findings.csv")
        try text(SubmissionRow.csv(result.submission), "submission.csv")

        let names = Dictionary(uniqueKeysWithValues: definition.sources.map { ($0.code, $0.name) })
        let workbooks: [(String, (String) throws -> Void)] = [
            ("ledger.xlsx", { try LedgerWorkbook(month: result.month, summary: result.summary, lines: result.lines, sourceNames: names).write(to: $0) }),
            ("submission.xlsx", { try SubmissionWorkbook(month: result.month, rows: result.submission).write(to: $0) }),
        ]
        for (name, write) in workbooks {
            published.paths.append(try folder.publish("\(month)/\(name)", write))
        }
        for source in definition.sourceCodes {
            let relative = "\(month)/koreksi/\(source).xlsx"
            let entries = result.corrections[source] ?? []
            if entries.isEmpty {
                folder.remove(relative)
                continue
            }
            published.paths.append(
                try folder.publish(relative) { try CorrectionWorkbook(source: source, month: result.month, entries: entries).write(to: $0) })
        }
        return published
    }
}
