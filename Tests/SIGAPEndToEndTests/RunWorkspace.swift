import Foundation
import XLSXTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A scratch installation for the unattended-run tests: its own inbox, out folder, store and
/// metrics folder under a fresh temporary folder, and the built `sigap` binary to drive them the
/// way cron does. Commands run through `RunningSigap`, which can also change the child's umask,
/// start it in the background and kill it.
struct RunWorkspace {
    static let root = SigapProcess.packageRoot.path
    static let demoInbox = "\(root)/fixtures/demo-inbox"
    static let demoMonths = ["2025-11", "2025-12", "2026-01", "2026-02"]
    /// The demo's damaged upload: without it, the demo inbox reads cleanly (exit 0).
    static let damagedUpload = "2025-12/DISKOPUKM/rekap desember.xlsx"
    static let pipeline = "pipelines/sigap-bekasi.yaml"

    let folder: String
    var inbox: String { "\(folder)/inbox" }
    var out: String { "\(folder)/out" }
    var store: String { "\(folder)/var/sigap.sqlite" }
    var metrics: String { "\(folder)/metrics/sigap.prom" }

    init(_ label: String) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sigap-\(label)-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: "\(folder)/inbox", withIntermediateDirectories: true)
    }

    /// Deletes the workspace (the big ones: a failing test's messages say what went wrong).
    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Copies months of the committed demo inbox (never written to) into this inbox; `clean`
    /// leaves out the damaged December upload.
    func arriveDemo(_ months: [String] = RunWorkspace.demoMonths, clean: Bool = false) throws {
        for month in months {
            try FileManager.default.copyItem(atPath: "\(Self.demoInbox)/\(month)", toPath: "\(inbox)/\(month)")
        }
        if clean { try? FileManager.default.removeItem(atPath: "\(inbox)/\(Self.damagedUpload)") }
    }

    /// `command extra... --pipeline P --inbox I --out O --store S`; `overrides` replaces any of
    /// those four (e.g. `["--out": "/elsewhere"]`).
    /// Only the options the command takes (`SigapProcess.ledgerOptions`).
    func arguments(_ command: String, _ extra: [String], overrides: [String: String] = [:]) -> [String] {
        [command] + extra
            + SigapProcess.ledgerOptions(
                command, pipeline: overrides["--pipeline"] ?? Self.pipeline, inbox: overrides["--inbox"] ?? inbox,
                out: overrides["--out"] ?? out, store: overrides["--store"] ?? store)
    }

    /// Runs a command to its end.
    @discardableResult
    func sigap(
        _ command: String, _ extra: [String] = [], overrides: [String: String] = [:], umask: mode_t? = nil,
        fileSizeBlocks: Int? = nil, timeLimit: Duration = .seconds(120)
    ) throws -> RunResult {
        try start(command, extra, overrides: overrides, umask: umask, fileSizeBlocks: fileSizeBlocks).wait(timeLimit: timeLimit)
    }

    /// Starts a command in the background.
    func start(
        _ command: String, _ extra: [String] = [], overrides: [String: String] = [:], umask: mode_t? = nil, fileSizeBlocks: Int? = nil
    ) throws -> RunningSigap {
        try RunningSigap(
            arguments(command, extra, overrides: overrides), logFolder: "\(folder)/logs", umask: umask, fileSizeBlocks: fileSizeBlocks)
    }

    // MARK: - Looking at what a run left

    /// Relative paths of the regular files under `path` (recursive, hidden files included), sorted.
    static func files(under path: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: path) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(path)/\(relative)", isDirectory: &isFolder), !isFolder.boolValue {
                found.append(relative)
            }
        }
        return found.sorted()
    }

    /// Every file under `<out>` but the manifests, with its bytes.
    func outputs() -> [String: Data] {
        var contents: [String: Data] = [:]
        for relative in Self.files(under: out) where !relative.hasPrefix("runs/") {
            contents[relative] = FileManager.default.contents(atPath: "\(out)/\(relative)")
        }
        return contents
    }

    /// Files of `<out>/runs/`.
    func manifestNames() -> [String] {
        Self.files(under: "\(out)/runs")
    }

    /// The manifests under `<out>/runs/`, parsed (in name order: two runs within one second do
    /// not sort by time).
    func manifests() throws -> [[String: Any]] {
        try manifestNames().map { try Self.json(contentsOf: "\(out)/runs/\($0)") }
    }

    /// The manifests written since `before` (the names `manifestNames()` gave then).
    func manifests(since before: [String]) throws -> [[String: Any]] {
        try manifestNames().filter { !before.contains($0) }.map { try Self.json(contentsOf: "\(out)/runs/\($0)") }
    }

    /// Temporary files anywhere under `path`: an atomic write's (`.NAME.tmp-PID`), and
    /// libxlsxwriter's (`tmp.XXXXXXXXXX`, in the folder of the workbook it writes).
    static func temporaryFiles(under path: String) -> [String] {
        files(under: path).filter { isTemporary($0) }
    }

    static func isTemporary(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        if name.hasPrefix(".") && name.contains(".tmp-") { return true }
        return name.hasPrefix("tmp.") && name.count == 14 && name.dropFirst(4).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOfFile: "\(out)/\(relative)", encoding: .utf8)
    }

    static func json(contentsOf path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw WorkspaceFailure("\(path) is not a JSON object")
        }
        return object
    }

    /// The bytes of the store (and its `-wal`, `-journal` when present): equal bytes, same store.
    func storeBytes() -> [String: Data] {
        var bytes: [String: Data] = [:]
        for suffix in ["", "-wal", "-journal"] {
            if let data = FileManager.default.contents(atPath: store + suffix) { bytes[suffix] = data }
        }
        return bytes
    }

    /// Permission bits of a file.
    static func mode(of path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o7777
    }

    /// SHA-256 of a file with the system's `sha256sum`, independent of the project's code.
    static func sha256sum(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let digest = String(decoding: output, as: UTF8.self).split(separator: " ").first else {
            throw WorkspaceFailure("sha256sum \(path) failed")
        }
        return String(digest)
    }

    /// Generates a synthetic roster (and BPJS acknowledgements for it) with `sigap fixtures`.
    func generate(rows: Int, roster: String, acknowledgements: String?, period: String) throws {
        for relative in [roster] + (acknowledgements.map { [$0] } ?? []) {
            try FileManager.default.createDirectory(
                atPath: ("\(inbox)/\(relative)" as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        }
        let made = try RunningSigap(
            ["fixtures", "roster", "--rows", "\(rows)", "--out", "\(inbox)/\(roster)"], logFolder: "\(folder)/logs"
        )
        .wait(timeLimit: .seconds(120))
        guard made.exitStatus == 0 else { throw WorkspaceFailure("fixtures roster: \(made)") }
        if let acknowledgements {
            let acks = try RunningSigap(
                ["fixtures", "acks", "--rows", "\(rows)", "--period", period, "--out", "\(inbox)/\(acknowledgements)"],
                logFolder: "\(folder)/logs"
            ).wait(timeLimit: .seconds(120))
            guard acks.exitStatus == 0 else { throw WorkspaceFailure("fixtures acks: \(acks)") }
        }
    }
}

struct WorkspaceFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// What one finished command did.
struct RunResult: CustomStringConvertible {
    var arguments: [String]
    /// nil when killed by a signal (or by the time limit).
    var exitStatus: Int32?
    var signal: Int32?
    var stdout: String
    var stderr: String
    var elapsed: Duration

    var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }
    var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }

    var description: String {
        let status = exitStatus.map { "exit \($0)" } ?? "signal \(signal ?? 0)"
        return "sigap \(arguments.joined(separator: " ")) → \(status) after \(elapsed); stdout: \(stdout.isEmpty ? "(empty)" : stdout)"
            + " stderr: \(stderr.isEmpty ? "(empty)" : stderr)"
    }
}

