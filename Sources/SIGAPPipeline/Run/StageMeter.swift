import SIGAPDomain
import XLSX

/// Measures each stage a run goes through (extract, dedupe, reconcile, adjust, summarise,
/// publish): how many items it handled, how long it took, and the process's resident memory at its
/// end and at its highest so far. Each stage is logged as it ends and listed in the manifest.
final class StageMeter {
    struct Record: Sendable {
        var stage: String
        var month: YearMonth?
        /// What the stage counts: rows read, workers, lines, files.
        var items: Int
        var seconds: Double
        /// Resident memory at the stage's end, and the process's peak up to then (MB).
        var residentMB: Int?
        var peakMB: Int?
    }

    private(set) var records: [Record] = []
    private let log: RunLog
    private let clock = ContinuousClock()

    init(log: RunLog) {
        self.log = log
    }

    /// Records a stage that ran from `start` until now.
    func record(_ stage: String, month: YearMonth? = nil, items: Int, since start: ContinuousClock.Instant) {
        record(stage, month: month, items: items, took: clock.now - start)
    }

    /// Records a stage that took `elapsed` (one that ran on another thread, ended by now).
    func record(_ stage: String, month: YearMonth? = nil, items: Int, took elapsed: Duration) {
        let memory = ProcessMemory.residentMegabytes()
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        records.append(Record(stage: stage, month: month, items: items, seconds: seconds, residentMB: memory?.now, peakMB: memory?.peak))
        let figures = memory.map { ", RSS \($0.now) MB, peak \($0.peak) MB" } ?? ""
        log.info("\(month.map { "month \($0): " } ?? "")\(stage) (\(items)) in \(PipelineRun.seconds(elapsed)) s\(figures)")
    }

    var now: ContinuousClock.Instant { clock.now }

    /// The records as the manifest's `stages` list.
    var json: [String] {
        records.map { record in
            var fields = ["\"stage\": \(JSON.string(record.stage))"]
            if let month = record.month { fields.append("\"month\": \(JSON.string(month.description))") }
            fields.append("\"items\": \(record.items)")
            let milliseconds = Int((record.seconds * 1000).rounded())
            fields.append("\"seconds\": \(milliseconds / 1000).\(String(milliseconds % 1000 + 1000).dropFirst())")
            if let resident = record.residentMB { fields.append("\"rss_mb\": \(resident)") }
            if let peak = record.peakMB { fields.append("\"peak_rss_mb\": \(peak)") }
            return "{" + fields.joined(separator: ", ") + "}"
        }
    }
}
