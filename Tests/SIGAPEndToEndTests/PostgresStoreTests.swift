import Foundation
import SIGAPTestSupport
import Testing
import XLSXTestSupport

/// The team store (SPEC §15, issue 14) against a real PostgreSQL server that the tests start
/// themselves (`PostgresTestServer`): the demo history gives the same files as on SQLite, the
/// views hold each pipeline's own books, a second run of one pipeline is refused while the first
/// holds its lock, and connection problems are exit 73 with words, never the password.
@Suite("PostgreSQL store end to end", .serialized)
struct PostgresStoreTests {
    /// The process's server; a test fails (never passes silently) when it cannot start.
    static func server() throws -> PostgresTestServer {
        guard let server = PostgresTestServer.shared else {
            Issue.record("no PostgreSQL server for the tests: \(PostgresTestServer.startProblem)")
            throw PostgresTestServer.Unavailable()
        }
        return server
    }

    static let published = ["ledger.csv", "summary.json", "findings.csv", "submission.csv"]

    /// The demo history (November run and closed, the later months arrive, run again) into `store`.
    static func demoHistory(_ workspace: RunWorkspace, store: String) throws {
        try workspace.arriveDemo(["2025-11"])
        let first = try workspace.sigap("run", ["--through", "2025-11"], overrides: ["--store": store])
        #expect(first.exitStatus == 0, "\(first)")
        let close = try workspace.sigap("close", ["2025-11", "--through", "2025-11"], overrides: ["--store": store])
        #expect(close.exitStatus == 0, "\(close)")
        try workspace.arriveDemo(["2025-12", "2026-01", "2026-02"])
        let second = try workspace.sigap("run", ["--through", "2026-02"], overrides: ["--store": store])
        #expect(second.exitStatus == 65, "\(second)")
    }

    @Test("the demo history gives byte-identical files on SQLite and on PostgreSQL; status, verify, explain agree")
    func sameFilesOnBothStores() throws {
        let server = try Self.server()
        let database = try server.makeDatabase()
        let url = server.socketURL(database)
        let sqlite = try RunWorkspace("pg-sqlite")
        let postgres = try RunWorkspace("pg")
        defer {
            sqlite.remove()
            postgres.remove()
        }
        try Self.demoHistory(sqlite, store: sqlite.store)
        try Self.demoHistory(postgres, store: url)
        for month in RunWorkspace.demoMonths {
            for name in Self.published {
                let expected = try sqlite.read("\(month)/\(name)")
                #expect(try postgres.read("\(month)/\(name)") == expected, "\(month)/\(name)")
            }
        }
        #expect(try postgres.read("2025-11/SEAL") == (try sqlite.read("2025-11/SEAL")))

        let status = try postgres.sigap("status", overrides: ["--store": url])
        let sqliteStatus = try sqlite.sigap("status")
        // The same lines but for the time each close was made.
        func withoutTimes(_ text: String) -> String {
            text.replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#, with: "(time)", options: .regularExpression)
        }
        #expect(status.exitStatus == 0 && withoutTimes(status.stdout) == withoutTimes(sqliteStatus.stdout), "\(status)")
        let verify = try postgres.sigap("verify", overrides: ["--store": url])
        #expect(verify.exitStatus == 0, "\(verify)")
        #expect(verify.stdout.contains("verified: 1 closed month (2025-11) agrees with its seal"))
        let firstLine = try #require(try sqlite.read("2025-12/ledger.csv").split(separator: "\n").dropFirst().first)
        let nik = try #require(firstLine.split(separator: ",").dropFirst(3).first)
        let explain = try postgres.sigap("explain", [String(nik)], overrides: ["--store": url])
        let sqliteExplain = try sqlite.sigap("explain", [String(nik)])
        #expect(explain.exitStatus == 0 && explain.stdout == sqliteExplain.stdout && !explain.stdout.isEmpty, "\(explain)")

        // The views give the published files: December's ledger line for line.
        let lines = try server.query(
            database, "SELECT count(*), sum(premium) FROM ledger_lines WHERE month = '2025-12' AND programme = 'SIGAP' AND region = '3275'")
        let ledger = try sqlite.read("2025-12/ledger.csv").split(separator: "\n").dropFirst()
        let premiums = ledger.map { Int($0.split(separator: ",", omittingEmptySubsequences: false)[15]) ?? 0 }.reduce(0, +)
        #expect(lines.trimmingCharacters(in: .whitespacesAndNewlines) == "\(ledger.count)|\(premiums)")
    }

