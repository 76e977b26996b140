import Foundation
import GRDB
import SIGAPPipeline
import Testing

/// SPEC §11's store rules and §3's bound on `--through`, as an operator meets them: a lost or
/// mistyped store never reopens closed books, read-only commands never make a store, a dry run
/// writes nothing at all.
@Suite("The store's rules")
struct StoreRulesTests {
    /// The clean demo run through February, November and December closed.
    static func closedHistory(_ label: String) throws -> RunWorkspace {
        let workspace = try RunWorkspace(label)
        try workspace.arriveDemo(clean: true)
        for step in [
            ["run", "--through", "2026-02"], ["close", "2025-11", "--through", "2026-02"], ["close", "2025-12", "--through", "2026-02"],
        ] {
            let result = try workspace.sigap(step[0], Array(step.dropFirst()))
            guard result.exitStatus == 0 else { throw WorkspaceFailure("\(result)") }
        }
        return workspace
    }

    /// What must not change: every published file (closed months' included) and the store's bytes.
    static func books(_ workspace: RunWorkspace) -> [String: Data] {
        var books = workspace.outputs()
        for (suffix, data) in workspace.storeBytes() { books["store\(suffix)"] = data }
        return books
    }

    @Test("a lost store (deleted, or emptied to 0 bytes) is not started over beside published months: exit 66, nothing changes")
    func lostStore() throws {
        let workspace = try Self.closedHistory("lost-store")
        defer { workspace.remove() }
        let outputs = workspace.outputs()
        let manifests = workspace.manifestNames()
        try FileManager.default.removeItem(atPath: workspace.store)

        let run = try workspace.sigap("run", ["--through", "2026-02"])
        #expect(run.exitStatus == 66, "\(run)")
        #expect(run.stderr.contains("the store \(workspace.store) is missing or holds no month"), "\(run)")
        #expect(run.stderr.contains("holds published months (2025-11 to 2026-02)"), "\(run)")
        #expect(run.stderr.contains("Restore the store from a backup"), "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
        #expect(!FileManager.default.fileExists(atPath: workspace.store), "a refused run made a store")
        #expect(workspace.outputs() == outputs)
        #expect(workspace.manifestNames() == manifests)

        // An emptied file is no store either; a dry run is refused the same way.
        #expect(FileManager.default.createFile(atPath: workspace.store, contents: Data()))
        for extra in [[String](), ["--dry-run"]] {
            let again = try workspace.sigap("run", ["--through", "2026-02"] + extra)
            #expect(again.exitStatus == 66, "\(again)")
            #expect(again.stderr.contains("is missing or holds no month"), "\(again)")
        }
        #expect(FileManager.default.contents(atPath: workspace.store) == Data())
        #expect(workspace.outputs() == outputs)
    }

    @Test("a mistyped --store: run refuses (66) and makes no file or folder there")
    func mistypedStore() throws {
        let workspace = try Self.closedHistory("typo-store")
        defer { workspace.remove() }
        let outputs = workspace.outputs()
        let books = Self.books(workspace)
        let typo = "\(workspace.folder)/vra/sigap.sqlite"
        let run = try workspace.sigap("run", ["--through", "2026-02"], overrides: ["--store": typo])
        #expect(run.exitStatus == 66, "\(run)")
        #expect(run.stderr.contains("the store \(typo) is missing or holds no month"), "\(run)")
        #expect(!FileManager.default.fileExists(atPath: "\(workspace.folder)/vra"), "a refused run made the store's folder")
        #expect(workspace.outputs() == outputs)
        #expect(Self.books(workspace) == books)
    }

