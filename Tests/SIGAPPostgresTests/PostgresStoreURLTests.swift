import Foundation
import Testing

@testable import SIGAPPostgres

/// The team store's address as libpq reads it (SPEC §15), and the password found as libpq finds it.
@Suite("PostgreSQL store URL")
struct PostgresStoreURLTests {
    @Test("a TCP URI: user, host, port, database; the password kept but never shown")
    func tcp() throws {
        let url = try PostgresStoreURL("postgresql://disnaker:rahasia%40kota@10.0.0.5:6432/sigap_bekasi", environment: [:])
        #expect(url.user == "disnaker")
        #expect(url.host == "10.0.0.5")
        #expect(url.port == 6432)
        #expect(url.database == "sigap_bekasi")
        #expect(!url.isSocket)
        #expect(url.password(environment: [:]) == "rahasia@kota")
        #expect(url.description == "postgresql://disnaker@10.0.0.5:6432/sigap_bekasi")
        #expect(!"\(url)".contains("rahasia"))
        #expect(url.place == "database sigap_bekasi on 10.0.0.5:6432")
    }

    @Test("a Unix socket: host and port as parameters, the socket file <host>/.s.PGSQL.<port>; 5432 by default")
    func socket() throws {
        let url = try PostgresStoreURL("postgresql://sigap@/books?host=/run/postgresql&port=5433", environment: [:])
        #expect(url.isSocket)
        #expect(url.socketPath == "/run/postgresql/.s.PGSQL.5433")
        #expect(url.database == "books")
        let plain = try PostgresStoreURL("postgres://sigap@/books?host=/var/run/postgresql", environment: [:])
        #expect(plain.socketPath == "/var/run/postgresql/.s.PGSQL.5432")
        #expect(plain.description == "postgresql://sigap@/books?host=/var/run/postgresql&port=5432")
    }

    @Test("what the URI leaves out comes from PGHOST, PGPORT, PGUSER, PGDATABASE")
    func environment() throws {
        let url = try PostgresStoreURL(
            "postgresql://", environment: ["PGHOST": "db.bekasi", "PGPORT": "5555", "PGUSER": "etl", "PGDATABASE": "warehouse"])
        #expect(url.host == "db.bekasi" && url.port == 5555 && url.user == "etl" && url.database == "warehouse")
        let defaults = try PostgresStoreURL("postgresql://etl@", environment: [:])
        #expect(defaults.database == "etl" && defaults.socketPath == "/run/postgresql/.s.PGSQL.5432")
    }

    @Test("URIs that cannot be used say why")
    func invalid() {
        #expect(throws: PostgresStoreURL.Invalid.self) { try PostgresStoreURL("postgresql://u@h:notaport/db", environment: [:]) }
        #expect(throws: PostgresStoreURL.Invalid.self) { try PostgresStoreURL("postgresql://u@h/db?sslmode=require", environment: [:]) }
        #expect(throws: PostgresStoreURL.Invalid.self) {
            try PostgresStoreURL("postgresql://u@h/db?target_session_attrs=any", environment: [:])
        }
        #expect(throws: PostgresStoreURL.Invalid.self) { try PostgresStoreURL("postgresql://u@a,b/db", environment: [:]) }
    }

    @Test("the password: the URI's, else PGPASSWORD, else the first matching ~/.pgpass line, only when its mode is 0600")
    func password() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = "\(folder)/.pgpass"
        try """
        # host:port:database:user:password
        other:5432:*:etl:bukan
        db.bekasi:5432:warehouse:etl:pa\\:ss\\\\word
        localhost:*:*:etl:lewat-soket
        """.write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        let url = try PostgresStoreURL("postgresql://etl@db.bekasi/warehouse", environment: [:])
        #expect(url.password(environment: ["HOME": folder]) == "pa:ss\\word")
        #expect(url.password(environment: ["HOME": folder, "PGPASSWORD": "dari-env"]) == "dari-env")
        let socket = try PostgresStoreURL("postgresql://etl@/warehouse?host=/run/postgresql", environment: [:])
        #expect(socket.password(environment: ["PGPASSFILE": file]) == "lewat-soket")
        chmod(file, 0o644)
        #expect(url.password(environment: ["HOME": folder]) == nil)
    }

    @Test("a migration script splits at the semicolons that end statements, not those in quotes or $$ bodies")
    func statements() {
        let script = """
            CREATE TABLE a (x TEXT DEFAULT ';');
            CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'no; never'; RETURN NULL; END $$;
            CREATE TRIGGER t AFTER INSERT ON a FOR EACH STATEMENT EXECUTE FUNCTION f();
            """
        let statements = PostgresSession.statements(of: script)
        #expect(statements.count == 3)
        #expect(statements[1].hasPrefix("CREATE FUNCTION f()") && statements[1].hasSuffix("END $$;"))
        #expect(statements[2].hasPrefix("CREATE TRIGGER t"))
    }
}
