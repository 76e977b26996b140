import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import SIGAPPipeline

/// One connection to the team store, used from ordinary (blocking) code: the store's protocol is
/// synchronous, as the embedded store's is. Each call waits for postgres-nio's future on the
/// calling thread, which must not be one of Swift's concurrency threads (the command line's main
/// thread and the pipeline's own threads are not). Rows are handed over one at a time as they
/// arrive, never collected whole; COPY data is streamed in blocks.
///
/// Errors come out as `StoreError`: connection problems `cannotWrite` (exit 73) naming the host
/// and database and the server's reason; the password never appears.
final class PostgresSession: @unchecked Sendable {
    let url: PostgresStoreURL
    private let group: MultiThreadedEventLoopGroup
    private let connection: PostgresConnection
    private let logger: Logger
    private var closed = false
    /// How many `transaction` calls are under way (one inside another joins the outer one).
    private var transactionDepth = 0

    /// Connects (exit 73 with host, database and cause when the server is down, the password
    /// wrong or the database missing).
    init(_ url: PostgresStoreURL, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.url = url
        var logger = Logger(label: "sigap.postgres")
        logger.logLevel = .critical
        self.logger = logger
        let password = url.password(environment: environment)
        var configuration =
            url.isSocket
            ? PostgresConnection.Configuration(
                unixSocketPath: url.socketPath, username: url.user, password: password, database: url.database)
            : PostgresConnection.Configuration(
                host: url.host, port: url.port, username: url.user, password: password, database: url.database, tls: .disable)
        configuration.options.connectTimeout = .seconds(10)
        // Text goes both ways as UTF-8 whatever the role's or database's settings say. No parallel
        // plans: sigap reads a month's rows by their key, in order, and a parallel plan scans the
        // whole table and sorts the month's rows (on disk) before the first is sent, on the same
        // two cores the run needs (a million-line month of a year's store: 2.0 s against 0.45 s).
        // No JIT: compiling costs more than these short expressions save.
        configuration.options.additionalStartupParameters = [
            ("client_encoding", "UTF8"), ("max_parallel_workers_per_gather", "0"), ("jit", "off"),
        ]
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            connection = try PostgresConnection.connect(
                on: group.next(), configuration: configuration, id: 1, logger: logger
            ).wait()
        } catch {
            try? group.syncShutdownGracefully()
            throw Self.connectionError(error, url: url, passwordGiven: password != nil)
        }
    }

    deinit {
        close()
    }

    /// Closes the connection (a lock it holds is released with it); later calls are errors.
    func close() {
        guard !closed else { return }
        closed = true
        try? connection.close().wait()
        try? group.syncShutdownGracefully()
    }

    /// A value bound to a query parameter.
    enum Value {
        case text(String?)
        case integer(Int64?)
        case bytes([UInt8])
    }

    /// Runs statements with no parameters, one after another (DDL, a migration): postgres-nio
    /// sends one statement per request, so the script is split at the semicolons that end its
    /// statements (not those inside quotes or `$$` function bodies).
    func script(_ sql: String) throws {
        for statement in Self.statements(of: sql) { try execute(statement) }
    }

    /// The statements of a script.
    static func statements(of sql: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var inQuote = false
        var inBody = false
        var previous: Character = " "
        for character in sql {
            current.append(character)
            if character == "'" && !inBody { inQuote.toggle() }
            if character == "$" && previous == "$" && !inQuote { inBody.toggle() }
            if character == ";" && !inQuote && !inBody {
                let statement = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if statement != ";" { statements.append(statement) }
                current = ""
            }
            previous = character == "$" && previous == "$" ? " " : character
        }
        let rest = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { statements.append(rest) }
        return statements
    }

    /// Runs one statement with parameters `$1`, `$2`, …; returns the number of rows it changed.
    @discardableResult
    func execute(_ sql: String, _ values: [Value] = []) throws -> Int {
        try run(sql) {
            try answer(connection.query(Self.query(sql, values), logger: logger)).metadata.rows ?? 0
        }
    }

    /// Runs a query, handing each row to `body` as it arrives (on the connection's thread, while
    /// this thread waits).
    func forEachRow(_ sql: String, _ values: [Value] = [], _ body: (PostgresRow) throws -> Void) throws {
        try withoutActuallyEscaping(body) { body in
            // postgres-nio keeps its row callback a while after the query ends: it holds the box,
            // which lets go of `body` before this call returns.
            let box = UncheckedBox<((PostgresRow) throws -> Void)?>(body)
            defer { box.value = nil }
            try run(sql) {
                _ = try answer(connection.query(Self.query(sql, values), logger: logger) { row in try box.value?(row) })
            }
        }
    }

    /// Runs a query whose select list is one packed value (`PostgresRowCursor.packedColumns`),
    /// handing each row's bytes to `body` on this thread, while the connection's thread receives
    /// the next rows (`PackedRowHandoff`): for the queries that read a million rows back.
    func forEachPackedRow(_ sql: String, _ values: [Value] = [], _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        try run(sql) {
            let handoff = PackedRowHandoff()
            defer { handoff.cancel() }
            let future = connection.query(try Self.query(sql, values), logger: logger) { row in handoff.receive(row.first?.bytes) }
            let outcome = UncheckedBox<Result<PostgresQueryMetadata, any Error>?>(nil)
            future.whenComplete { result in
                outcome.value = result
                handoff.finish()
            }
            let stillThere = lostAfterASecondClosed()
            while let batch = try handoff.next(stillThere: stillThere) {
                do {
                    try batch.forEachRow(body)
                } catch {
                    // The caller's own error, as it threw it (the rest of the rows are dropped as
                    // they come; the connection's next request waits for them to end).
                    throw CallerError(error: error)
                }
            }
            guard let result = outcome.value else { throw connectionLost() }
            _ = try result.get()
        }
    }

    /// An error thrown by the code a request handed rows to: `run` passes it on unchanged.
    private struct CallerError: Error {
        var error: any Error
    }

    /// Every row of a query (for small results).
    func rows(_ sql: String, _ values: [Value] = []) throws -> [PostgresRow] {
        try run(sql) { try answer(connection.query(Self.query(sql, values), logger: logger)).rows }
    }

    /// The first column of the first row, as text (nil when there is no row or it is NULL).
    func text(_ sql: String, _ values: [Value] = []) throws -> String? {
        try rows(sql, values).first.flatMap { try $0.makeRandomAccess()[0].decode(String?.self) }
    }

    /// The first column of the first row, as an integer.
    func integer(_ sql: String, _ values: [Value] = []) throws -> Int64? {
        try rows(sql, values).first.flatMap { try $0.makeRandomAccess()[0].decode(Int64?.self) }
    }

    /// `body` inside one transaction: committed when it returns, rolled back when it throws (or
    /// the connection drops: the server rolls back what it never saw committed).
    /// A transaction begun inside another is part of it: only the outermost commits or rolls back.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        guard transactionDepth == 0 else {
            transactionDepth += 1
            defer { transactionDepth -= 1 }
            return try body()
        }
        try execute("BEGIN")
        transactionDepth = 1
        defer { transactionDepth = 0 }
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            // Over a lost connection there is nothing to roll back: the server has done it.
            if !lostConnection { _ = try? execute("ROLLBACK") }
            throw error
        }
    }

    /// Set once the connection is found lost: later requests fail at once.
    private var lostConnection = false

    /// What a request's future gives, waiting on this thread; a connection that closes while it
    /// waits (the server ended the session: its answer may never come) is a lost connection after a
    /// second, not a wait without end.
    private func answer<T>(_ future: EventLoopFuture<T>) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let outcome = UncheckedBox<Result<T, any Error>?>(nil)
        future.whenComplete { result in
            outcome.value = result
            done.signal()
        }
        let stillThere = lostAfterASecondClosed()
        while done.wait(timeout: .now() + .milliseconds(100)) == .timedOut { try stillThere() }
        guard let result = outcome.value else { throw connectionLost() }
        return try result.get()
    }

    /// `COPY table (columns) FROM STDIN` in text format, of the rows in `rows`, sent in blocks of
    /// about 1 MiB.
    func copy(into table: String, columns: [String], _ rows: CopyText) throws {
        guard rows.rows > 0 else { return }
        let connection = connection
        let logger = logger
        let spool = rows.spool
        try run("COPY \(table)") {
            // A COPY begun on a connection the server has just ended may never answer: it is not
            // begun then, and waiting for one stops when the connection is gone.
            guard !connection.isClosed else { throw connectionLost() }
            try blocking {
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    var reader = ByteSpool.Reader(spool)
                    while let chunk = reader.nextChunk() {
                        try await writer.write(ByteBuffer(bytes: chunk))
                    }
                }
            }
        }
    }

    /// Runs async work from a blocking thread and waits for it, or until the connection has been
    /// closed for a second (work that will never end: it is cancelled and left).
    private func blocking(_ work: @escaping @Sendable () async throws -> Void) throws {
        let done = DispatchSemaphore(value: 0)
        let outcome = UncheckedBox<Result<Void, any Error>>(.success(()))
        let task = Task.detached {
            do { try await work() } catch { outcome.value = .failure(error) }
            done.signal()
        }
        let stillThere = lostAfterASecondClosed()
        while done.wait(timeout: .now() + .milliseconds(100)) == .timedOut {
            do { try stillThere() } catch {
                task.cancel()
                throw error
            }
        }
        try outcome.value.get()
    }

    private static func query(_ sql: String, _ values: [Value]) throws -> PostgresQuery {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .text(let text): bindings.append(text)
            case .integer(let integer): bindings.append(integer)
            case .bytes(let bytes): bindings.append(ByteBuffer(bytes: bytes))
            }
        }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    /// Runs a request; a failure becomes a `StoreError` saying what the server said.
    @discardableResult
    private func run<T>(_ what: String, _ body: () throws -> T) throws -> T {
        guard !closed else { throw StoreError("the connection to \(url.place) is closed") }
        guard !lostConnection else { throw Self.lost(url) }
        do {
            return try body()
        } catch let error as CallerError {
            throw error.error
        } catch let error as StoreError {
            throw error
        } catch let error as PSQLError {
            throw Self.isLost(error) ? connectionLost() : Self.requestError(error, url: url)
        } catch {
            throw StoreError("cannot use the store (\(url.place)): \(error)")
        }
    }

    /// Whether a request failed because the connection is gone: closed, broken, or ended by the
    /// server (57P01-57P03: shutting down or this session ended; 08: the connection broke).
    static func isLost(_ error: PSQLError) -> Bool {
        let state = error.serverInfo?[.sqlState] ?? ""
        return error.code == .serverClosedConnection || error.code == .connectionError || error.code == .uncleanShutdown
            || error.code == .clientClosedConnection || state.hasPrefix("57P") || state.hasPrefix("08")
    }

    /// The check a wait makes every 100 ms: once the connection has been closed for a second (ten
    /// checks in a row), the wait is over and the connection lost.
    private func lostAfterASecondClosed() -> () throws -> Void {
        var closedFor = 0
        return { [self] in
            closedFor = connection.isClosed ? closedFor + 1 : 0
            if closedFor >= 10 { throw connectionLost() }
        }
    }

    /// The connection found lost: every later request fails at once, and nothing is rolled back.
    private func connectionLost() -> StoreError {
        lostConnection = true
        return Self.lost(url)
    }

    /// A server's answer to a request that the connection survived: a closed month's trigger
    /// (SPEC §16) is a refusal of the books' rules; anything else the store failing (exit 73).
    static func requestError(_ error: PSQLError, url: PostgresStoreURL) -> StoreError {
        let message = error.serverInfo?[.message] ?? ""
        if message.hasPrefix("sigap: ") {
            return StoreError.refused(String(message.dropFirst("sigap: ".count)))
        }
        let state = error.serverInfo?[.sqlState] ?? ""
        if error.code == .server {
            return StoreError("the store (\(url.place)) refused a request: \(message) (SQLSTATE \(state))")
        }
        return StoreError("the store (\(url.place)) failed: \(error.code)")
    }

    /// The connection went away in the middle of a request.
    static func lost(_ url: PostgresStoreURL) -> StoreError {
        StoreError(
            "the connection to the store (\(url.place)) was lost: nothing of this step was saved (the server rolls back what was not committed); run again"
        )
    }

    /// Why a connection could not be made, in words, naming host and database (exit 73).
    static func connectionError(_ error: any Error, url: PostgresStoreURL, passwordGiven: Bool) -> StoreError {
        var cause = "\(error)"
        if let error = error as? PSQLError {
            let state = error.serverInfo?[.sqlState]
            let message = error.serverInfo?[.message]
            switch state {
            case "28P01", "28000":
                cause =
                    passwordGiven
                    ? "the server refused user \(url.user): wrong password or no access (\(message ?? state!))"
                    : "the server refused user \(url.user) (\(message ?? state!)); give the password in PGPASSWORD or ~/.pgpass"
            case "3D000":
                cause = "the database \(url.database) does not exist: create it (createdb) or check the URL"
            case .some(let state):
                cause = "\(message ?? "the server said no") (SQLSTATE \(state))"
            case nil:
                if error.code == .authMechanismRequiresPassword {
                    cause = "the server asks user \(url.user) for a password: give it in PGPASSWORD or ~/.pgpass"
                } else if let underlying = error.underlying {
                    cause = "the server cannot be reached (\(Self.describe(underlying)))"
                } else {
                    cause = "the connection failed (\(error.code))"
                }
            }
        }
        return StoreError(.cannotWrite, "cannot connect to the store, \(url.place): \(cause)", store: url.description)
    }

    /// A network error in words (connection refused, no such socket, timed out).
    private static func describe(_ error: any Error) -> String {
        let text = "\(error)"
        if text.contains("Connection refused") { return "connection refused: is the server running and listening there?" }
        if text.contains("connectTimeout") { return "no answer within 10 seconds" }
        if let error = error as? IOError {
            return error.errnoCode == ENOENT
                ? "no server socket there: is the server running, and is the socket folder right?"
                : String(cString: strerror(error.errnoCode))
        }
        return text
    }
}

/// A value handed to postgres-nio's callbacks, which run on its thread while the caller waits:
/// never touched by two threads at once.
final class UncheckedBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
