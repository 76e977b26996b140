import XLSX

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What both fuzz targets do with one input: write it to a scratch file (the reader takes a path)
/// and read the workbook the way the pipeline and `sigap xlsx` do, through every public entry
/// point. A thrown `XLSXError` is an accepted outcome; any other error, a trap, a sanitizer report,
/// a hang or unbounded memory is a finding.
public enum Harness {
    /// Small caps so that zip bombs cost milliseconds, not seconds (the repeated-rows mode of the
    /// XML target needs well under 1 MiB).
    public static let limits = ReaderLimits.capped(at: 16 << 20)

    /// One scratch file per process: on tmpfs (`/dev/shm`) when there is one, else `$TMPDIR`.
    public static let scratchPath: String = {
        var folder = "/dev/shm"
        var status = stat()
        if stat(folder, &status) != 0 || (status.st_mode & S_IFMT) != S_IFDIR || access(folder, W_OK) != 0 {
            folder = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        }
        atexit { unlink(Harness.scratchPath) }
        return "\(folder)/sigap-fuzz-\(getpid()).xlsx"
    }()

    /// Feeds whole workbook bytes to the reader.
    public static func run(workbook bytes: UnsafeRawBufferPointer) {
        writeFile(bytes, to: scratchPath)
        readEverything(path: scratchPath)
    }

    /// Feeds whole workbook bytes to the reader.
    public static func run(workbook bytes: [UInt8]) {
        bytes.withUnsafeBytes { run(workbook: $0) }
    }

    /// Opens the workbook and reads every sheet twice: `statistics()` (the default threading: one
    /// thread for small parts) and `forEachRow` on two threads, formatting each row as `dump` does.
    /// Two `Workbook` instances, because the inflate budget is per workbook.
    public static func readEverything(path: String) {
        let first: Workbook
        do {
            first = try Workbook(path: path, limits: limits)
        } catch {
            return  // typed throws: always an XLSXError
        }
        _ = first.sheet(named: "Sheet1")
        _ = first.sheet(at: 1)
        for style in 0..<8 { consume(first.fillColor(ofStyle: style)?.utf8.count ?? 0) }
        for sheet in first.sheets {
            expectXLSXError {
                let statistics = try first.reader(for: sheet).statistics()
                consume(statistics.rows &+ statistics.totalCells)
            }
        }
        guard let second = try? Workbook(path: path, limits: limits) else { return }
        for sheet in second.sheets {
            expectXLSXError {
                var reader = second.reader(for: sheet)
                reader.inflatesConcurrently = true
                let merges = try reader.forEachRow { row in consume(row.jsonLine.utf8.count) }
                consume(merges.count)
            }
        }
    }

    /// Runs `body`; an `XLSXError` is fine, any other error breaks the reader's contract.
    static func expectXLSXError(_ body: () throws -> Void) {
        do {
            try body()
        } catch is XLSXError {
            return
        } catch {
            fatalError("the reader threw \(type(of: error)), not an XLSXError: \(error)")
        }
    }

    nonisolated(unsafe) static var sink = 0

    /// Keeps results alive so that the optimiser cannot drop the work that made them.
    @inline(never)
    static func consume(_ value: Int) { sink &+= value }

    /// Writes `bytes` to `path`, replacing it. A failure here is the machine's, not the reader's.
    public static func writeFile(_ bytes: UnsafeRawBufferPointer, to path: String) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { fatalError("fuzz harness: cannot create \(path): errno \(errno)") }
        defer { close(descriptor) }
        var done = 0
        while done < bytes.count {
            let result = write(descriptor, bytes.baseAddress! + done, bytes.count - done)
            if result < 0 {
                if errno == EINTR { continue }
                fatalError("fuzz harness: cannot write \(path): errno \(errno)")
            }
            done += result
        }
    }
}