    @Test("docs/store.md's example queries give on PostgreSQL what they give on SQLite")
    func documentedExamples() throws {
        let server = try Self.server()
        let database = try server.makeDatabase()
        let workspace = try RunWorkspace("pg-examples")
        defer { workspace.remove() }
        try Self.demoHistory(workspace, store: server.socketURL(database))
        let examples = try StoreViewsTests.examples()
        #expect(examples.count >= 8)
        for example in examples {
            let rows = try server.query(database, example.sql).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(rows.dropLast(rows.last == "" ? 1 : 0) == example.expected[...], "\(example.sql)")
        }
    }

    @Test("a connection dropped in the middle of a run: exit 73, nothing half-saved, and the next run completes")
    func droppedConnection() throws {
        let server = try Self.server()
        let database = try server.makeDatabase()
        let url = server.socketURL(database)
        let workspace = try RunWorkspace("pg-dropped")
        defer { workspace.remove() }
        try workspace.arriveDemo(["2025-11"])
        #expect(try workspace.sigap("run", ["--through", "2025-11"], overrides: ["--store": url]).exitStatus == 0)
        let before = try server.query(database, "SELECT * FROM month_summaries")
        let views = "SELECT (SELECT count(*) FROM ledger_lines), (SELECT count(*) FROM findings), (SELECT count(*) FROM workers)"
        let rows = try server.query(database, views)

        // The server ends the run's connection as it writes the first totals of the new months,
        // in the middle of its transaction (as a restarted server or a lost network would).
        try server.psql(
            database,
            """
            CREATE FUNCTION drop_connection() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NEW; END $$;
            CREATE TRIGGER drop_connection BEFORE INSERT ON month_total FOR EACH ROW EXECUTE FUNCTION drop_connection();
            """)
        try workspace.arriveDemo(["2025-12", "2026-01", "2026-02"])
        let dropped = try workspace.sigap("run", ["--through", "2026-02"], overrides: ["--store": url])
        #expect(dropped.exitStatus == 73, "\(dropped)")
        #expect(dropped.stderr.contains("database \(database) on the socket"), "\(dropped)")
        #expect(!dropped.stderr.contains("Program crashed"), "\(dropped)")
        #expect(try server.query(database, "SELECT * FROM month_summaries") == before)
        #expect(try server.query(database, views) == rows)
        for month in ["2025-12", "2026-01", "2026-02"] {
            #expect(!FileManager.default.fileExists(atPath: "\(workspace.out)/\(month)/ledger.csv"), "\(month)")
        }

        try server.psql(database, "DROP TRIGGER drop_connection ON month_total")
        let again = try workspace.sigap("run", ["--through", "2026-02"], overrides: ["--store": url])
        #expect(again.exitStatus == 65, "\(again)")
        let sqlite = try RunWorkspace("pg-dropped-sqlite")
        defer { sqlite.remove() }
        try sqlite.arriveDemo(["2025-11"])
        #expect(try sqlite.sigap("run", ["--through", "2025-11"]).exitStatus == 0)
        try sqlite.arriveDemo(["2025-12", "2026-01", "2026-02"])
        #expect(try sqlite.sigap("run", ["--through", "2026-02"]).exitStatus == 65)
        for month in RunWorkspace.demoMonths {
            for name in Self.published {
                #expect(try workspace.read("\(month)/\(name)") == (try sqlite.read("\(month)/\(name)")), "\(month)/\(name)")
            }
        }
    }

    @Test("a closed month's rows cannot be changed in the database, whatever client tries")
    func closedMonthsFrozen() throws {
        let server = try Self.server()
        let database = try server.makeDatabase()
        let workspace = try RunWorkspace("pg")
        defer { workspace.remove() }
        try Self.demoHistory(workspace, store: server.socketURL(database))
        let attempts = [
            "UPDATE ledger_line SET premium = 1 WHERE result_id = (SELECT result_id FROM month WHERE month = '2025-11')",
            "DELETE FROM finding WHERE result_id = (SELECT result_id FROM month WHERE month = '2025-11')",
            "UPDATE month SET closed = 0 WHERE month = '2025-11'",
            "DELETE FROM seal",
            "UPDATE month_total SET covered = 0 WHERE result_id = (SELECT result_id FROM month WHERE month = '2025-11')",
        ]
        for sql in attempts {
            #expect(throws: (any Error).self, "\(sql)") { try server.psql(database, sql) }
        }
        let verify = try workspace.sigap("verify", overrides: ["--store": server.socketURL(database)])
        #expect(verify.exitStatus == 0, "\(verify)")
    }