/// A `sigap` child started in the background from the package root, its stdout and stderr going
/// to files (so a long run never blocks on a full pipe). `umask` sets the child's umask before it
/// execs sigap (`sh -c 'umask 000; exec ...'`): the same process, so `pid` is sigap's own and a
/// SIGKILL hits sigap itself. `fileSizeBlocks` caps the size of any file the child writes
/// (`ulimit -f`, in the shell's blocks of 512 or 1,024 bytes, with SIGXFSZ ignored so a write
/// past it fails with EFBIG): a disk that fills up, for a test run as root. `asNobody` runs it as
/// user nobody through `setpriv`.
final class RunningSigap: @unchecked Sendable {
    let arguments: [String]
    let pid: pid_t
    let stdoutPath: String
    let stderrPath: String
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var finished: (status: Int32?, signal: Int32?)?

    init(_ arguments: [String], logFolder: String, umask: mode_t? = nil, fileSizeBlocks: Int? = nil, asNobody: Bool = false) throws {
        self.arguments = arguments
        let binary = try SigapProcess.binary()
        try FileManager.default.createDirectory(atPath: logFolder, withIntermediateDirectories: true)
        let stem = "\(logFolder)/\(UUID().uuidString.prefix(8))"
        stdoutPath = "\(stem).stdout"
        stderrPath = "\(stem).stderr"
        let setMask = umask.map { "umask " + String($0, radix: 8) + " && " } ?? ""
        let setLimit = fileSizeBlocks.map { "ulimit -f \($0) && trap '' XFSZ && " } ?? ""
        // As nobody (uid 65534), for what root is never refused (a folder it may not read).
        let user = asNobody ? "/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups " : ""
        let argv = ["/bin/sh", "-c", setMask + setLimit + "cd \"$0\" && exec \(user)\"$@\"", RunWorkspace.root, binary] + arguments

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // Pipes other tests are creating at this instant must not leak into this child (a pipe
        // whose write end a long run inherits would not see its end of file until that run ends).
        var limit = rlimit()
        let highest = getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 ? min(Int32(clamping: limit.rlim_cur), 4096) : 1024
        for descriptor in 3..<max(highest, 3) { posix_spawn_file_actions_addclose(&actions, descriptor) }

        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in cArguments { free(pointer) }
            for pointer in cEnvironment { free(pointer) }
        }
        var child: pid_t = 0
        started = clock.now
        let result = posix_spawn(&child, argv[0], &actions, nil, cArguments, cEnvironment)
        guard result == 0 else { throw WorkspaceFailure("posix_spawn failed: \(result)") }
        pid = child
    }

    var elapsed: Duration { clock.now - started }

    /// Whether the child has ended (reaps it when it has).
    var isRunning: Bool {
        if finished != nil { return false }
        var status: Int32 = 0
        let reaped = waitpid(pid, &status, WNOHANG)
        if reaped == pid {
            record(status)
            return false
        }
        return reaped == 0
    }

    private func record(_ status: Int32) {
        let signal = status & 0x7F
        finished = signal == 0 ? ((status >> 8) & 0xFF, nil) : (nil, signal)
    }

    func kill(_ signal: Int32 = SIGKILL) {
        if finished == nil { _ = Glibc.kill(pid, signal) }
    }

    /// Waits for the end (killing the child after `timeLimit`) and collects its output.
    func wait(timeLimit: Duration = .seconds(120)) -> RunResult {
        while isRunning {
            if elapsed > timeLimit { kill() }
            usleep(2_000)
        }
        let stdout = (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        return RunResult(
            arguments: arguments, exitStatus: finished?.status, signal: finished?.signal, stdout: stdout, stderr: stderr,
            elapsed: elapsed)
    }

    /// What the child has written to stderr so far.
    var stderrSoFar: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
}

/// Whether some process holds a `flock` on `path` (read from `/proc/locks`, without touching the
/// lock itself): how a test knows a run has taken the store's lock.
func flockHolders(of path: String) -> [pid_t] {
    var info = stat()
    guard stat(path, &info) == 0, let locks = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return [] }
    let inode = String(info.st_ino)
    var holders: [pid_t] = []
    for line in locks.split(separator: "\n") {
        // 1: FLOCK  ADVISORY  WRITE 12345 08:01:1234567 0 EOF
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 6, fields[1] == "FLOCK", fields[0].hasSuffix(":") else { continue }
        let device = fields[5].split(separator: ":")
        if device.last.map(String.init) == inode, let pid = pid_t(fields[4]) { holders.append(pid) }
    }
    return holders
}

/// Prometheus text samples: `name{labels}` → value.
func prometheusSamples(_ text: String) -> [String: Double] {
    var samples: [String: Double] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
        guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
        samples[String(line[..<space])] = value
    }
    return samples
}
