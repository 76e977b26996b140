import Foundation
import XLSX
import XLSXTestSupport

/// Writes a built package to a temporary file and opens it with the reader.
struct TemporaryWorkbook {
    let path: String

    init(_ bytes: [UInt8], name: String = "book.xlsx") throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sigap-xlsx-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    init(_ builder: XLSXBuilder) throws {
        try self.init(builder.archive())
    }

    func open(limits: ReaderLimits = .default) throws -> Workbook {
        try Workbook(path: path, limits: limits)
    }

    /// Every row of the first sheet, read with the given threading.
    func rows(concurrently: Bool? = nil) throws -> [Row] {
        let workbook = try open()
        var reader = workbook.reader(for: workbook.sheets[0])
        reader.inflatesConcurrently = concurrently
        var rows: [Row] = []
        try reader.forEachRow { rows.append($0) }
        return rows
    }
}