    @Test("a store the first PostgreSQL version made is migrated by the next run; its books and files stay as they were")
    func migratesAnOlderStore() throws {
        let server = try Self.server()
        let database = try server.makeDatabase()
        let url = server.socketURL(database)
        let workspace = try RunWorkspace("pg")
        defer { workspace.remove() }
        try Self.demoHistory(workspace, store: url)
        let before = try RunWorkspace.demoMonths.map { try workspace.read("\($0)/ledger.csv") }
        // Back to what `v1: the warehouse` alone made.
        try server.psql(
            database,
            """
            DROP INDEX ledger_line_adjustment;
            CREATE INDEX ack_row_nik ON ack_row (nik);
            ALTER TABLE ack_stage ALTER COLUMN records SET STORAGE EXTENDED, ALTER COLUMN text SET STORAGE EXTENDED;
            ALTER TABLE roster_chunk ALTER COLUMN data SET STORAGE EXTENDED;
            DROP INDEX ledger_line_nik;
            CREATE INDEX ledger_line_nik ON ledger_line (nik);
            DROP INDEX worker_nik;
            CREATE INDEX worker_nik ON worker (nik);
            DELETE FROM sigap_migration WHERE name <> 'v1: the warehouse';
            """)
        let again = try workspace.sigap("run", ["--through", "2026-02"], overrides: ["--store": url])
        #expect(again.exitStatus == 65, "\(again)")
        let migrations = try server.query(database, "SELECT name FROM sigap_migration ORDER BY name")
        #expect(migrations.split(separator: "\n").count == 4, "\(migrations)")  // v1 to v4
        let storage = try server.query(
            database, "SELECT attstorage FROM pg_attribute WHERE attrelid = 'ack_stage'::regclass AND attname IN ('records', 'text')")
        #expect(storage.split(separator: "\n") == ["e", "e"], "\(storage)")
        #expect(try server.query(database, "SELECT to_regclass('ledger_line_adjustment') IS NOT NULL").hasPrefix("t"))
        #expect(try server.query(database, "SELECT to_regclass('ack_row_nik') IS NULL").hasPrefix("t"))
        // The NIK indexes keyed by result (v4).
        let nikIndexes = try server.query(
            database, "SELECT indexdef FROM pg_indexes WHERE indexname IN ('ledger_line_nik', 'worker_nik') ORDER BY indexname")
        let keyed = nikIndexes.split(separator: "\n").map { $0.hasSuffix("(result_id, nik)") || $0.hasSuffix("(set_id, nik)") }
        #expect(keyed == [true, true], "\(nikIndexes)")
        #expect(try RunWorkspace.demoMonths.map { try workspace.read("\($0)/ledger.csv") } == before)
        let verify = try workspace.sigap("verify", overrides: ["--store": url])
        #expect(verify.exitStatus == 0, "\(verify)")
    }

    @Test("four pipelines run at once into one database; each view holds only its own books; a second run of one exits 75")
    func fourPipelinesAtOnce() throws {
        let server = try Self.server()
        let database = try server.makeDatabase()
        let url = server.socketURL(database)
        let workspace = try RunWorkspace("pg")
        defer { workspace.remove() }
        try workspace.arriveDemo(["2025-11"])
        let definition = try String(contentsOfFile: "\(RunWorkspace.root)/\(RunWorkspace.pipeline)", encoding: .utf8)
        let programmes = ["SIGAP", "SIGAP-B", "SIGAP-C", "SIGAP-D"]
        var runs: [(String, RunningSigap)] = []
        for programme in programmes {
            let path = "\(workspace.folder)/\(programme).yaml"
            try definition.replacingOccurrences(of: "programme: SIGAP\n", with: "programme: \(programme)\n")
                .write(toFile: path, atomically: true, encoding: .utf8)
            runs.append(
                (
                    programme,
                    try workspace.start(
                        "run", ["--through", "2025-11"],
                        overrides: ["--pipeline": path, "--store": url, "--out": "\(workspace.folder)/out-\(programme)"])
                ))
        }
        for (programme, run) in runs {
            let result = run.wait()
            #expect(result.exitStatus == 0, "\(programme): \(result)")
        }
        let expected = try String(contentsOfFile: "\(workspace.folder)/out-SIGAP/2025-11/ledger.csv", encoding: .utf8)
        for programme in programmes {
            #expect(try String(contentsOfFile: "\(workspace.folder)/out-\(programme)/2025-11/ledger.csv", encoding: .utf8) == expected)
        }
        let perProgramme = try server.query(
            database, "SELECT programme, count(*) FROM month_summaries GROUP BY programme ORDER BY programme")
        #expect(perProgramme.split(separator: "\n") == ["SIGAP|1", "SIGAP-B|1", "SIGAP-C|1", "SIGAP-D|1"])
        let lines = expected.split(separator: "\n").count - 1
        let counts = try server.query(
            database, "SELECT DISTINCT count(*) FROM ledger_lines WHERE month = '2025-11' GROUP BY programme, region")
        #expect(counts.trimmingCharacters(in: .whitespacesAndNewlines) == "\(lines)")

        // While one run of SIGAP-B holds its lock, a second exits 75; SIGAP-C runs meanwhile.
        let lock = try server.holdAdvisoryLock(database, key: "sigap: SIGAP-B 3275")
        defer { lock.release() }
        let second = try workspace.sigap(
            "run", ["--through", "2025-11"],
            overrides: ["--pipeline": "\(workspace.folder)/SIGAP-B.yaml", "--store": url, "--out": "\(workspace.folder)/out-SIGAP-B"])
        #expect(second.exitStatus == 75, "\(second)")
        #expect(second.stderr.contains("another sigap run of SIGAP-B 3275 holds its lock"))
        let other = try workspace.sigap(
            "run", ["--through", "2025-11"],
            overrides: ["--pipeline": "\(workspace.folder)/SIGAP-C.yaml", "--store": url, "--out": "\(workspace.folder)/out-SIGAP-C"])
        #expect(other.exitStatus == 0, "\(other)")
    }

