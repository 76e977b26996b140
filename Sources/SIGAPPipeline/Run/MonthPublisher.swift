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

    func publish(_ result: PipelineRun.MonthResult, texts: Texts) throws -> Published {
        var published = Published()
        let month = result.month.description
        func text(_ content: String, _ name: String) throws {
            let path = try folder.write(content, to: "\(month)/\(name)")
            published.paths.append(path)
            published.outputs.append((path, Fingerprint.sha256(content)))
        }
        try text(texts.ledgerCSV, "ledger.csv")
        try text(texts.summaryJSON, "summary.json")
        try text(texts.findingsCSV, "findings.csv")
        try text(SubmissionRow.csv(result.submission), "submission.csv")

        let names = Dictionary(uniqueKeysWithValues: definition.sources.map { ($0.code, $0.name) })
        let workbooks: [(String, (String) throws -> Void)] = [
            (
                "ledger.xlsx",
                { try LedgerWorkbook(month: result.month, summary: result.summary, lines: result.lines, sourceNames: names).write(to: $0) }
            ),
            ("submission.xlsx", { try SubmissionWorkbook(month: result.month, rows: result.submission).write(to: $0) }),
        ]
        for (name, write) in workbooks {
            let path = try folder.publish("\(month)/\(name)", write)
            published.paths.append(path)
            published.outputs.append((path, (try? Fingerprint.sha256(path: path))?.digest ?? ""))
        }
        for source in definition.sourceCodes {
            let relative = "\(month)/koreksi/\(source).xlsx"
            let entries = result.corrections[source] ?? []
            if entries.isEmpty {
                folder.remove(relative)
                continue
            }
            let path = try folder.publish(relative) {
                try CorrectionWorkbook(source: source, month: result.month, entries: entries).write(to: $0)
            }
            published.paths.append(path)
            published.outputs.append((path, (try? Fingerprint.sha256(path: path))?.digest ?? ""))
        }
        return published
    }
}
