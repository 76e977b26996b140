import Foundation
import Testing
import XLSXTestSupport

/// The month-end report (SPEC §10) of the demo month December 2025, built by the binary and
/// opened in headless Chromium: it renders without a console message (no script error, nothing
/// blocked by its Content-Security-Policy, nothing fetched), prints to a few A4 pages, and its
/// screenshot is a picture, not a blank page.
///
/// Chromium is the Debian package `chromium` (`make deps` installs it). Without it these tests
/// fail and say so: they are never skipped. `$CHROMIUM` names another binary.
/// `SIGAP_REPORT_PNG=docs/report-2025-12.png` also saves the screenshot there (the README's picture).
@Suite("Month-end report in headless Chromium", .serialized)
struct ReportBrowserTests {
    static let root = SigapProcess.packageRoot.path

    /// A scratch workspace with the demo history run through February, November closed.
    final class Demo {
        let folder: String
        var inbox: String { "\(folder)/inbox" }
        var out: String { "\(folder)/out" }
        var store: String { "\(folder)/var/sigap.sqlite" }
        private(set) var runOutput = ""

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("sigap-report-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
            try arrive(["2025-11"])
            let first = try sigap("run", ["--through", "2025-11"])
            #expect(first.exitStatus == 0, "\(first)")
            let close = try sigap("close", ["2025-11", "--through", "2025-11"])
            #expect(close.exitStatus == 0, "\(close)")
            try arrive(["2025-12", "2026-01", "2026-02"])
            let second = try sigap("run", ["--through", "2026-02"])
            #expect(second.exitStatus == 65, "\(second)")  // the damaged DISKOPUKM upload
        }

        deinit {
            try? FileManager.default.removeItem(atPath: folder)
        }

        func arrive(_ months: [String]) throws {
            for month in months {
                try FileManager.default.copyItem(
                    atPath: "\(ReportBrowserTests.root)/fixtures/demo-inbox/\(month)", toPath: "\(inbox)/\(month)")
            }
        }

        func sigap(_ command: String, _ extra: [String] = []) throws -> SigapResult {
            try SigapProcess.run(
                [command] + extra
                    + SigapProcess.ledgerOptions(command, pipeline: "pipelines/sigap-bekasi.yaml", inbox: inbox, out: out, store: store))
        }

        /// `sigap report <month>`: the path it printed.
        func report(_ month: String) throws -> String {
            let result = try sigap("report", [month])
            try #require(result.exitStatus == 0, "\(result)")
            let path = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(path == "\(out)/\(month)/report.html")
            return path
        }
    }

    // MARK: - Tests

