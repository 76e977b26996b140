import Foundation

/// A throwaway PostgreSQL server for the tests of the PostgreSQL store: `initdb` into a temporary
/// folder (as the `postgres` system user when the tests run as root: PostgreSQL refuses root),
/// `pg_ctl start` listening on a Unix socket in that folder and on 127.0.0.1 at a free port, stopped
/// when the test process exits. One server per test process; each test makes its own database.
///
/// Local (socket) connections are trusted; TCP ones need a password (SCRAM), so the tests of a
/// wrong password have something to be wrong about. `shared` is nil when PostgreSQL is not
/// installed: the tests that need it say so and pass over it (`make deps` installs it, so
/// `make test` and CI always have it).
public final class PostgresTestServer: @unchecked Sendable {
    /// The folder of the server's data, socket and log.
    public let folder: String
    public let port: Int
    /// The folder of `initdb`, `pg_ctl`, `psql`.
    let binaries: String
    private var stopped = false
    private let lock = NSLock()

    /// The process's server, started on first use (nil when PostgreSQL is not installed or does
    /// not start: `startProblem` says why).
    public static let shared: PostgresTestServer? = {
        do {
            let server = try PostgresTestServer()
            atexit { PostgresTestServer.shared?.stop() }
            return server
        } catch {
            startProblem = "\(error)"
            return nil
        }
    }()

    nonisolated(unsafe) public static var startProblem = ""

    /// Where PostgreSQL's server programs are (Debian keeps them off PATH).
    static func findBinaries() -> String? {
        let candidates =
            ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { "/usr/lib/postgresql/\($0)/bin" }
        return candidates.first { FileManager.default.isExecutableFile(atPath: "\($0)/pg_ctl") }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Thrown by a test that needs the server when there is none (after recording why).
    public struct Unavailable: Error {
        public init() {}
    }

    /// A session-level advisory lock held by a psql session of its own until `release` (what a
    /// sigap run holding its pipeline's lock looks like to another run).
    public final class HeldLock: @unchecked Sendable {
        let process: Process
        let input: Pipe

        init(process: Process, input: Pipe) {
            self.process = process
            self.input = input
        }

        public func release() {
            guard process.isRunning else { return }
            try? input.fileHandleForWriting.write(contentsOf: Data("\\q\n".utf8))
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
    }

    /// Takes the advisory lock of `key` (as sigap computes it) in `database` and holds it.
    public func holdAdvisoryLock(_ database: String, key: String) throws -> HeldLock {
        let process = Process()
        let program = "\(binaries)/psql"
        let arguments = ["-X", "-q", "-A", "-t", "-h", folder, "-p", "\(port)", "-U", "postgres", "-d", database]
        if getuid() == 0 {
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            process.arguments = ["-u", "postgres", "--", program] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
        }
        process.currentDirectoryURL = URL(fileURLWithPath: "/tmp")
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let sql = "SELECT pg_advisory_lock(hashtextextended('\(key)', 0));\n\\echo locked\n"
        try input.fileHandleForWriting.write(contentsOf: Data(sql.utf8))
        var seen = ""
        while !seen.contains("locked") {
            let data = output.fileHandleForReading.availableData
            guard !data.isEmpty else { throw Failure(description: "psql ended before it took the lock: \(seen)") }
            seen += String(decoding: data, as: UTF8.self)
        }
        return HeldLock(process: process, input: input)
    }

    private init() throws {
        guard let binaries = Self.findBinaries() else { throw Failure(description: "PostgreSQL is not installed (run make deps)") }
        self.binaries = binaries
        folder = "/tmp/sigap-pg-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        port = try Self.freePort()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // The postgres user owns the folder (it writes its data, socket and log there).
        if getuid() == 0 { try Self.command("/bin/chown", ["postgres:postgres", folder]) }
        try asServerUser(
            "\(binaries)/initdb",
            [
                "-D", "\(folder)/data", "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ])
        try asServerUser(
            "\(binaries)/pg_ctl",
            [
                "-D", "\(folder)/data", "-l", "\(folder)/server.log", "-w", "-t", "60",
                "-o", "-k \(folder) -c listen_addresses=127.0.0.1 -p \(port) -c fsync=off -c max_connections=60", "start",
            ])
        // A role that signs in over TCP with a password (the tests of wrong passwords and of
        // ~/.pgpass), allowed to make databases.
        try psql("postgres", "CREATE ROLE sigap LOGIN CREATEDB PASSWORD '\(Self.password)'")
    }

    /// The password of the role `sigap` (TCP connections).
    public static let password = "rahasia-uji"

    /// Stops the server and removes its folder (at exit, or earlier by hand).
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        _ = try? asServerUser("\(binaries)/pg_ctl", ["-D", "\(folder)/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Runs one SQL command as the superuser over the socket, in `database`.
    public func psql(_ database: String, _ sql: String) throws {
        try asServerUser(
            "\(binaries)/psql",
            ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", folder, "-p", "\(port)", "-U", "postgres", "-d", database, "-c", sql])
    }

    /// Runs a query as the superuser over the socket and returns its output, unaligned, tuples
    /// only (`|` between columns).
    public func query(_ database: String, _ sql: String) throws -> String {
        try asServerUser(
            "\(binaries)/psql",
            ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", folder, "-p", "\(port)", "-U", "postgres", "-d", database, "-c", sql])
    }

    /// A new empty database owned by `sigap`, named for the test.
    public func makeDatabase() throws -> String {
        let name = "t\(UInt64.random(in: 0...UInt64.max) % 1_000_000_000_000)"
        try psql("postgres", "CREATE DATABASE \(name) OWNER sigap")
        return name
    }

    /// The store URL for `database` over the Unix socket, as the superuser (trusted).
    public func socketURL(_ database: String, user: String = "postgres") -> String {
        "postgresql://\(user)@/\(database)?host=\(folder)&port=\(port)"
    }

    /// The store URL for `database` over TCP as `sigap` (a password needed).
    public func tcpURL(_ database: String) -> String {
        "postgresql://sigap@127.0.0.1:\(port)/\(database)"
    }

    @discardableResult
    private func asServerUser(_ program: String, _ arguments: [String]) throws -> String {
        if getuid() == 0 {
            return try Self.command("/usr/sbin/runuser", ["-u", "postgres", "--", program] + arguments)
        }
        return try Self.command(program, arguments)
    }

    @discardableResult
    static func command(_ program: String, _ arguments: [String]) throws -> String {
        // posix_spawn and waitpid, not Foundation's Process: its way of telling that a child ended
        // is fooled by a server that `pg_ctl start` leaves running (it inherits what Process
        // watches), and waiting for it would never end. Output goes to a file, not a pipe, for
        // the same reason.
        let outputPath = "/tmp/sigap-pg-output-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // From /tmp, which the postgres user may enter.
        let argv = (["/bin/sh", "-c", "cd /tmp && exec \"$0\" \"$@\"", program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, environ)
        guard spawned == 0 else { throw Failure(description: "cannot start \(program): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw Failure(description: "\((program as NSString).lastPathComponent) \(arguments.joined(separator: " ")) failed: \(text)")
        }
        return text
    }

    /// A TCP port nobody listens on now.
    public static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "cannot open a socket to find a free port") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw Failure(description: "cannot find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
