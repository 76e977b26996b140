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

    /// Feeds whole workbook bytes to the reader; `concurrently` reads sheets on two threads too.
    public static func run(workbook bytes: UnsafeRawBufferPointer, concurrently: Bool) {
        writeFile(bytes, to: scratchPath)
        readEverything(path: scratchPath, concurrently: concurrently)
    }

    /// Opens the workbook and reads every sheet twice: `statistics()` (what `sigap xlsx stat` and
    /// the regression test do) and `forEachRow`, formatting each row as `sigap xlsx dump` does, on
    /// two threads when `concurrently` (else with the default: two threads above 1 MiB only).
    /// One `Workbook` for both passes: opening costs more than reading a small sheet, and the
    /// 16 MiB budget still leaves a second pass for any sheet up to 8 MiB.
    public static func readEverything(path: String, concurrently: Bool) {
        let workbook: Workbook
        do {
            workbook = try Workbook(path: path, limits: limits)
        } catch {
            return  // typed throws: always an XLSXError
        }
        _ = workbook.sheet(named: "Sheet1")
        _ = workbook.sheet(at: 1)
        for style in 0..<8 { consume(workbook.fillColor(ofStyle: style)?.utf8.count ?? 0) }
        for sheet in workbook.sheets {
            expectXLSXError {
                let statistics = try workbook.reader(for: sheet).statistics()
                consume(statistics.rows &+ statistics.totalCells)
            }
            expectXLSXError {
                var reader = workbook.reader(for: sheet)
                if concurrently { reader.inflatesConcurrently = true }
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
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
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
