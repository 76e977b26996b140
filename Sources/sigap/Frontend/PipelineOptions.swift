import ArgumentParser
import SIGAPDomain
import SIGAPPipeline

/// The options `run`, `close` and `status` share (SPEC §9: the command line overrides the
/// definition's inbox, out, store and through month).
struct PipelineOptions: ParsableArguments {
    @Option(help: "The pipeline definition (YAML).")
    var pipeline = "pipelines/sigap-bekasi.yaml"

    @Option(help: "The inbox folder (default: the definition's).")
    var inbox: String?

    @Option(help: "The output folder (default: the definition's).")
    var out: String?

    @Option(help: "The SQLite store file (default: the definition's).")
    var store: String?

    @Option(help: "The last month to process, YYYY-MM (default: the current month in Asia/Jakarta).")
    var through: String?

    @Option(name: .customLong("log-format"), help: "Log lines as text or json.")
    var logFormat: String = "text"

    func validate() throws {
        if let through, YearMonth(through) == nil {
            throw ValidationError("--through must be a month written YYYY-MM, not '\(through)'")
        }
        if RunLog.Format(rawValue: logFormat) == nil { throw ValidationError("--log-format must be text or json") }
        if let store, store.hasPrefix("postgresql://") || store.hasPrefix("postgres://") {
            throw ValidationError("--store: the PostgreSQL store is not available yet; give a SQLite file path")
        }
    }

    var throughMonth: YearMonth { through.flatMap(YearMonth.init) ?? JakartaClock.currentMonth() }

    func makeLog() -> RunLog {
        RunLog(format: RunLog.Format(rawValue: logFormat) ?? .text) { StandardStreams.writeError($0) }
    }

    /// An error that ends the command, on stderr: `error: …`, or a JSON log line with
    /// `--log-format json` (a log collector reading JSON lines must get the errors too).
    func reportError(_ message: String) {
        if RunLog.Format(rawValue: logFormat) == .json {
            makeLog().error(message)
        } else {
            StandardStreams.writeError("error: \(message)")
        }
    }

    /// A problem that decided a run's non-zero exit, repeated at its end: `problem: …`, or a JSON
    /// log line.
    func reportProblem(_ problem: String) {
        if RunLog.Format(rawValue: logFormat) == .json {
            makeLog().warning("problem: \(problem)")
        } else {
            StandardStreams.writeError("problem: \(problem)")
        }
    }

    /// Loads the definition; an invalid one exits 78 naming the key.
    func definition() throws -> PipelineDefinition {
        do {
            return try PipelineDefinition.load(path: pipeline)
        } catch let error as PipelineDefinitionError {
            reportError("invalid pipeline definition: \(error)")
            throw ExitStatus.invalidPipeline
        }
    }

    func storePath(_ definition: PipelineDefinition) -> String { store ?? definition.store }
    func outPath(_ definition: PipelineDefinition) -> String { out ?? definition.out }

    /// Takes the store's lock, or exits 75 at once.
    func lock(_ definition: PipelineDefinition) throws -> StoreLock {
        do {
            guard let lock = try StoreLock(store: storePath(definition)) else {
                reportError("another sigap run holds the lock on \(storePath(definition)); nothing done")
                throw ExitStatus.locked
            }
            return lock
        } catch let error as StoreError {
            reportError("\(error)")
            throw ExitStatus.of(error)
        }
    }

    /// The store; `changing: false` (a dry run) leaves it as it is on disk (see `SQLiteLedgerStore`).
    func openStore(_ definition: PipelineDefinition, changing: Bool = true) throws -> SQLiteLedgerStore {
        do {
            return try SQLiteLedgerStore(path: storePath(definition), changing: changing)
        } catch let error as StoreError {
            reportError("\(error)")
            throw ExitStatus.of(error)
        } catch {
            reportError("\(error)")
            throw ExitStatus.cannotWrite
        }
    }
}
