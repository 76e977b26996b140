import Foundation
import GRDB
import Testing
import XLSXTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// SPEC §2's inbox rules, as an adversarial operator tries them on a history with November and
/// December closed: only regular files inside the inbox are opened; everything else is
/// `FILE_UNREADABLE` with its cause, reported, never waited on, followed or dropped; file names
/// cannot forge log lines; closed months never change.
@Suite("An inbox that cannot hurt the run")
struct HostileInboxTests {
    /// What must never change: the closed months' published files and their rows in the views.
    static func closedBooks(_ workspace: RunWorkspace) throws -> [String: [[String]]] {
        var books: [String: [[String]]] = [:]
        for (relative, data) in workspace.outputs() where relative.hasPrefix("2025-11/") || relative.hasPrefix("2025-12/") {
            books["file \(relative)"] = [[data.base64EncodedString()]]
        }
        for (view, column) in [
            ("ledger_lines", "month"), ("month_summaries", "month"), ("findings", "month"), ("acknowledgements", "arrived_month"),
            ("workers", "month"),
        ] {
            books[view] = try workspace.query("SELECT * FROM \(view) WHERE \(column) <= '2025-12'")
        }
        return books
    }

    enum Hostile: String, CaseIterable, CustomTestStringConvertible {
        case fifo, deviceLink, outsideLink, danglingLink, loopingLink, notUTF8

        var testDescription: String { rawValue }

        /// The name the finding gives, and its cause.
        var name: String {
            switch self {
            case .fifo: "2026-01/DISDIK/pipa.xlsx"
            case .deviceLink: "2026-01/DISDIK/nol.xlsx"
            case .outsideLink: "2026-01/BPJS/passwd.csv"
            case .danglingLink: "2026-01/DISDIK/putus.xlsx"
            case .loopingLink: "2026-01/DISDIK/putar.xlsx"
            case .notUTF8: "2026-01/BPJS/jawaban\\xFF\\xFE.csv"
            }
        }
        var cause: String {
            switch self {
            case .fifo: "not a regular file: a named pipe (FIFO)"
            case .deviceLink: "a symbolic link to /dev/zero, outside the inbox: not followed"
            case .outsideLink: "a symbolic link to /etc/passwd, outside the inbox: not followed"
            case .danglingLink, .loopingLink: "a symbolic link whose target does not exist or loops"
            case .notUTF8: "its name is not valid UTF-8"
            }
        }

        /// The cause as findings.csv gives it, in Bahasa Indonesia (the English one is the log's).
        var sebab: String {
            switch self {
            case .fifo: "bukan berkas biasa (pipa, soket atau perangkat): tidak dibuka"
            case .deviceLink: "tautan simbolik ke /dev/zero di luar inbox: tidak diikuti"
            case .outsideLink: "tautan simbolik ke /etc/passwd di luar inbox: tidak diikuti"
            case .danglingLink, .loopingLink: "tautan simbolik yang tujuannya tidak ada atau berputar"
            case .notUTF8: "nama berkas memuat huruf yang tidak sah (bukan UTF-8): ganti nama berkas, lalu kirim ulang"
            }
        }