    @Test("status, report and close need an existing store: 66 naming the path, nothing created", arguments: ["status", "report", "close"])
    func readersNeedAStore(_ command: String) throws {
        let workspace = try Self.closedHistory("no-store-\(command)")
        defer { workspace.remove() }
        let books = Self.books(workspace)
        let missing = "\(workspace.folder)/nowhere/sigap.sqlite"
        let extra = command == "status" ? [] : command == "report" ? ["2025-11"] : ["2025-11", "--through", "2025-11"]
        let result = try workspace.sigap(command, extra, overrides: ["--store": missing])
        #expect(result.exitStatus == 66, "\(result)")
        #expect(result.stderr.contains("there is no store at \(missing)"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: "\(workspace.folder)/nowhere"), "\(command) made the store's folder")
        #expect(Self.books(workspace) == books)

        // A SQLite database another tool made is not a sigap store either.
        try FileManager.default.createDirectory(atPath: "\(workspace.folder)/nowhere", withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: missing)
        try queue.write { try $0.execute(sql: "CREATE TABLE t (x)") }
        try queue.close()
        let foreign = try workspace.sigap(command, extra, overrides: ["--store": missing])
        #expect(foreign.exitStatus == 66, "\(foreign)")
        #expect(foreign.stderr.contains("\(missing) is not a sigap store"), "\(foreign)")
        #expect(Self.books(workspace) == books)
    }

    @Test("--through more than 12 months after the current month is a usage error (64) at once, for run and close")
    func throughBound() throws {
        let workspace = try Self.closedHistory("through-bound")
        defer { workspace.remove() }
        let books = Self.books(workspace)
        let current = JakartaClock.currentMonth()
        var tooFar = current
        for _ in 0..<13 { tooFar = tooFar.next }
        for (command, month) in [("run", "9999-12"), ("run", "2099-12"), ("run", tooFar.description), ("close", "9999-12")] {
            let extra = command == "close" ? ["2026-01"] : []
            let result = try workspace.sigap(command, extra + ["--through", month], timeLimit: .seconds(30))
            #expect(result.exitStatus == 64, "\(result)")
            #expect(result.stderr.contains("--through \(month) is more than 12 months after the current month \(current)"), "\(result)")
        }
        #expect(Self.books(workspace) == books)
        #expect(!FileManager.default.fileExists(atPath: "\(workspace.out)/2027-01"))
    }

    @Test("--dry-run on a fresh installation writes nothing at all: no store, no lock file, no folder")
    func dryRunWritesNothing() throws {
        let workspace = try RunWorkspace("dry-nothing")
        defer { workspace.remove() }
        try workspace.arriveDemo(["2025-11"], clean: true)
        let before = RunWorkspace.files(under: workspace.folder)
        let dry = try workspace.sigap("run", ["--through", "2025-11", "--dry-run"])
        #expect(dry.exitStatus == 0, "\(dry)")
        #expect(dry.stdoutLines.contains { $0.hasPrefix("2025-11: ") }, "\(dry)")
        #expect(RunWorkspace.files(under: workspace.folder).filter { !$0.hasPrefix("logs/") } == before)
        #expect(!FileManager.default.fileExists(atPath: "\(workspace.folder)/var"))
    }
}

extension StoreRulesTests {
    @Test("a store that holds no month (a first night that stopped early) is missing for status, report, close, verify and explain: 66")
    func emptyStore() throws {
        let workspace = try RunWorkspace("empty-store")
        defer { workspace.remove() }
        // The first night finds no inbox: the store is made, nothing is computed.
        try FileManager.default.removeItem(atPath: workspace.inbox)
        #expect(try workspace.sigap("run", ["--through", "2025-11"]).exitStatus == 66)
        #expect(FileManager.default.fileExists(atPath: workspace.store))
        for (command, extra) in [
            ("status", [String]()), ("report", ["2025-11"]), ("close", ["2025-11", "--through", "2025-11"]), ("verify", []),
            ("explain", ["3275015203900002"]),
        ] {
            let result = try workspace.sigap(command, extra)
            #expect(result.exitStatus == 66, "\(result)")
            #expect(result.stderr.contains("the store \(workspace.store) holds no month yet"), "\(result)")
        }
    }
}
