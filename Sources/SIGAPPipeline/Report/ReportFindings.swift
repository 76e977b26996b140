import SIGAPDomain

/// What the report shows of a month's stored `findings.csv`: how many findings of each severity,
/// by dinas and by code, the files that could not be read, and the errors' codes and values (which
/// tell why a worker left; a value may hold a full NIK and is never shown). Read one record at a
/// time and counted: a month whose million rows each carry a warning is never held as a million
/// values.
struct ReportFindings {
    /// How many findings of one code a dinas has, with the severity its first one had.
    struct Count: Equatable {
        var severity: String
        var count: Int
    }

    /// Every finding, then those of each severity.
    private(set) var total = 0
    private(set) var errors = 0
    private(set) var warnings = 0
    private(set) var byCode: [String: Int] = [:]
    /// By dinas, then by code.
    private(set) var bySourceAndCode: [String: [String: Count]] = [:]
    /// By dinas: (errors, warnings).
    private(set) var bySource: [String: (errors: Int, warnings: Int)] = [:]
    /// `FILE_UNREADABLE` findings, in file order.
    private(set) var unreadable: [(source: String, file: String, message: String)] = []
    /// Error findings, in file order.
    private(set) var errorValues: [(code: String, value: String)] = []

    /// None.
    init() {}

    /// From a `findings.csv` text (records without every column the report reads are passed over).
    /// Only the fields counted are made into strings, and a value or message only when kept.
    init(csv text: String) {
        var columns: (source: Int, file: Int, code: Int, severity: Int, value: Int, message: Int)?
        var width = 0
        var header = true
        func take(_ record: CSVRecordScanner.Record) -> Bool {
            if header {
                header = false
                let names = record.strings
                func column(_ name: String) -> Int? { names.firstIndex(of: name) }
                guard let source = column("source"), let file = column("file"), let code = column("code"),
                    let severity = column("severity"), let value = column("value"), let message = column("message")
                else { return false }
                columns = (source, file, code, severity, value, message)
                width = [source, file, code, severity, value, message].max()!
                return true
            }
            guard let columns, record.fieldCount > width else { return true }
            record.bytes.withUnsafeBufferPointer { buffer in
                func text(_ index: Int) -> String { String(decoding: record.field(index, in: buffer), as: UTF8.self) }
                add(source: text(columns.source), code: text(columns.code), severity: text(columns.severity)) {
                    (file: text(columns.file), value: text(columns.value), message: text(columns.message))
                }
            }
            return true
        }
        var scanner = CSVRecordScanner(separator: UInt8(ascii: ","))
        var text = text
        text.withUTF8 { bytes in
            if scanner.feed(bytes, take) { _ = scanner.finish(take) }
        }
    }

    /// One finding; `details` (its file, value and message) is asked for only when kept.
    mutating func add(source: String, code: String, severity: String, details: () -> (file: String, value: String, message: String)) {
        total += 1
        byCode[code, default: 0] += 1
        bySourceAndCode[source, default: [:]][code, default: Count(severity: severity, count: 0)].count += 1
        var counts = bySource[source] ?? (0, 0)
        let unreadableFile = code == FindingCode.fileUnreadable.rawValue
        let kept = severity == "error" || unreadableFile ? details() : nil
        if severity == "error" {
            errors += 1
            counts.errors += 1
            errorValues.append((code, kept!.value))
        } else if severity == "warning" {
            warnings += 1
            counts.warnings += 1
        }
        bySource[source] = counts
        if unreadableFile, let kept { unreadable.append((source, kept.file, kept.message)) }
    }
}
