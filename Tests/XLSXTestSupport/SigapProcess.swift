import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs the built `sigap` binary with the package root as its working directory, capturing stdout,
/// stderr, exit status, elapsed time and the child's peak memory (from `wait4`).
public enum SigapProcess {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The package root, from this file's path (Tests/XLSXTestSupport/SigapProcess.swift).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `$SIGAP_BINARY` when set, else `sigap` next to the test runner (SwiftPM puts every product of a build
    /// in the same folder), else `.build/debug/sigap`.
    /// The options a ledger command takes of `--pipeline`, `--inbox`, `--out` and `--store`
    /// (SPEC §11: it refuses any other), as `flag value` pairs.
    public static func ledgerOptions(_ command: String, pipeline: String, inbox: String, out: String, store: String) -> [String] {
        let all = [("--pipeline", pipeline), ("--inbox", inbox), ("--out", out), ("--store", store)]
        let unused: Set<String> =
            switch command {
            case "status", "explain": ["--inbox", "--out"]
            case "report", "verify": ["--inbox"]
            default: []
            }
        return all.filter { !unused.contains($0.0) }.flatMap { [$0.0, $0.1] }
    }

    public static func binary() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["SIGAP_BINARY"], !explicit.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: explicit) else {
                throw Failure(description: "SIGAP_BINARY=\(explicit) is not an executable file")
            }
            return explicit
        }
        var candidates: [String] = []
        let runner = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = runner.deletingLastPathComponent()
        // On macOS the runner is inside a bundle: climb out of `*.xctest`.
        while folder.path.contains(".xctest") { folder.deleteLastPathComponent() }
        candidates.append(folder.appendingPathComponent("sigap").path)
        if let argument0 = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: argument0).deletingLastPathComponent().appendingPathComponent("sigap").path)
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/sigap").path)
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            return found
        }
        throw Failure(
            description: "the sigap binary is missing (looked at \(candidates.joined(separator: ", "))):"
                + " build it first with `swift build --product sigap`, or set SIGAP_BINARY")
    }

    /// Serialises pipe creation and spawning, so no other child inherits our pipes in the window
    /// before close-on-exec is set.
    private static let spawnLock = NSLock()

    /// Runs `sigap arguments...` from the package root and waits at most `timeLimit`.
    public static func run(
        _ arguments: [String],
        environment overrides: [String: String] = [:],
        timeLimit: Duration = .seconds(60)
    ) throws -> SigapResult {
        let binary = try binary()
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in overrides { environment[key] = value }
        // sh changes directory, then execs sigap: same process, so wait4 measures sigap itself.
        // The kernel counts a child's memory from before its exec (a copy of this test runner,
        // which can be large) in its peak RSS. GNU time forks sigap from its own small process,
        // so its figure is sigap's own: use it when installed (`make deps` installs it).
        let timeOutput = FileManager.default.temporaryDirectory.appendingPathComponent("sigap-rss-\(UUID().uuidString)").path
        let gnuTime = FileManager.default.isExecutableFile(atPath: "/usr/bin/time")
        let prefix = gnuTime ? ["/usr/bin/time", "-f", "%M", "-o", timeOutput] : []
        let argv = prefix + ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", packageRoot.path, binary] + arguments
        defer { unlink(timeOutput) }
        let envp = environment.map { "\($0.key)=\($0.value)" }

        let clock = ContinuousClock()
        let start = clock.now
        let (pid, stdoutFD, stderrFD) = try spawnLock.withLock { try spawn(argv: argv, envp: envp) }

        var stdoutBytes: [UInt8] = []
        var stderrBytes: [UInt8] = []
        var open: [Int32] = [stdoutFD, stderrFD]
        var timedOut = false
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while !open.isEmpty {
            let remaining = timeLimit - (clock.now - start)
            if remaining <= .zero {
                timedOut = true
                kill(pid, SIGKILL)
                break
            }
            var polls = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let milliseconds = Int32(min(remaining.components.seconds * 1000 + 1, 1000))
            let ready = poll(&polls, nfds_t(polls.count), milliseconds)
            if ready < 0 && errno != EINTR { break }
            for entry in polls where entry.revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    if entry.fd == stdoutFD {
                        stdoutBytes += buffer[0..<count]
                    } else {
                        stderrBytes += buffer[0..<count]
                    }
                } else if count == 0 || (count < 0 && errno != EINTR && errno != EAGAIN) {
                    close(entry.fd)
                    open.removeAll { $0 == entry.fd }
                }
            }
        }
        for fd in open { close(fd) }

        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let elapsed = clock.now - start
        let exited = status & 0x7F == 0
        return SigapResult(
            arguments: arguments,
            exitStatus: exited && !timedOut ? (status >> 8) & 0xFF : nil,
            signal: exited ? nil : status & 0x7F,
            stdout: String(decoding: stdoutBytes, as: UTF8.self),
            stderr: String(decoding: stderrBytes, as: UTF8.self),
            maxResidentKilobytes: gnuTime ? Self.peakFromGNUTime(timeOutput) ?? Int(usage.ru_maxrss) : Int(usage.ru_maxrss),
            elapsed: elapsed,
            cpuTime: .seconds(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
                + .microseconds(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec),
            timedOut: timedOut)
    }

    /// The last line of GNU time's `-o` file: peak RSS in KB.
    private static func peakFromGNUTime(_ path: String) -> Int? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    private static func spawn(argv: [String], envp: [String]) throws -> (pid_t, Int32, Int32) {
        var stdoutPipe: [Int32] = [0, 0]
        var stderrPipe: [Int32] = [0, 0]
        guard pipe(&stdoutPipe) == 0, pipe(&stderrPipe) == 0 else {
            throw Failure(description: "pipe failed: errno \(errno)")
        }
        for fd in stdoutPipe + stderrPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }

        #if canImport(Glibc)
            var actions = posix_spawn_file_actions_t()
        #else
            var actions: posix_spawn_file_actions_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)

        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = envp.map { strdup($0) } + [nil]
        defer {
            for pointer in cArguments { free(pointer) }
            for pointer in cEnvironment { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, argv[0], &actions, nil, cArguments, cEnvironment)
        close(stdoutPipe[1])
        close(stderrPipe[1])
        guard result == 0 else {
            close(stdoutPipe[0])
            close(stderrPipe[0])
            throw Failure(description: "posix_spawn \(argv[0]) failed: \(result)")
        }
        return (pid, stdoutPipe[0], stderrPipe[0])
    }
}