    @Test("server down, wrong password, unknown database: exit 73 naming host and database, never the password")
    func connectionProblems() throws {
        let server = try Self.server()
        let database = try server.makeDatabase()
        let workspace = try RunWorkspace("pg")
        defer { workspace.remove() }
        try workspace.arriveDemo(["2025-11"])
        func run(_ store: String, environment: [String: String] = [:]) throws -> SigapResult {
            try SigapProcess.run(
                workspace.arguments("run", ["--through", "2025-11"], overrides: ["--store": store]), environment: environment)
        }

        // Nothing listens on the port.
        let down = try run("postgresql://sigap@127.0.0.1:\(try PostgresTestServer.freePort())/\(database)")
        #expect(down.exitStatus == 73, "\(down)")
        #expect(down.stderr.contains("cannot connect to the store, database \(database) on 127.0.0.1:"), "\(down)")
        #expect(down.stderr.contains("cannot be reached"), "\(down)")

        // A wrong password, from PGPASSWORD; and one written into the URL, never shown.
        let wrong = try run(server.tcpURL(database), environment: ["PGPASSWORD": "salah-sandi"])
        #expect(wrong.exitStatus == 73, "\(wrong)")
        #expect(wrong.stderr.contains("wrong password"), "\(wrong)")
        let inline = try run(server.tcpURL(database).replacingOccurrences(of: "sigap@", with: "sigap:sandi-rahasia-99@"))
        #expect(inline.exitStatus == 73, "\(inline)")
        #expect(!inline.stderr.contains("sandi-rahasia-99") && !inline.stdout.contains("sandi-rahasia-99"), "\(inline)")

        // The right password from PGPASSWORD works over TCP.
        let right = try run(server.tcpURL(database), environment: ["PGPASSWORD": PostgresTestServer.password])
        #expect(right.exitStatus == 0, "\(right)")
        for manifest in try workspace.manifests() {
            #expect(!"\(manifest)".contains(PostgresTestServer.password))
        }

        // A database that does not exist.
        let missing = try run(server.socketURL("tidak_ada"))
        #expect(missing.exitStatus == 73, "\(missing)")
        #expect(missing.stderr.contains("the database tidak_ada does not exist"), "\(missing)")

        // A reachable database without sigap's tables is a missing store for status (66).
        let empty = try server.makeDatabase()
        let status = try SigapProcess.run(
            ["status", "--pipeline", RunWorkspace.pipeline, "--store", server.socketURL(empty)])
        #expect(status.exitStatus == 66, "\(status)")
        #expect(status.stderr.contains("holds no sigap store"), "\(status)")

        // A database whose text is not UTF-8 (names can be any Unicode): refused before anything
        // is made in it.
        let latin = "latin\(UInt32.random(in: 0...UInt32.max))"
        try server.psql("postgres", "CREATE DATABASE \(latin) ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0")
        let fresh = try RunWorkspace("pg-latin")
        defer { fresh.remove() }
        try fresh.arriveDemo(["2025-11"])
        let notUTF8 = try fresh.sigap("run", ["--through", "2025-11"], overrides: ["--store": server.socketURL(latin)])
        #expect(notUTF8.exitStatus == 73, "\(notUTF8)")
        #expect(notUTF8.stderr.contains("database \(latin)") && notUTF8.stderr.contains("LATIN1"), "\(notUTF8)")
        #expect(notUTF8.stderr.contains("ENCODING 'UTF8'"), "\(notUTF8)")
        #expect(
            try server.query(latin, "SELECT to_regclass('sigap_migration') IS NULL").trimmingCharacters(in: .whitespacesAndNewlines) == "t")
    }
}
