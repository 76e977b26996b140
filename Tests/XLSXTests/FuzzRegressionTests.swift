import Foundation
import Testing
import XLSX

/// Every input the fuzzer (`make fuzz`, Fuzz/) ever found crashing, hanging or exhausting memory,
/// kept under fixtures/fuzz-regressions/: reading it must either succeed or throw an `XLSXError`.
/// A crash fails the whole test run, and a hang is caught by the time limit below.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/fuzz-regressions")

    /// Every regular file of the folder and its subfolders, except dotfiles.
    static var inputs: [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var paths: [String] = []
        while let name = walker.nextObject() as? String {
            let path = folder.appendingPathComponent(name).path
            var isFolder: ObjCBool = false
            guard !name.split(separator: "/").contains(where: { $0.hasPrefix(".") }),
                FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue
            else { continue }
            paths.append(path)
        }
        return paths.sorted()
    }

    /// The same caps as the fuzzer, so that a kept zip bomb costs what it cost there.
    static let limits = ReaderLimits.capped(at: 16 << 20)

    @Test("the regression folder holds inputs")
    func folderIsNotEmpty() {
        #expect(!Self.inputs.isEmpty, "no files under \(Self.folder.path)")
    }

    @Test(
        "each kept fuzz input reads or fails with an XLSXError", .timeLimit(.minutes(1)),
        arguments: inputs.map { URL(fileURLWithPath: $0).lastPathComponent })
    func readsOrThrowsXLSXError(_ name: String) throws {
        guard let path = Self.inputs.first(where: { URL(fileURLWithPath: $0).lastPathComponent == name }) else {
            Issue.record("\(name) vanished")
            return
        }
        let workbook: Workbook
        do {
            workbook = try Workbook(path: path, limits: Self.limits)
        } catch {
            #expect(error.file == path)  // typed throws: an XLSXError that names the file
            return
        }
        for sheet in workbook.sheets {
            expectXLSXError(name, sheet.name) { _ = try workbook.reader(for: sheet).statistics() }
            // The dump path and the two-thread reader, as the fuzzer also runs them.
            expectXLSXError(name, sheet.name) {
                var reader = workbook.reader(for: sheet)
                reader.inflatesConcurrently = true
                try reader.forEachRow { _ = $0.jsonLine }
            }
        }
    }

    private func expectXLSXError(_ name: String, _ sheet: String, _ body: () throws -> Void) {
        do {
            try body()
        } catch is XLSXError {
            return
        } catch {
            Issue.record("\(name), sheet '\(sheet)': threw \(type(of: error)), not an XLSXError: \(error)")
        }
    }
}
