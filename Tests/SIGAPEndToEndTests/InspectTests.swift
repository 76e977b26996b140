import Foundation
import Testing
import XLSXTestSupport

/// `sigap inspect FILE` (issue 13): a broken file is never "fine", the month comes from the
/// folder the file sits in, and the rows with findings are listed (where, never what).
@Suite("sigap inspect")
struct InspectTests {
    static let demo = "fixtures/demo-inbox"

    @Test("a missing file is 66; a corrupt zip, a folder and a CSV renamed .xlsx are 65 with the cause")
    func brokenFiles() throws {
        let missing = try SigapProcess.run(["inspect", "\(Self.demo)/2025-11/DISHUB/tidak-ada.xlsx"])
        #expect(missing.exitStatus == 66, "\(missing)")
        #expect(missing.stderr.contains("tidak-ada.xlsx: no such file"), "\(missing)")
        #expect(!missing.stdout.contains("Findings: none"), "\(missing)")

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sigap-inspect-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let renamed = "\(folder)/konfirmasi.xlsx"
        try FileManager.default.copyItem(
            atPath: "\(SigapProcess.packageRoot.path)/\(Self.demo)/2025-11/BPJS/konfirmasi-bpjs-2025-11.csv", toPath: renamed)
        for (path, cause) in [
            ("\(Self.demo)/2025-12/DISKOPUKM/rekap desember.xlsx", "truncated or corrupt zip archive"), (folder, "is a folder, not a file"),
            (renamed, "not an XLSX file (looks like CSV or text)"),
        ] {
            let result = try SigapProcess.run(["inspect", path])
            #expect(result.exitStatus == 65, "\(result)")
            #expect(result.stderr.contains("cannot be read (FILE_UNREADABLE): \(cause)"), "\(result)")
            #expect(result.stdout.isEmpty, "\(result)")
        }
    }

    @Test("a roster in an inbox: validated for its folder's month, its rows with findings listed by sheet, row, cell and code")
    func rowsWithFindings() throws {
        let path = "\(Self.demo)/2025-11/DISHUB/DISHUB pekerja rentan November 2025.xlsx"
        let text = try SigapProcess.run(["inspect", path])
        #expect(text.exitStatus == 0, "\(text)")
        #expect(text.stdout.contains("(month 2025-11)"), "\(text)")
        #expect(
            text.stdout.contains(
                "Rows with findings (sheet, row, cell, code, severity):\n  Data Pekerja  row 10  B10    NIK_PRECISION_LOST     error"),
            "\(text)")
        let json = try SigapProcess.run(["inspect", path, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["month"] as? String == "2025-11")
        #expect(object["source"] as? String == "DISHUB")
        let findings = object["findings"] as? [[String: Any]] ?? []
        #expect(findings.count == 1)
        #expect(findings.first?["cell"] as? String == "B10")
        #expect(findings.first?["code"] as? String == "NIK_PRECISION_LOST")
        // Where, never what: no value (a NIK) in the output.
        #expect(findings.first?["value"] == nil)
        // --month still wins.
        #expect(try SigapProcess.run(["inspect", path, "--month", "2026-01"]).stdout.contains("(month 2026-01)"))
    }
}
