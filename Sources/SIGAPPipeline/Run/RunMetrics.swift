import Foundation
import SIGAPDomain

/// Prometheus text metrics for node_exporter's textfile collector (SPEC §11), written atomically:
/// to a temporary name that does not end in `.prom`, then renamed. No NIK or phone in any label.
public struct RunMetrics: Sendable {
    public var runAt: Int
    public var lastSuccessAt: Int?
    public var exitCode: Int32
    public var durationSeconds: Double
    public var rowsRead: [String: Int] = [:]
    public var findings: [FindingCode: (severity: Severity, count: Int)] = [:]
    public var summaries: [YearMonth: MonthSummary] = [:]

    public init(runAt: Int, lastSuccessAt: Int?, exitCode: Int32, durationSeconds: Double) {
        self.runAt = runAt
        self.lastSuccessAt = lastSuccessAt
        self.exitCode = exitCode
        self.durationSeconds = durationSeconds
    }

    public var text: String {
        var lines: [String] = []
        func metric(_ name: String, _ help: String, _ samples: [(labels: String, value: String)]) {
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) gauge")
            for sample in samples { lines.append("\(name)\(sample.labels) \(sample.value)") }
        }
        metric("sigap_last_run_timestamp_seconds", "Unix time the last run started.", [("", "\(runAt)")])
        if let lastSuccessAt {
            metric("sigap_last_success_timestamp_seconds", "Unix time of the last run that exited 0.", [("", "\(lastSuccessAt)")])
        }
        metric("sigap_run_exit_code", "Exit code of the last run.", [("", "\(exitCode)")])
        metric("sigap_run_duration_seconds", "Duration of the last run.", [("", String(format: "%.3f", durationSeconds))])
        metric(
            "sigap_rows_read_total", "Rows read by the last run from the files of each source (BPJS: acknowledgements).",
            rowsRead.keys.sorted().map { ("{source=\"\($0)\"}", "\(rowsRead[$0]!)") })
        metric(
            "sigap_findings", "Findings of the through month by code and severity.",
            findings.keys.sorted { $0.rawValue < $1.rawValue }.map {
                ("{code=\"\($0.rawValue)\",severity=\"\(findings[$0]!.severity.rawValue)\"}", "\(findings[$0]!.count)")
            })
        var workers: [(String, String)] = []
        var premiums: [(String, String)] = []
        for month in summaries.keys.sorted() {
            let summary = summaries[month]!
            for (status, count) in [
                ("covered", summary.covered), ("rejected", summary.rejected), ("pending", summary.pending),
                ("unexpected", summary.unexpected),
            ] {
                workers.append(("{month=\"\(month)\",status=\"\(status)\"}", "\(count)"))
            }
            premiums.append(("{month=\"\(month)\"}", "\(summary.premiumDue)"))
        }
        metric("sigap_workers", "Workers by month and status as of the last run.", workers)
        metric("sigap_premium_due_rupiah", "Premium due by month (integer rupiah) as of the last run.", premiums)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes `path` atomically (a temporary `path.tmp-PID` in the same folder, then rename).
    public func write(to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        try OutputFolder(root: folder.isEmpty ? "." : folder).write(text, to: name)
    }
}

extension RunMetrics {
    /// Checks, before a run does anything, that the metrics file can be written: its folder exists
    /// or can be created, and a temporary file can be created there (then removed). A run that
    /// could not report its metrics stops at once (exit 73) rather than publish outputs and a
    /// manifest that says it succeeded.
    public static func checkWritable(_ path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let root = folder.isEmpty ? "." : folder
        let name = (path as NSString).lastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: root, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw OutputError(path: path, reason: "is a folder")
        }
        let probe = "\(root)/.\(name).tmp-\(ProcessInfo.processInfo.processIdentifier)"
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw OutputError(path: path, reason: String(cString: strerror(errno))) }
        close(descriptor)
        unlink(probe)
    }

    /// The `sigap_last_success_timestamp_seconds` of an existing metrics file.
    public static func lastSuccess(in path: String) -> Int? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("sigap_last_success_timestamp_seconds ") {
            return Int(line.split(separator: " ").last ?? "")
        }
        return nil
    }
}
