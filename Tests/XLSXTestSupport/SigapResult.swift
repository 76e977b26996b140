/// What one run of the `sigap` binary did.
public struct SigapResult: Sendable, CustomStringConvertible {
    public var arguments: [String]
    /// The exit status, nil when the process was killed by a signal.
    public var exitStatus: Int32?
    public var signal: Int32?
    public var stdout: String
    public var stderr: String
    /// Peak resident set size of the child, from `wait4`.
    public var maxResidentKilobytes: Int
    public var elapsed: Duration
    /// CPU time the child (and what it waited for) used, user and system: unlike `elapsed`, it
    /// does not grow when other tests share the cores.
    public var cpuTime: Duration
    /// The run was killed after exceeding its time limit.
    public var timedOut: Bool

    public var stdoutLines: [String] {
        var lines = stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    public var description: String {
        let status = timedOut ? "timed out" : exitStatus.map { "exit \($0)" } ?? "signal \(signal ?? 0)"
        return "sigap \(arguments.joined(separator: " ")) → \(status), \(elapsed), \(maxResidentKilobytes) KB;"
            + " stderr: \(stderr.isEmpty ? "(empty)" : stderr)"
    }
}
