import Foundation
import SIGAPPipeline

/// A team store's address: a libpq connection URI (SPEC §15),
/// `postgresql://USER@HOST:PORT/DB`, or over a Unix socket
/// `postgresql://USER@/DB?host=/run/postgresql&port=5432` (the socket being
/// `<host>/.s.PGSQL.<port>`). What libpq would take from the environment when the URI leaves it
/// out is taken the same way: `PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`.
///
/// A password written into the URI is used but never shown: `description` leaves it out, and so
/// does every log line, manifest and metric (they show `description`). The usual place for it is
/// `PGPASSWORD` or `~/.pgpass` (`password(environment:)`).
public struct PostgresStoreURL: Sendable, Hashable, CustomStringConvertible {
    public var user: String
    /// A host name, or a socket folder (it starts with `/`).
    public var host: String
    public var port: Int
    public var database: String
    /// The password written into the URI (never shown).
    var passwordInURL: String?

    /// Whether `location` (a `--store` or `paths.store` value) names a PostgreSQL store.
    public static func names(_ location: String) -> Bool {
        location.hasPrefix("postgresql://") || location.hasPrefix("postgres://")
    }

    public var isSocket: Bool { host.hasPrefix("/") }

    /// The socket's file, for a socket folder.
    public var socketPath: String { "\(host)/.s.PGSQL.\(port)" }

    /// The address without its password: what logs and messages show.
    public var description: String {
        let place = isSocket ? "/\(database)?host=\(host)&port=\(port)" : "\(host):\(port)/\(database)"
        return "postgresql://\(user)@\(place)"
    }

    /// Where, in words: `database sigap on 10.0.0.5:5432` or `… on the socket /run/postgresql/.s.PGSQL.5432`.
    public var place: String {
        isSocket ? "database \(database) on the socket \(socketPath)" : "database \(database) on \(host):\(port)"
    }

    /// A URI that cannot be used: what is wrong with it (exit 64, a usage error).
    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.names(text), let schemeEnd = text.range(of: "://") else {
            throw Invalid(description: "a PostgreSQL store is written postgresql://USER@HOST:PORT/DATABASE")
        }
        var rest = Substring(text[schemeEnd.upperBound...])
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        var user: String?
        var password: String?
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = credentials.firstIndex(of: ":") {
                user = try Self.decode(credentials[..<colon], "user")
                password = try Self.decode(credentials[credentials.index(after: colon)...], "password")
            } else {
                user = try Self.decode(credentials, "user")
            }
        }
        var host: String?
        var port: String?
        if rest.hasPrefix("[") {
            // An IPv6 address: [::1]:5432.
            guard let close = rest.firstIndex(of: "]") else { throw Invalid(description: "the host [\(rest) is not closed with ]") }
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { port = String(after.dropFirst()) }
        } else if let colon = rest.lastIndex(of: ":") {
            host = try Self.decode(rest[..<colon], "host")
            port = String(rest[rest.index(after: colon)...])
        } else if !rest.isEmpty {
            host = try Self.decode(rest, "host")
        }
        if host?.contains(",") == true {
            throw Invalid(description: "several hosts in one URI are not supported: give one")
        }
        var database = path.isEmpty ? nil : try Self.decode(path, "database")
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            let value = parts.count > 1 ? try Self.decode(parts[1], key) : ""
            switch key {
            case "host": host = value
            case "port": port = value
            case "user": user = value
            case "password": password = value
            case "dbname": database = value
            case "sslmode":
                guard ["disable", "allow", "prefer"].contains(value) else {
                    throw Invalid(
                        description:
                            "sslmode=\(value) is not supported: sigap talks to PostgreSQL without TLS (a Unix socket, or a trusted network); leave sslmode out or give sslmode=disable"
                    )
                }
            case "application_name", "connect_timeout": continue
            default:
                throw Invalid(description: "the URI parameter '\(key)' is not supported (host, port, user, password, dbname, sslmode are)")
            }
        }
        let resolvedHost = (host?.isEmpty == false ? host : nil) ?? environment["PGHOST"] ?? "/run/postgresql"
        let portText = (port?.isEmpty == false ? port : nil) ?? environment["PGPORT"] ?? "5432"
        guard let portNumber = Int(portText), (1...65535).contains(portNumber) else {
            throw Invalid(description: "the port '\(portText)' is not a number from 1 to 65535")
        }
        let resolvedUser =
            (user?.isEmpty == false ? user : nil) ?? environment["PGUSER"] ?? environment["USER"] ?? environment["LOGNAME"] ?? "postgres"
        self.user = resolvedUser
        self.host = resolvedHost
        self.port = portNumber
        self.database = (database?.isEmpty == false ? database : nil) ?? environment["PGDATABASE"] ?? resolvedUser
        self.passwordInURL = password
    }

    private static func decode(_ text: Substring, _ part: String) throws -> String {
        guard let decoded = String(text).removingPercentEncoding else {
            throw Invalid(description: "the \(part) in the URI has a broken %-escape")
        }
        return decoded
    }

    /// The password to sign in with, as libpq finds it: the URI's, else `PGPASSWORD`, else the
    /// first matching line of `PGPASSFILE` or `~/.pgpass` (`host:port:database:user:password`, `*`
    /// matching anything; ignored unless only its owner can read it, as libpq does). A socket
    /// matches the host `localhost`.
    public func password(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let passwordInURL { return passwordInURL }
        if let password = environment["PGPASSWORD"] { return password }
        let file = environment["PGPASSFILE"] ?? environment["HOME"].map { "\($0)/.pgpass" }
        guard let file, let text = Self.ownerOnlyText(file) else { return nil }
        let wanted = [isSocket ? "localhost" : host, "\(port)", database, user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = Self.pgpassFields(line)
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// A password file's text, when it is a regular file no one but its owner may read or write.
    private static func ownerOnlyText(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_mode & 0o077 == 0 else { return nil }
        return try? String(contentsOfFile: path, encoding: .utf8)
    }

    /// The fields of a `.pgpass` line: split at `:`, with `\:` and `\\` as escapes.
    static func pgpassFields(_ line: Substring) -> [String] {
        var fields: [String] = []
        var field = ""
        var escaped = false
        for character in line {
            if escaped {
                field.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        fields.append(field)
        return fields
    }
}
