import Foundation
import SIGAPDomain
import XLSX

/// The run's log: plain English lines for a terminal, or JSON lines (`--log-format json`). Callers
/// mask NIKs and phone numbers before they log (SPEC §11); `RunLog` masks any run of ten or more
/// digits as a last line of defence.
public final class RunLog: @unchecked Sendable {
    public enum Format: String, Sendable { case text, json }

    public let format: Format
    private let sink: @Sendable (String) -> Void
    private let lock = NSLock()
    public private(set) var lines: [String] = []

    public init(format: Format = .text, sink: @escaping @Sendable (String) -> Void) {
        self.format = format
        self.sink = sink
    }

    /// A progress line for long reads, shown only on a terminal in text mode (redrawn in place,
    /// never logged). File names only: no personal data.
    public var progress: (@Sendable (_ file: String, _ rows: Int) -> Void)? {
        guard format == .text, isatty(2) != 0 else { return nil }
        return { file, rows in
            var line = "\rsigap: reading \(file): \(rows) rows…"
            line.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
        }
    }

    public func info(_ message: String) { emit("info", message) }
    public func warning(_ message: String) { emit("warning", message) }
    public func error(_ message: String) { emit("error", message) }

    /// `text` on one line of a text log: control characters (a newline or an escape sequence in
    /// a file name) written as `\n`, `\r`, `\t` or `\u{XX}`, so no name can forge a log line.
    public static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var line = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            case "\t": line += "\\t"
            case _ where isControl(scalar): line += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: line.unicodeScalars.append(scalar)
            }
        }
        return line
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    private func emit(_ level: String, _ message: String) {
        let safe = Masking.longDigitRuns(message)
        let line: String
        switch format {
        case .text:
            // On a terminal, first clear a progress line that may be drawn there.
            line = (isatty(2) != 0 ? "\r\u{1B}[K" : "") + "sigap: \(level): \(Self.oneLine(safe))"
        case .json:
            let time = ISO8601DateFormatter().string(from: Date())
            line = "{\"time\":\"\(time)\",\"level\":\"\(level)\",\"message\":\(JSON.string(safe))}"
        }
        lock.lock()
        lines.append(line)
        lock.unlock()
        sink(line)
    }

}
