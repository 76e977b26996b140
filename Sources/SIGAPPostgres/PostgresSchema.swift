import SIGAPPipeline

/// The team store's tables, views, triggers and their migrations (documented in `docs/store.md`).
///
/// The same design as the embedded store (`SQLiteSchema`): a month points at its *result*, the
/// rows one run computed for it; the five public views show each month's current result. One
/// database holds several pipelines side by side: every table is keyed by the pipeline (a row of
/// `pipeline`: programme and region), and the views show `programme` and `region` after the
/// columns of SPEC §15, to filter by.
enum PostgresSchema {
    /// Migrations in order, by name: each runs once, in its own transaction, and is recorded in
    /// `sigap_migration`.
    static let migrations: [(name: String, sql: String)] = [
        ("v1: the warehouse", tables + views + frozenClosedMonths),
        ("v2: staged bytes kept uncompressed", stagedBytesUncompressed),
        ("v3: an index of adjustment lines, none of acknowledgement rows by NIK", adjustmentLines),
        // As on SQLite (its v9): a month's lines go in at the end of the index, and a person's
        // history probes each month's result.
        ("v4: NIK indexes by result", SQLiteSchema.nikIndexesByResult),
    ]

    /// Brings the database's sigap tables to the newest version: each migration not yet recorded
    /// runs in its own transaction, under a database-wide lock (two pipelines starting on a new
    /// database at once make the tables once).
    static func migrate(_ session: PostgresSession) throws {
        try session.transaction {
            try session.execute("SELECT pg_advisory_xact_lock(hashtextextended('sigap: schema', 0))")
            try session.script(
                "CREATE TABLE IF NOT EXISTS sigap_migration (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
            let applied = Set(try session.rows("SELECT name FROM sigap_migration").map { try $0.decode(String.self) })
            for migration in migrations where !applied.contains(migration.name) {
                try session.script(migration.sql)
                try session.execute("INSERT INTO sigap_migration (name) VALUES ($1)", [.text(migration.name)])
            }
        }
    }

    /// Whether a migration of this version of sigap has not run on the database yet.
    static func pendingMigrations(_ session: PostgresSession) throws -> Bool {
        let applied = Set(try session.rows("SELECT name FROM sigap_migration").map { try $0.decode(String.self) })
        return migrations.contains { !applied.contains($0.name) }
    }

    /// The tables of rows under a result, whose rows a closed month's result must keep.
    static let resultTables = ["ledger_line", "finding", "month_total", "result_ack_file", "review_detail", "rejection_text"]

    private static let tables = """
        CREATE TABLE pipeline (
            id SERIAL PRIMARY KEY, programme TEXT NOT NULL, region TEXT NOT NULL, UNIQUE (programme, region));
        CREATE TABLE run (
            pipeline_id INTEGER NOT NULL REFERENCES pipeline(id), id TEXT NOT NULL, started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL, through_month TEXT NOT NULL, exit_code INTEGER NOT NULL, tool_version TEXT NOT NULL,
            pipeline TEXT NOT NULL, PRIMARY KEY (pipeline_id, id));
        CREATE TABLE run_input (
            pipeline_id INTEGER NOT NULL, run_id TEXT NOT NULL, name TEXT NOT NULL, sha256 TEXT NOT NULL,
            size BIGINT NOT NULL, rows BIGINT NOT NULL, outcome TEXT NOT NULL,
            PRIMARY KEY (pipeline_id, run_id, name), FOREIGN KEY (pipeline_id, run_id) REFERENCES run (pipeline_id, id));
        CREATE TABLE result (
            id BIGSERIAL PRIMARY KEY, pipeline_id INTEGER NOT NULL REFERENCES pipeline(id), month TEXT NOT NULL,
            run_id TEXT NOT NULL, basis TEXT, summary_json TEXT, findings_csv TEXT, findings_sha256 TEXT, ledger_sha256 TEXT,
            worker_set BIGINT);
        CREATE INDEX result_pipeline ON result (pipeline_id);
        CREATE TABLE worker_set (
            id BIGSERIAL PRIMARY KEY, pipeline_id INTEGER NOT NULL REFERENCES pipeline(id), sha256 TEXT NOT NULL,
            UNIQUE (pipeline_id, sha256));
        CREATE TABLE month (
            pipeline_id INTEGER NOT NULL REFERENCES pipeline(id), month TEXT NOT NULL, closed INTEGER NOT NULL DEFAULT 0,
            closed_at TEXT, run_id TEXT NOT NULL, result_id BIGINT NOT NULL REFERENCES result(id), settled_fingerprint TEXT,
            PRIMARY KEY (pipeline_id, month));
        CREATE INDEX month_result ON month (result_id);
        CREATE TABLE month_total (
            result_id BIGINT PRIMARY KEY REFERENCES result(id),
            \(SQLiteSchema.totals.map { "\($0) BIGINT NOT NULL" }.joined(separator: ", ")));
        CREATE TABLE ledger_line (
            result_id BIGINT NOT NULL, line INTEGER NOT NULL,
            entry TEXT NOT NULL, for_month TEXT, nik TEXT, name TEXT, source TEXT, sources TEXT,
            kecamatan_code TEXT, kecamatan TEXT, kelurahan TEXT, occupation TEXT, kpj TEXT,
            status TEXT NOT NULL, previous_status TEXT, reason_code TEXT, premium BIGINT NOT NULL, flags TEXT,
            PRIMARY KEY (result_id, line));
        CREATE INDEX ledger_line_nik ON ledger_line (nik);
        CREATE TABLE finding (
            result_id BIGINT NOT NULL, line INTEGER NOT NULL,
            month TEXT, source TEXT, file TEXT, sheet TEXT, row BIGINT, cell TEXT, code TEXT NOT NULL,
            severity TEXT NOT NULL, value TEXT, message TEXT,
            PRIMARY KEY (result_id, line));
        CREATE TABLE worker (
            set_id BIGINT NOT NULL, line INTEGER NOT NULL,
            nik TEXT NOT NULL, name TEXT, owner TEXT NOT NULL, sources TEXT NOT NULL, birth_place TEXT, birth_date TEXT,
            sex TEXT, kecamatan_code TEXT, kelurahan_code TEXT, phone TEXT, occupation TEXT, file TEXT NOT NULL,
            sheet TEXT NOT NULL, row BIGINT NOT NULL,
            PRIMARY KEY (set_id, line));
        CREATE INDEX worker_nik ON worker (nik);
        CREATE TABLE ack_file (
            pipeline_id INTEGER NOT NULL, sha256 TEXT NOT NULL, periods TEXT NOT NULL, PRIMARY KEY (pipeline_id, sha256));
        CREATE TABLE ack_stage (
            pipeline_id INTEGER NOT NULL, sha256 TEXT NOT NULL, reader TEXT NOT NULL, rows_read BIGINT NOT NULL,
            meta TEXT NOT NULL, records BYTEA NOT NULL, text BYTEA NOT NULL, PRIMARY KEY (pipeline_id, sha256));
        CREATE TABLE ack_row (
            pipeline_id INTEGER NOT NULL, sha256 TEXT NOT NULL, line INTEGER NOT NULL,
            row BIGINT NOT NULL, period TEXT, nik TEXT, name TEXT, kpj TEXT, status TEXT,
            reason TEXT, reason_code TEXT, premium BIGINT,
            PRIMARY KEY (pipeline_id, sha256, line));
        CREATE INDEX ack_row_nik ON ack_row (nik);
        CREATE TABLE result_ack_file (
            result_id BIGINT NOT NULL, position INTEGER NOT NULL, file TEXT NOT NULL, sha256 TEXT NOT NULL,
            PRIMARY KEY (result_id, position));
        CREATE TABLE roster_stage (
            pipeline_id INTEGER NOT NULL, sha256 TEXT NOT NULL, reader TEXT NOT NULL, sheets TEXT NOT NULL, rows BIGINT NOT NULL,
            PRIMARY KEY (pipeline_id, sha256, reader));
        CREATE TABLE roster_chunk (
            pipeline_id INTEGER NOT NULL, sha256 TEXT NOT NULL, reader TEXT NOT NULL, chunk INTEGER NOT NULL,
            rows BIGINT NOT NULL, size BIGINT NOT NULL, data BYTEA NOT NULL,
            PRIMARY KEY (pipeline_id, sha256, reader, chunk));
        CREATE TABLE seal (
            pipeline_id INTEGER NOT NULL, month TEXT NOT NULL, previous TEXT NOT NULL, ledger_sha256 TEXT NOT NULL,
            summary_sha256 TEXT NOT NULL, findings_sha256 TEXT NOT NULL, seal TEXT NOT NULL, published INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (pipeline_id, month));
        CREATE TABLE review_detail (
            result_id BIGINT NOT NULL, line INTEGER NOT NULL, nik TEXT NOT NULL, billed BIGINT, bpjs_name TEXT,
            kpj_before TEXT, PRIMARY KEY (result_id, line));
        CREATE TABLE rejection_text (
            result_id BIGINT NOT NULL, line INTEGER NOT NULL, reason_code TEXT NOT NULL, text TEXT NOT NULL,
            count BIGINT NOT NULL, PRIMARY KEY (result_id, line));

        """

    /// A staged file's bytes (tens of megabytes a file) are stored out of line as they are, as the
    /// embedded store keeps them: compressing them (PostgreSQL's default) took the server 2-3 s
    /// per million acknowledgement rows, a quarter of staging the file.
    private static let stagedBytesUncompressed = """
        ALTER TABLE ack_stage ALTER COLUMN records SET STORAGE EXTERNAL, ALTER COLUMN text SET STORAGE EXTERNAL;
        ALTER TABLE roster_chunk ALTER COLUMN data SET STORAGE EXTERNAL;

        """

    /// A run that recomputes a closed month reads every closed month's adjustment lines (a few
    /// thousand among a million lines each): by this index, not by scanning the month's lines
    /// (about a second a month in a year's store). Only adjustment lines are in it, so loading a
    /// month's lines costs next to nothing more. And acknowledgement rows get no NIK index, as on
    /// SQLite: keeping one up cost 2-5 s of every million-row file's load, for a person's history
    /// that reads the table instead (about a second per ten million rows).
    private static let adjustmentLines = """
        CREATE INDEX ledger_line_adjustment ON ledger_line (result_id, line) WHERE entry = 'ADJUSTMENT';
        DROP INDEX ack_row_nik;

        """

    /// The public face (SPEC §15), as on SQLite, with each row's programme and region last.
    private static let views = """
        CREATE VIEW ledger_lines AS
            SELECT m.month AS month, \(LedgerCSV.header.dropFirst().map { "l.\($0) AS \($0)" }.joined(separator: ", ")),
                p.programme AS programme, p.region AS region
            FROM month m JOIN pipeline p ON p.id = m.pipeline_id JOIN ledger_line l ON l.result_id = m.result_id
            ORDER BY p.programme, p.region, m.month, l.line;
        CREATE VIEW month_summaries AS
            SELECT m.month AS month, m.closed AS closed, \(SQLiteSchema.totals.map { "t.\($0) AS \($0)" }.joined(separator: ", ")),
                p.programme AS programme, p.region AS region
            FROM month m JOIN pipeline p ON p.id = m.pipeline_id JOIN month_total t ON t.result_id = m.result_id
            ORDER BY p.programme, p.region, m.month;
        CREATE VIEW findings AS
            SELECT \(FindingsCSV.header.map { "f.\($0) AS \($0)" }.joined(separator: ", ")),
                p.programme AS programme, p.region AS region
            FROM month m JOIN pipeline p ON p.id = m.pipeline_id JOIN finding f ON f.result_id = m.result_id
            ORDER BY p.programme, p.region, m.month, f.line;
        CREATE VIEW acknowledgements AS
            SELECT m.month AS arrived_month, f.file AS file,
                \(SQLiteSchema.acknowledgementColumns.dropFirst().map { "a.\($0) AS \($0)" }.joined(separator: ", ")),
                p.programme AS programme, p.region AS region
            FROM month m JOIN pipeline p ON p.id = m.pipeline_id JOIN result_ack_file f ON f.result_id = m.result_id
                JOIN ack_row a ON a.pipeline_id = m.pipeline_id AND a.sha256 = f.sha256
            ORDER BY p.programme, p.region, m.month, f.position, a.line;
        CREATE VIEW workers AS
            SELECT m.month AS month, \(SQLiteSchema.workerColumns.map { "w.\($0) AS \($0)" }.joined(separator: ", ")),
                p.programme AS programme, p.region AS region
            FROM month m JOIN pipeline p ON p.id = m.pipeline_id JOIN result r ON r.id = m.result_id
                JOIN worker w ON w.set_id = r.worker_set
            ORDER BY p.programme, p.region, m.month, w.line;

        """

    /// The triggers that keep a closed month as it was closed (SPEC §16), as on SQLite: its month
    /// row (but for the fingerprint it is settled at), its result and every row under it, its
    /// workers, the rows of the acknowledgement files that arrived in it, and the seal chain
    /// (whose rows only ever go from unpublished to published). A month closes only with its seal.
    ///
    /// The rows under a result are checked once per statement, over the rows it changed (a
    /// transition table): a bulk load of a million rows costs one join, not a million lookups.
    private static var frozenClosedMonths: String {
        var sql = """
            CREATE FUNCTION sigap_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'sigap: a closed month cannot be changed (SPEC 16)' USING ERRCODE = 'P0001'; END $$;
            CREATE FUNCTION sigap_month_guard() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    IF NEW.closed <> 0 THEN RAISE EXCEPTION 'sigap: a closed month cannot be changed (SPEC 16)'; END IF;
                    RETURN NEW;
                END IF;
                IF TG_OP = 'DELETE' THEN
                    IF OLD.closed = 1 THEN RAISE EXCEPTION 'sigap: a closed month cannot be changed (SPEC 16)'; END IF;
                    RETURN OLD;
                END IF;
                IF OLD.closed = 1 AND (NEW.pipeline_id, NEW.month, NEW.closed, NEW.closed_at, NEW.run_id, NEW.result_id)
                    IS DISTINCT FROM (OLD.pipeline_id, OLD.month, OLD.closed, OLD.closed_at, OLD.run_id, OLD.result_id) THEN
                    RAISE EXCEPTION 'sigap: a closed month cannot be changed (SPEC 16)';
                END IF;
                IF NEW.closed = 1 AND OLD.closed IS DISTINCT FROM 1
                    AND NOT EXISTS (SELECT 1 FROM seal s WHERE s.pipeline_id = NEW.pipeline_id AND s.month = NEW.month) THEN
                    RAISE EXCEPTION 'sigap: a month closes only with its seal (SPEC 16)';
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER month_frozen BEFORE INSERT OR UPDATE OR DELETE ON month
                FOR EACH ROW EXECUTE FUNCTION sigap_month_guard();
            CREATE FUNCTION sigap_result_guard() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM month WHERE result_id = OLD.id AND closed = 1) THEN
                    RAISE EXCEPTION 'sigap: a closed month cannot be changed (SPEC 16)';
                END IF;
                IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER result_frozen BEFORE UPDATE OR DELETE ON result
                FOR EACH ROW EXECUTE FUNCTION sigap_result_guard();
            CREATE FUNCTION sigap_seal_guard() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'sigap: a closed month cannot be changed (SPEC 16)'; END IF;
                IF (NEW.pipeline_id, NEW.month, NEW.previous, NEW.ledger_sha256, NEW.summary_sha256, NEW.findings_sha256, NEW.seal)
                    IS DISTINCT FROM
                    (OLD.pipeline_id, OLD.month, OLD.previous, OLD.ledger_sha256, OLD.summary_sha256, OLD.findings_sha256, OLD.seal)
                    OR (NEW.published IS DISTINCT FROM OLD.published AND NEW.published <> 1) THEN
                    RAISE EXCEPTION 'sigap: a closed month cannot be changed (SPEC 16)';
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER seal_frozen BEFORE UPDATE OR DELETE ON seal
                FOR EACH ROW EXECUTE FUNCTION sigap_seal_guard();

            """
        for table in resultTables {
            sql += frozenRows(of: table) { rows in
                "EXISTS (SELECT 1 FROM \(rows) c JOIN month m ON m.result_id = c.result_id WHERE m.closed = 1)"
            }
        }
        sql += frozenRows(of: "worker") { rows in
            """
            EXISTS (SELECT 1 FROM \(rows) c JOIN result r ON r.worker_set = c.set_id JOIN month m ON m.result_id = r.id
                    WHERE m.closed = 1)
            """
        }
        sql += frozenRows(of: "ack_row") { rows in
            """
            EXISTS (SELECT 1 FROM \(rows) c JOIN result_ack_file f ON f.sha256 = c.sha256 JOIN month m ON m.result_id = f.result_id
                    WHERE m.closed = 1 AND m.pipeline_id = c.pipeline_id)
            """
        }
        return sql
    }

    /// Statement-level triggers refusing an insert, update or delete of rows of `table` of which
    /// `closed` (an SQL condition over a transition table's name) is true.
    private static func frozenRows(of table: String, _ closed: (String) -> String) -> String {
        var sql = ""
        for (event, tables) in [("INSERT", ["new_rows"]), ("UPDATE", ["old_rows", "new_rows"]), ("DELETE", ["old_rows"])] {
            let name = "\(table)_frozen_\(event.lowercased())"
            let referencing = tables.map { $0 == "new_rows" ? "NEW TABLE AS new_rows" : "OLD TABLE AS old_rows" }.joined(separator: " ")
            sql += """
                CREATE FUNCTION \(name)() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF \(tables.map(closed).joined(separator: " OR ")) THEN
                        RAISE EXCEPTION 'sigap: a closed month cannot be changed (SPEC 16)';
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER \(name) AFTER \(event) ON \(table) REFERENCING \(referencing)
                    FOR EACH STATEMENT EXECUTE FUNCTION \(name)();

                """
        }
        return sql
    }
}