        func place(in inbox: String) throws {
            let folder = "\(inbox)/\((name as NSString).deletingLastPathComponent)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let path = "\(inbox)/\(name)"
            switch self {
            case .fifo: #expect(mkfifo(path, 0o644) == 0)
            case .deviceLink: try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/zero")
            case .outsideLink: try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/etc/passwd")
            case .danglingLink: try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "tidak-ada.xlsx")
            case .loopingLink: try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "putar.xlsx")
            case .notUTF8:
                var bytes = Array("\(folder)/jawaban".utf8) + [0xFF, 0xFE] + Array(".csv".utf8) + [0]
                let descriptor = bytes.withUnsafeMutableBufferPointer { buffer in
                    buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { open($0, O_WRONLY | O_CREAT, 0o644) }
                }
                #expect(descriptor >= 0)
                close(descriptor)
            }
        }
    }

    @Test(
        "a FIFO, a link to a device, outside the inbox, dangling or looping, a name that is not UTF-8: FILE_UNREADABLE with the cause, exit 65, nothing waited on or opened, closed months unchanged",
        arguments: Hostile.allCases)
    func hostileEntry(_ hostile: Hostile) throws {
        let workspace = try StoreRulesTests.closedHistory("hostile-\(hostile.rawValue)")
        defer { workspace.remove() }
        let books = try Self.closedBooks(workspace)
        try hostile.place(in: workspace.inbox)

        let run = try workspace.sigap("run", ["--through", "2026-02"], timeLimit: .seconds(60))
        #expect(run.exitStatus == 65, "\(run)")
        #expect(run.stderr.contains("problem: \(hostile.name): \(hostile.cause)"), "\(run)")
        let findings = try workspace.read("2026-01/findings.csv")
        #expect(findings.contains("\(hostile.name),,,,FILE_UNREADABLE,error,"), "\(findings)")
        // As a CSV field: quoted when it holds a comma.
        let value = hostile.sebab.contains(",") ? "\"\(hostile.sebab)\"" : hostile.sebab
        #expect(findings.contains("FILE_UNREADABLE,error,\(value),\"Berkas tidak dapat dibaca: \(hostile.sebab)."), "\(findings)")
        #expect(try Self.closedBooks(workspace) == books)
        // Nothing of a file outside the inbox is read: its digest is in no manifest.
        if hostile == .outsideLink {
            let digest = try RunWorkspace.sha256sum("/etc/passwd")
            for name in workspace.manifestNames() {
                #expect(try !String(contentsOfFile: "\(workspace.out)/runs/\(name)", encoding: .utf8).contains(digest))
            }
        }
        // The source whose folder holds it keeps December's roster (SPEC §3).
        if hostile.name.contains("/DISDIK/") {
            #expect(
                try workspace.query("SELECT COUNT(*) FROM workers WHERE month = '2026-01' AND owner = 'DISDIK'")
                    == workspace.query("SELECT COUNT(*) FROM workers WHERE month = '2025-12' AND owner = 'DISDIK'"))
        }
    }

    @Test("a link to a file inside the inbox is followed and read like the file")
    func linkInside() throws {
        let workspace = try RunWorkspace("link-inside")
        defer { workspace.remove() }
        try workspace.arriveDemo(clean: true)
        let twin = try RunWorkspace("link-inside-twin")
        defer { twin.remove() }
        try twin.arriveDemo(clean: true)
        // February: DINSOS sends again the roster it sent in November, by a link in one inbox and a copy in the other.
        try FileManager.default.createDirectory(atPath: "\(workspace.inbox)/2026-02/DINSOS", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: "\(workspace.inbox)/2026-02/DINSOS/lagi.xlsx", withDestinationPath: "../../2025-11/DINSOS/dinsos-nov.xlsx")
        try FileManager.default.createDirectory(atPath: "\(twin.inbox)/2026-02/DINSOS", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: "\(twin.inbox)/2025-11/DINSOS/dinsos-nov.xlsx", toPath: "\(twin.inbox)/2026-02/DINSOS/lagi.xlsx")
        let linked = try workspace.sigap("run", ["--through", "2026-02"])
        let copied = try twin.sigap("run", ["--through", "2026-02"])
        #expect(linked.exitStatus == 0, "\(linked)")
        #expect(copied.exitStatus == 0, "\(copied)")
        #expect(try workspace.read("2026-02/ledger.csv") == twin.read("2026-02/ledger.csv"))
        #expect(try workspace.read("2026-02/findings.csv") == twin.read("2026-02/findings.csv"))
    }

    @Test("a newline in a file name cannot forge a line of the text log")
    func newlineInAName() throws {
        let workspace = try StoreRulesTests.closedHistory("newline-name")
        defer { workspace.remove() }
        let books = try Self.closedBooks(workspace)
        let folder = "\(workspace.inbox)/2026-01/DISDIK"
        try Data("bukan workbook\n".utf8).write(to: URL(fileURLWithPath: "\(folder)/rekap\nsigap: error: palsu.xlsx"))
        let run = try workspace.sigap("run", ["--through", "2026-02"])
        #expect(try Self.closedBooks(workspace) == books)
        #expect(run.exitStatus == 65, "\(run)")
        #expect(!run.stderrLines.contains { $0.hasPrefix("sigap: error: palsu") }, "\(run)")
        #expect(run.stderr.contains("2026-01/DISDIK/rekap\\nsigap: error: palsu.xlsx"), "\(run)")
        // The file itself is named as it is where names are data (quoted in findings.csv).
        #expect(try workspace.read("2026-01/findings.csv").contains("\"2026-01/DISDIK/rekap\nsigap: error: palsu.xlsx\""))
    }

    @Test("a source folder, or a month folder, that cannot be listed: FILE_UNREADABLE (65), never a crash (70)")
    func unreadableFolder() throws {
        let workspace = try StoreRulesTests.closedHistory("unreadable-folder")
        defer { workspace.remove() }
        let books = try Self.closedBooks(workspace)
        // Run as nobody (root reads any folder whatever its mode): the workspace handed to it.
        let asNobody = getuid() == 0
        if asNobody {
            #expect(FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "setpriv (util-linux) runs the test as nobody")
            let walker = FileManager.default.enumerator(atPath: workspace.folder)
            chown(workspace.folder, 65534, 65534)
            while let relative = walker?.nextObject() as? String { lchown("\(workspace.folder)/\(relative)", 65534, 65534) }
        }
        chmod("\(workspace.inbox)/2026-01/DISDIK", 0o000)
        chmod("\(workspace.inbox)/2026-02", 0o000)
        defer {
            chmod("\(workspace.inbox)/2026-01/DISDIK", 0o755)
            chmod("\(workspace.inbox)/2026-02", 0o755)
        }
        let run = try RunningSigap(
            workspace.arguments("run", ["--through", "2026-02"]), logFolder: "\(workspace.folder)/logs", asNobody: asNobody
        ).wait()
        #expect(run.exitStatus == 65, "\(run)")
        #expect(run.stderr.contains("problem: 2026-01/DISDIK/: the folder cannot be read (Permission denied)"), "\(run)")
        #expect(run.stderr.contains("problem: 2026-02: the folder cannot be read (Permission denied)"), "\(run)")
        #expect(try workspace.read("2026-01/findings.csv").contains("2026-01,DISDIK,2026-01/DISDIK/,,,,FILE_UNREADABLE,error,"))
        #expect(try Self.closedBooks(workspace) == books)
    }
}
