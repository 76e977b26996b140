import Foundation
import SIGAPDomain
import XLSX

/// `<out>/runs/<run-id>.json` (SPEC §11): run id, tool version, pipeline, reference-data version,
/// every input with SHA-256, size, rows and outcome, every output with SHA-256, timings and the
/// exit code. Written even when the run fails.
struct RunManifest {
    var runID: String
    var options: RunOptions
    var inputs: [(file: Inbox.File, rows: Int, outcome: String)] = []
    var outputs: [(path: String, sha256: String)] = []
    var notes: [String] = []
    /// Each stage's counts, time and memory (`StageMeter`), as JSON objects.
    var stages: [String] = []
    /// What the run did with each month: `computed` (with why), `reused` or `settled`.
    var months: [(month: YearMonth, action: String, because: [String])] = []
    /// The inputs' digests, hashed once by the run.
    var digests: [String: InboxDigests.Digest] = [:]
    var problems: [String] = []
    /// Roster files parsed this run, and read back from their staged extraction.
    var rosterFiles = (parsed: 0, replayed: 0)
    /// Rosters carried forward from the validated rows an earlier month of the run put aside.
    var keptRostersUsed = 0
    var exitCode = 0
    var finishedAt = 0

    init(runID: String, options: RunOptions) {
        self.runID = runID
        self.options = options
    }

    /// Inputs with their fingerprints, for the store (each file hashed once).
    private var fingerprinted: [RunRecord.Input]?

    mutating func fingerprintInputs() -> [RunRecord.Input] {
        if let fingerprinted, fingerprinted.count == inputs.count { return fingerprinted }
        let computed = computeRunInputs()
        fingerprinted = computed
        return computed
    }

    var runInputs: [RunRecord.Input] { fingerprinted ?? computeRunInputs() }

    private func computeRunInputs() -> [RunRecord.Input] {
        inputs.map { input in
            let print =
                digests[input.file.name].map { (digest: $0.sha256, size: $0.size) } ?? (try? Fingerprint.sha256(path: input.file.path))
                ?? (digest: "", size: 0)
            return RunRecord.Input(name: input.file.name, sha256: print.digest, size: print.size, rows: input.rows, outcome: input.outcome)
        }
    }

    var json: String {
        func string(_ text: String) -> String { JSON.string(text) }
        let definitionDigest = (try? Fingerprint.sha256(path: options.definitionPath))?.digest ?? ""
        let inputLines = runInputs.map { input in
            "    {\"file\": \(string(input.name)), \"sha256\": \(string(input.sha256)), \"size\": \(input.size), \"rows\": \(input.rows), \"outcome\": \(string(input.outcome))}"
        }
        let outputLines = outputs.map { "    {\"file\": \(string($0.path)), \"sha256\": \(string($0.sha256))}" }
        func list(_ items: [String]) -> String { items.isEmpty ? "[]" : "[\n" + items.joined(separator: ",\n") + "\n  ]" }
        let fields = [
            "\"run_id\": \(string(runID))",
            "\"tool_version\": \(string(options.toolVersion))",
            "\"pipeline\": {\"file\": \(string(options.definitionPath)), \"sha256\": \(string(definitionDigest)), \"programme\": \(string(options.definition.programme))}",
            "\"reference_data\": \(string(Wilayah3275.version))",
            "\"through\": \(string(options.through.description))",
            "\"dry_run\": \(options.dryRun)",
            "\"started_at\": \(string(PipelineRun.timestamp(options.now)))",
            "\"finished_at\": \(string(PipelineRun.timestamp(finishedAt)))",
            "\"duration_seconds\": \(max(0, finishedAt - options.now))",
            "\"exit_code\": \(exitCode)",
            "\"inputs\": \(list(inputLines))",
            "\"outputs\": \(list(outputLines))",
            "\"months\": \(list(months.map { "    {\"month\": \(string($0.month.description)), \"action\": \(string($0.action)), \"because\": [\($0.because.map(string).joined(separator: ", "))]}" }))",
            "\"stages\": \(list(stages.map { "    " + $0 }))",
            "\"roster_files\": {\"parsed\": \(rosterFiles.parsed), \"replayed\": \(rosterFiles.replayed)}",
            "\"rosters_carried_from_kept_rows\": \(keptRostersUsed)",
            "\"notes\": \(list(notes.map { "    " + string($0) }))",
            "\"problems\": \(list(problems.map { "    " + string($0) }))",
        ]
        return "{\n  " + fields.joined(separator: ",\n  ") + "\n}\n"
    }
}
