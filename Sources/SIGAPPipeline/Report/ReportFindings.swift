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
    init(csv text: String) {
        var columns: (source: Int, file: Int, code: Int, severity: Int, value: Int, message: Int)?
        var width = 0
        var header = true
        CSVText.forEachRecord(text) { record in
            if header {
                header = false
                func column(_ name: String) -> Int? { record.firstIndex(of: name) }
                guard let source = column("source"), let file = column("file"), let code = column("code"),
                    let severity = column("severity"), let value = column("value"), let message = column("message")
                else { return }
                columns = (source, file, code, severity, value, message)
                width = [source, file, code, severity, value, message].max()!
                return
            }
            guard let columns, record.count > width else { return }
            add(
                source: record[columns.source], file: record[columns.file], code: record[columns.code],
                severity: record[columns.severity], value: record[columns.value], message: record[columns.message])
        }
    }

    mutating func add(source: String, file: String, code: String, severity: String, value: String, message: String) {
        total += 1
        byCode[code, default: 0] += 1
        bySourceAndCode[source, default: [:]][code, default: Count(severity: severity, count: 0)].count += 1
        var counts = bySource[source] ?? (0, 0)
        if severity == "error" {
            errors += 1
            counts.errors += 1
            errorValues.append((code, value))
        } else if severity == "warning" {
            warnings += 1
            counts.warnings += 1
        }
        bySource[source] = counts
        if code == FindingCode.fileUnreadable.rawValue { unreadable.append((source, file, message)) }
    }
}
