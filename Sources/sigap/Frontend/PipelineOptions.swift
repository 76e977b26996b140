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
        if let through {
            guard let month = YearMonth(through) else {
                throw ValidationError("--through must be a month written YYYY-MM, not '\(through)'")
            }
            // SPEC §3: at most 12 months ahead (a typo such as 9999-12 would compute thousands of months).
            let current = JakartaClock.currentMonth()
            if current.months(to: month) > Self.monthsAhead {
                throw ValidationError(
                    "--through \(through) is more than \(Self.monthsAhead) months after the current month \(current)")
            }
        }
        if RunLog.Format(rawValue: logFormat) == nil { throw ValidationError("--log-format must be text or json") }
        if let store, store.hasPrefix("postgresql://") || store.hasPrefix("postgres://") {
            throw ValidationError("--store: the PostgreSQL store is not available yet; give a SQLite file path")
        }
    }

    /// SPEC §11: a ledger command given an option it does not use is a usage error (64), not an
    /// option silently ignored. `uses` names the options of `inbox`, `out`, `store`, `through`
    /// that `command` takes (`--pipeline` and `--log-format` every one takes).
    func refuseUnused(by command: String, uses: Set<String>) throws {
        let given: [(String, Bool)] = [
            ("--inbox", inbox != nil), ("--out", out != nil), ("--store", store != nil), ("--through", through != nil),
        ]
        for (option, isGiven) in given where isGiven && !uses.contains(option) {
            throw ValidationError("\(command) does not use \(option): leave it out")
        }
    }

    /// How far after the current month `--through` may reach (SPEC §3).
    static let monthsAhead = 12

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
            StandardStreams.writeError("error: \(RunLog.oneLine(message))")
        }
    }

    /// A problem that decided a run's non-zero exit, repeated at its end: `problem: …`, or a JSON
    /// log line.
    func reportProblem(_ problem: String) {
        if RunLog.Format(rawValue: logFormat) == .json {
            makeLog().warning("problem: \(problem)")
        } else {
            StandardStreams.writeError("problem: \(RunLog.oneLine(problem))")
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

    /// Takes the store's lock, or exits 75 at once (`creating: false`: see `StoreLock`).
    func lock(_ definition: PipelineDefinition, creating: Bool = true) throws -> StoreLock {
        do {
            guard let lock = try StoreLock(store: storePath(definition), creating: creating) else {
                reportError("another sigap run holds the lock on \(storePath(definition)); nothing done")
                throw ExitStatus.locked
            }
            return lock
        } catch let error as StoreError {
            reportError("\(error)")
            throw ExitStatus.of(error)
        }
    }

    /// The store, opened as the command may (SPEC §11: only `run` creates one; `--dry-run`
    /// changes nothing on disk; every other command needs an existing store, else exit 66).
    func openStore(_ definition: PipelineDefinition, mode: SQLiteLedgerStore.OpenMode) throws -> SQLiteLedgerStore {
        do {
            return try SQLiteLedgerStore(path: storePath(definition), mode: mode)
        } catch let error as StoreError {
            reportError("\(error)")
            throw ExitStatus.of(error)
        } catch {
            reportError("\(error)")
            throw ExitStatus.cannotWrite
        }
    }
}
