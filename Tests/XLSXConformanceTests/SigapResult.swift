import Testing
import XLSXTestSupport

extension SigapResult {
    /// Exit 0, nothing on stderr, and exactly `lines` on stdout.
    func expectSuccess(lines expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!timedOut && exitStatus == 0, "\(self)", sourceLocation: sourceLocation)
        #expect(stderr == "", sourceLocation: sourceLocation)
        let actual = stdoutLines
        #expect(actual == expected, sourceLocation: sourceLocation)
        if actual != expected {
            let differing = zip(actual, expected).enumerated().filter { $0.element.0 != $0.element.1 }
            for (index, pair) in differing.prefix(5) {
                Issue.record(
                    "line \(index + 1):\n  got      \(pair.0.prefix(300))\n  expected \(pair.1.prefix(300))",
                    sourceLocation: sourceLocation)
            }
            if actual.count != expected.count {
                Issue.record("\(actual.count) lines, expected \(expected.count)", sourceLocation: sourceLocation)
            }
        }
    }

    /// Exit `status` with a single stderr line `error: <path>: ...` containing every one of `phrases`
    /// and, when `oneOf` is not empty, at least one of `oneOf`.
    func expectFailure(
        status: Int32 = 65,
        path: String,
        phrases: [String],
        oneOf alternatives: [String] = [],
        emptyStdout: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(!timedOut, "killed after its time limit: \(self)", sourceLocation: sourceLocation)
        #expect(exitStatus == status, "\(self)", sourceLocation: sourceLocation)
        let lines = stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 1, "stderr must be one line: \(stderr)", sourceLocation: sourceLocation)
        #expect(stderr.hasPrefix("error: \(path): "), "stderr: \(stderr)", sourceLocation: sourceLocation)
        for phrase in phrases {
            #expect(stderr.contains(phrase), "stderr lacks \"\(phrase)\": \(stderr)", sourceLocation: sourceLocation)
        }
        if !alternatives.isEmpty {
            #expect(
                alternatives.contains { stderr.contains($0) },
                "stderr has none of \(alternatives): \(stderr)", sourceLocation: sourceLocation)
        }
        if emptyStdout {
            #expect(stdout == "", "stdout: \(stdout.prefix(500))", sourceLocation: sourceLocation)
        }
    }
}