    @Test("sigap report writes report.html from the store (0640) and refuses a month never computed")
    func reportCommand() throws {
        let demo = try Demo()
        let path = try demo.report("2025-12")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("Rp 84.000"))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o027 } == 0, "mode \(String(mode ?? 0, radix: 8))")
        // Without the inbox: nothing is read but the store.
        try FileManager.default.removeItem(atPath: demo.inbox)
        #expect(try String(contentsOfFile: try demo.report("2025-12"), encoding: .utf8) == html)
        let never = try demo.sigap("report", ["2026-05"])
        #expect(never.exitStatus == 64, "\(never)")
        #expect(never.stderr.contains("2026-05 has never been computed"))
        let bad = try demo.sigap("report", ["Desember"])
        #expect(bad.exitStatus == 64, "\(bad)")
    }

    @Test("every run and close writes report.html, the same page sigap report rebuilds")
    func runsWriteTheReport() throws {
        let demo = try Demo()
        for month in ["2025-11", "2025-12", "2026-01", "2026-02"] {
            let written = "\(demo.out)/\(month)/report.html"
            #expect(FileManager.default.fileExists(atPath: written), "\(month): the run wrote no report.html")
            guard let before = try? String(contentsOfFile: written, encoding: .utf8) else { continue }
            #expect(try String(contentsOfFile: try demo.report(month), encoding: .utf8) == before, "\(month)")
        }
        #expect(try String(contentsOfFile: "\(demo.out)/2025-11/report.html", encoding: .utf8).contains("data-closed=\"true\""))
    }

    @Test("Chromium renders the report without a console message, script error or blocked request")
    func rendersCleanly() throws {
        let browser = try Chromium()
        // The check works: a page with a script error and a console.error is caught.
        let control = try browser.scratchFile(
            "control.html",
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>x</title></head><body><p>x</p>"
                + "<script>console.error(\"sigap-control\"); notAFunction();</script></body></html>")
        let caught = try browser.run(["--dump-dom", "file://\(control)"])
        #expect(caught.consoleMessages.contains { $0.contains("sigap-control") }, "\(caught.stderr)")
        #expect(caught.consoleMessages.contains { $0.contains("Uncaught") }, "\(caught.stderr)")

        let demo = try Demo()
        let report = try demo.report("2025-12")
        let rendered = try browser.run(["--dump-dom", "file://\(report)"])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        #expect(rendered.consoleMessages.isEmpty, "\(rendered.consoleMessages)")
        #expect(!rendered.stderr.contains("Uncaught"))
        // The DOM the browser built holds the report.
        #expect(rendered.stdout.contains("Laporan Rekonsiliasi Bulanan SIGAP"))
        #expect(rendered.stdout.contains("Rp 84.000"))
        #expect(rendered.stdout.contains("baru dikonfirmasi BPJS pada Desember 2025"))
        #expect(rendered.stdout.components(separatedBy: "<rect ").count - 1 >= 40)
    }

    @Test("it prints to A4: a PDF of 3 to 10 pages")
    func printsToA4() throws {
        let browser = try Chromium()
        let demo = try Demo()
        let report = try demo.report("2025-12")
        let pdf = "\(browser.folder)/report.pdf"
        let printed = try browser.run(["--no-pdf-header-footer", "--print-to-pdf=\(pdf)", "file://\(report)"])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.consoleMessages.isEmpty, "\(printed.consoleMessages)")
        let data = try Data(contentsOf: URL(fileURLWithPath: pdf))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix("%PDF-"))
        let pages = try NSRegularExpression(pattern: #"/Type\s*/Page(?![A-Za-z])"#)
            .numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
        #expect((3...10).contains(pages), "\(pages) pages")
        // A4 is 595.28 × 841.89 points.
        let boxes = try NSRegularExpression(pattern: #"/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]"#)
            .matches(in: text, range: NSRange(text.startIndex..., in: text))
        #expect(boxes.count == pages)
        for box in boxes {
            let width = Double(text[Range(box.range(at: 1), in: text)!]) ?? 0
            let height = Double(text[Range(box.range(at: 2), in: text)!]) ?? 0
            #expect(abs(width - 595.28) < 2 && abs(height - 841.89) < 2, "\(width) × \(height)")
        }
    }

    @Test("its screenshot is a picture: many colours, much of the page drawn; a blank page is not")
    func screenshotIsNotBlank() throws {
        let browser = try Chromium()
        let blankPage = try browser.scratchFile("blank.html", "<!DOCTYPE html><html><head><title>x</title></head><body></body></html>")
        let blank = try browser.screenshot(of: blankPage, height: 600)
        #expect(blank.distinctColours <= 2 && blank.drawnFraction < 0.001, "a blank page: \(blank.distinctColours) colours")

        let demo = try Demo()
        let report = try demo.report("2025-12")
        let shot = try browser.screenshot(of: report, height: 5000)
        #expect(shot.width == 1000 && shot.height == 5000)
        #expect(shot.distinctColours >= 50, "\(shot.distinctColours) colours")
        #expect(shot.drawnFraction > 0.2, "\(shot.drawnFraction) of the page drawn")
        // The chart colours are there: covered green, rejected red, pending amber.
        for colour: UInt32 in [0x1E7B4F, 0xC0392B, 0xE0A526] {
            #expect(shot.count(of: colour) > 500, "colour \(String(colour, radix: 16))")
        }
        if let target = ProcessInfo.processInfo.environment["SIGAP_REPORT_PNG"], !target.isEmpty {
            let path = target.hasPrefix("/") ? target : "\(Self.root)/\(target)"
            try? FileManager.default.removeItem(atPath: path)
            try FileManager.default.copyItem(atPath: shot.path, toPath: path)
        }
    }
}

// MARK: - Headless Chromium

struct BrowserTestFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

/// The headless browser, run with a throw-away profile and no network (every host resolves to
/// nothing), logging console messages to stderr. Its scratch folder goes when it does.
final class Chromium {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String

        /// Console messages (`INFO:CONSOLE(…)] "message", source: …`), script errors included.
        var consoleMessages: [String] {
            stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") || $0.contains("Uncaught") }.map(String.init)
        }
    }

    let binary: String
    let folder: String

    init() throws {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let named = environment["CHROMIUM"], !named.isEmpty { candidates.append(named) }
        for folder in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
                candidates.append("\(folder)/\(name)")
            }
        }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw BrowserTestFailure(
                "headless Chromium is missing: install the Debian package `chromium` (`make deps` does), or set CHROMIUM")
        }
        binary = found
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sigap-chromium-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func scratchFile(_ name: String, _ text: String) throws -> String {
        let path = "\(folder)/\(name)"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Runs the browser once; waits at most `timeLimit` seconds.
    func run(_ arguments: [String], timeLimit: Double = 120) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-background-networking", "--hide-scrollbars", "--user-data-dir=\(folder)/profile",
                "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0",
            ] + arguments
        let id = UUID().uuidString
        let stdoutPath = "\(folder)/\(id).out"
        let stderrPath = "\(folder)/\(id).err"
        guard FileManager.default.createFile(atPath: stdoutPath, contents: nil),
            FileManager.default.createFile(atPath: stderrPath, contents: nil)
        else { throw BrowserTestFailure("cannot create files in \(folder)") }
        let stdout = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        let stderr = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        if done.wait(timeout: .now() + timeLimit) == .timedOut {
            process.terminate()
            _ = done.wait(timeout: .now() + 5)
            throw BrowserTestFailure("chromium did not finish within \(Int(timeLimit)) s: \(arguments)")
        }
        try stdout.close()
        try stderr.close()
        return Output(
            status: process.terminationStatus,
            stdout: (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "")
    }

    /// A 1000-pixel-wide screenshot of a page, decoded.
    func screenshot(of page: String, height: Int) throws -> PNGImage {
        let path = "\(folder)/\(UUID().uuidString).png"
        let output = try run(["--window-size=1000,\(height)", "--screenshot=\(path)", "file://\(page)"])
        #expect(output.status == 0, "\(output.stderr)")
        return try PNGImage(path: path)
    }
}

