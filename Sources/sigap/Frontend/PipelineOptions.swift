import ArgumentParser
import SIGAPDomain
import SIGAPPipeline
import SIGAPPostgres

/// The options `run`, `close` and `status` share (SPEC §9: the command line overrides the
/// definition's inbox, out, store and through month).
struct PipelineOptions: ParsableArguments {
    @Option(help: "The pipeline definition (YAML).")
    var pipeline = "pipelines/sigap-bekasi.yaml"

    @Option(help: "The inbox folder (default: the definition's).")
    var inbox: String?

    @Option(help: "The output folder (default: the definition's).")
    var out: String?

    @Option(
        help:
            "The store: a SQLite file, or a PostgreSQL URL postgresql://USER@HOST:PORT/DB (password in PGPASSWORD or ~/.pgpass) (default: the definition's)."
    )
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
        if let store, PostgresStoreURL.names(store) {
            do { _ = try PostgresStoreURL(store) } catch { throw ValidationError("--store: \(error)") }
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

    /// The PostgreSQL store the command is given (`--store` or the definition's `paths.store`),
    /// nil for a SQLite file; a URL that cannot be used is a usage error (64).
    func postgresURL(_ definition: PipelineDefinition) throws -> PostgresStoreURL? {
        let location = storePath(definition)
        guard PostgresStoreURL.names(location) else { return nil }
        do {
            return try PostgresStoreURL(location)
        } catch {
            reportError("the store \(location.split(separator: "@").last ?? ""): \(error)")
            throw ExitStatus.usage
        }
    }

    /// Takes the pipeline's lock, or exits 75 at once: a file lock beside a SQLite store
    /// (`creating: false`: see `StoreLock`), an advisory lock in a PostgreSQL database.
    func lock(_ definition: PipelineDefinition, creating: Bool = true) throws -> any RunLock {
        do {
            if let url = try postgresURL(definition) {
                guard let lock = try PostgresRunLock(url: url, programme: definition.programme, region: definition.region) else {
                    reportError(
                        "another sigap run of \(definition.programme) \(definition.region) holds its lock in \(url.place); nothing done")
                    throw ExitStatus.locked
                }
                return lock
            }
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
    func openStore(_ definition: PipelineDefinition, mode: SQLiteLedgerStore.OpenMode) throws -> any LedgerStore {
        do {
            if let url = try postgresURL(definition) {
                return try PostgresLedgerStore(url: url, programme: definition.programme, region: definition.region, mode: mode)
            }
            return try SQLiteLedgerStore(path: storePath(definition), mode: mode)
        } catch let error as StoreError {
            reportError("\(error)")
            throw ExitStatus.of(error)
        } catch let error as ExitCode {
            throw error
        } catch {
            reportError("\(error)")
            throw ExitStatus.cannotWrite
        }
    }

    /// Whether the store holds a month of this pipeline (nothing is created).
    func storeHoldsMonths(_ definition: PipelineDefinition) throws -> Bool {
        if let url = try postgresURL(definition) {
            return try PostgresLedgerStore.holdsMonths(url, programme: definition.programme, region: definition.region)
        }
        return try SQLiteLedgerStore.holdsMonths(storePath(definition))
    }

    /// The store as messages name it (a URL without its password).
    func storeName(_ definition: PipelineDefinition) -> String {
        let location = storePath(definition)
        guard PostgresStoreURL.names(location) else { return location }
        // Without reporting anything (`postgresURL` does), and never the URL as given (a password).
        return (try? PostgresStoreURL(location))?.description ?? "postgresql://…"
    }
}
