import Foundation
import SIGAPDomain
import SIGAPPipeline
import SIGAPTestSupport
import Testing

@testable import SIGAPPostgres

/// The read path for a month's lines (`PostgresRowCursor.packedColumns`, `forEachPackedRow`):
/// every value comes back as stored, rows in order across the batches the two threads pass, and a
/// read that stops early (the caller's error, a connection the server ends) leaves no one waiting.
@Suite("PostgreSQL packed rows", .serialized)
struct PackedRowsTests {
    /// The process's server; a test fails (never passes silently) when it cannot start.
    static func server() throws -> PostgresTestServer {
        guard let server = PostgresTestServer.shared else {
            Issue.record("no PostgreSQL server for the tests: \(PostgresTestServer.startProblem)")
            throw PostgresTestServer.Unavailable()
        }
        return server
    }

    static func store() throws -> (PostgresLedgerStore, PostgresTestServer, String) {
        let server = try server()
        let database = try server.makeDatabase()
        let url = try PostgresStoreURL(server.socketURL(database), environment: [:])
        return (try PostgresLedgerStore(url: url, programme: "SIGAP", region: "3275"), server, database)
    }

    @Test("the session reads UTF-8 text and plans no parallel scans, whatever the database's own settings say")
    func sessionSettings() throws {
        let server = try Self.server()
        let database = try server.makeDatabase()
        try server.psql(
            database,
            "ALTER DATABASE \(database) SET client_encoding = 'LATIN1'; ALTER DATABASE \(database) SET max_parallel_workers_per_gather = 4")
        let url = try PostgresStoreURL(server.socketURL(database), environment: [:])
        let store = try PostgresLedgerStore(url: url, programme: "SIGAP", region: "3275")
        defer { store.close() }
        #expect(try store.session.text("SHOW client_encoding") == "UTF8")
        #expect(try store.session.text("SHOW max_parallel_workers_per_gather") == "0")
        #expect(try store.session.text("SHOW jit") == "off")
        var name = ""
        try store.each("SELECT \(PostgresRowCursor.packedColumns(["'Siti Nurhaliza ’Ñ'"]))", packed: true) { name = $0.text(0) }
        #expect(name == "Siti Nurhaliza ’Ñ")
    }