// MARK: - Just enough PNG to look at a screenshot

/// An 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes), decoded to pixels.
struct PNGImage {
    let path: String
    let width: Int
    let height: Int
    /// 0xRRGGBB per pixel, row by row.
    let pixels: [UInt32]

    init(path: String) throws {
        self.path = path
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        func fail(_ why: String) -> BrowserTestFailure { BrowserTestFailure("\(path): \(why)") }
        guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { throw fail("not a PNG") }
        func be32(_ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        var offset = 8
        var header: ArraySlice<UInt8> = []
        var compressed: [UInt8] = []
        while offset + 8 <= bytes.count {
            let length = be32(offset)
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            guard offset + 12 + length <= bytes.count else { throw fail("a chunk runs past the end") }
            let body = bytes[offset + 8..<offset + 8 + length]
            if type == "IHDR" { header = body }
            if type == "IDAT" { compressed += body }
            offset += 12 + length
            if type == "IEND" { break }
        }
        guard header.count == 13 else { throw fail("no IHDR") }
        let start = header.startIndex
        width = header[start..<start + 4].reduce(0) { $0 << 8 | Int($1) }
        height = header[start + 4..<start + 8].reduce(0) { $0 << 8 | Int($1) }
        let depth = header[start + 8]
        let colourType = header[start + 9]
        let interlace = header[start + 12]
        guard depth == 8, colourType == 2 || colourType == 6, interlace == 0 else {
            throw fail("unsupported PNG (depth \(depth), colour type \(colourType), interlace \(interlace))")
        }
        let channels = colourType == 6 ? 4 : 3
        let stride = width * channels
        // zlib: a 2-byte header, raw deflate, an Adler-32 the inflater stops before.
        guard compressed.count > 2, let raw = Zlib.inflateRaw(Array(compressed.dropFirst(2)), limit: height * (stride + 1) + 1),
            raw.count >= height * (stride + 1)
        else { throw fail("image data does not inflate") }
        var pixels = [UInt32]()
        pixels.reserveCapacity(width * height)
        var previous = [UInt8](repeating: 0, count: stride)
        var line = [UInt8](repeating: 0, count: stride)
        for row in 0..<height {
            let base = row * (stride + 1)
            let filter = raw[base]
            for x in 0..<stride {
                let value = raw[base + 1 + x]
                let left = x >= channels ? Int(line[x - channels]) : 0
                let up = Int(previous[x])
                let upLeft = x >= channels ? Int(previous[x - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = left
                case 2: predictor = up
                case 3: predictor = (left + up) / 2
                case 4:
                    let estimate = left + up - upLeft
                    let (a, b, c) = (abs(estimate - left), abs(estimate - up), abs(estimate - upLeft))
                    predictor = a <= b && a <= c ? left : b <= c ? up : upLeft
                default: throw fail("unknown filter \(filter) on row \(row)")
                }
                line[x] = UInt8((Int(value) + predictor) & 0xFF)
            }
            for x in 0..<width {
                let p = x * channels
                pixels.append(UInt32(line[p]) << 16 | UInt32(line[p + 1]) << 8 | UInt32(line[p + 2]))
            }
            swap(&line, &previous)
        }
        self.pixels = pixels
    }

    var distinctColours: Int { Set(pixels).count }

    /// The share of pixels that differ from the most common colour (the background).
    var drawnFraction: Double {
        var counts: [UInt32: Int] = [:]
        for pixel in pixels { counts[pixel, default: 0] += 1 }
        let background = counts.values.max() ?? 0
        return pixels.isEmpty ? 0 : Double(pixels.count - background) / Double(pixels.count)
    }

    func count(of colour: UInt32) -> Int { pixels.reduce(0) { $0 + ($1 == colour ? 1 : 0) } }
}
