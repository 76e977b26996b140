import Foundation

/// The process's resident memory, for the phase lines of the log (Linux `/proc/self/status`; nil
/// elsewhere). Figures in MB.
enum ProcessMemory {
    /// `VmRSS` (now) and `VmHWM` (peak so far).
    static func residentMegabytes() -> (now: Int, peak: Int)? {
        // /proc files report a size of 0: read them to the end rather than by their size.
        guard let handle = FileHandle(forReadingAtPath: "/proc/self/status"),
            let data = try? handle.readToEnd(), let status = String(data: data, encoding: .utf8)
        else { return nil }
        try? handle.close()
        var now: Int?
        var peak: Int?
        for line in status.split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count >= 2, let kilobytes = Int(parts[1]) else { continue }
            if parts[0] == "VmRSS:" { now = kilobytes / 1024 }
            if parts[0] == "VmHWM:" { peak = kilobytes / 1024 }
        }
        guard let now, let peak else { return nil }
        return (now, peak)
    }
}