    @Test("every value comes back as it was stored: NULL apart from empty text, separators, control characters, non-ASCII")
    func values() throws {
        let (store, _, _) = try Self.store()
        defer { store.close() }
        let texts: [String?] = [nil, "", ",", "0,", "a\tb\nc\rd", "back\\slash", "\u{1}\u{1f}", "ÿ", "Siti Nurhaliza ’Ñ", "😀", "1,2,3,"]
        let values = texts.enumerated().map { index, text in
            "(\(index), \(text.map { "'\($0.replacingOccurrences(of: "'", with: "''"))'" } ?? "NULL"))"
        }.joined(separator: ", ")
        var read: [String?] = []
        var numbers: [Int] = []
        try store.each(
            "SELECT \(PostgresRowCursor.packedColumns(["n::text", "t", "NULL::text", "''"])) FROM (VALUES \(values)) v(n, t) ORDER BY n",
            packed: true
        ) { row in
            numbers.append(row.integer(0))
            read.append(row.isNull(1) ? nil : row.text(1))
            #expect(row.isNull(2) && !row.isNull(3) && row.text(3) == "")
        }
        #expect(numbers == Array(texts.indices))
        #expect(read == texts)
    }

    @Test("many rows come in order across batches, each with its own values")
    func manyRows() throws {
        let (store, _, _) = try Self.store()
        defer { store.close() }
        var expected = 1
        try store.each(
            "SELECT \(PostgresRowCursor.packedColumns(["n::text", "repeat('x', n % 300)", "CASE WHEN n % 7 = 0 THEN NULL ELSE 'v' || n END"])) FROM generate_series(1, 50000) n ORDER BY n",
            packed: true
        ) { row in
            #expect(row.integer(0) == expected)
            #expect(row.utf8(1).count == expected % 300)
            #expect(row.isNull(2) == (expected % 7 == 0))
            if expected % 7 != 0 { #expect(row.text(2) == "v\(expected)") }
            expected += 1
        }
        #expect(expected == 50001)
    }

    @Test("a read the caller stops with an error ends at once, and the connection answers the next request")
    func callerStops() throws {
        let (store, _, _) = try Self.store()
        defer { store.close() }
        struct Enough: Error {}
        var seen = 0
        #expect(throws: Enough.self) {
            try store.each("SELECT \(PostgresRowCursor.packedColumns(["n::text"])) FROM generate_series(1, 300000) n", packed: true) { _ in
                seen += 1
                if seen == 5000 { throw Enough() }
            }
        }
        #expect(seen == 5000)
        #expect(try store.session.integer("SELECT 41 + 1") == 42)
    }

    @Test("a connection the server ends in the middle of a read is a lost connection (exit 73), not a wait without end")
    func serverEndsSession() throws {
        let (store, server, database) = try Self.store()
        defer { store.close() }
        let pid = try #require(try store.session.integer("SELECT pg_backend_pid()"))
        var seen = 0
        let started = Date()
        do {
            try store.each(
                "SELECT \(PostgresRowCursor.packedColumns(["n::text", "repeat('y', 100)"])) FROM generate_series(1, 20000000) n",
                packed: true
            ) { _ in
                seen += 1
                if seen == 3000 { try server.psql(database, "SELECT pg_terminate_backend(\(pid))") }
            }
            Issue.record("the read ended without an error after \(seen) rows")
        } catch let error as StoreError {
            #expect(error.code == .cannotWrite, "\(error)")
            #expect(error.message.contains("lost"), "\(error)")
        }
        #expect(seen < 20_000_000)
        #expect(Date().timeIntervalSince(started) < 60)
    }

    @Test("two months' lines read side by side (the second through the second connection) are each month's lines, in ledger order")
    func linesSideBySide() throws {
        let (store, _, _) = try Self.store()
        defer { store.close() }
        let november = YearMonth("2025-11")!
        let december = november.next
        // More than one batch of rows, with text that is not ASCII; December has fewer workers.
        func ledger(_ month: YearMonth, workers: Int) -> String {
            var text = LedgerCSV.header.joined(separator: ",") + "\n"
            for index in 0..<workers {
                text += "\(month),REGULAR,\(month),32750101010\(100_000 + index),SITI ÅSA \(index),DISHUB,DISHUB,32.75.01,"
                text += "Bekasi Timur,Margahayu,\"OJEK, DARING\",10000109005,COVERED,,,16800,\n"
            }
            return text
        }
        let ledgers = [november: ledger(november, workers: 12_000), december: ledger(december, workers: 11_000)]
        let summary = "{" + SQLiteSchema.totals.map { "\"\($0)\": 0" }.joined(separator: ", ") + "}"
        try store.save(
            run: RunRecord(
                id: "r1", startedAt: "2025-12-01T00:00:00Z", finishedAt: "2025-12-01T00:01:00Z", throughMonth: "2025-12",
                exitCode: 0, toolVersion: "test", pipeline: "pipelines/sigap-bekasi.yaml", inputs: []),
            months: [november, december].map { month in
                StoredMonth(
                    month: month, closed: false, closedAt: nil, runID: "r1", ledgerCSV: ledgers[month]!, summaryJSON: summary,
                    findingsCSV: FindingsCSV.render([]))
            })
        let each = try store.ledgerLines(ofEach: [december, november])
        #expect(each.map(\.count) == [11_000, 12_000])
        #expect(LedgerCSV.render(each[0]) == ledgers[december])
        #expect(LedgerCSV.render(each[1]) == ledgers[november])
        #expect(each[1] == (try store.ledgerLines(of: november, entry: nil)))
        // A month the store does not hold has no lines, on either connection.
        #expect(try store.ledgerLines(ofEach: [november, YearMonth("2026-05")!]).map(\.count) == [12_000, 0])
        #expect(try store.ledgerLines(ofEach: [YearMonth("2026-05")!, november]).map(\.count) == [0, 12_000])
    }
}
