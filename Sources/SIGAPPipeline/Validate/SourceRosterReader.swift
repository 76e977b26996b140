import SIGAPDomain
import XLSX

/// Reads one source's roster files for one month (SPEC §3-§5): extracts every data row, validates
/// it, quarantines rows with errors, flags later rows repeating a NIK (`DUPLICATE_ROW`, the first
/// in input order is kept), and collects findings and correction rows. Streams: it holds the NIKs
/// seen, not the rows.
public struct SourceRosterReader: Sendable {
    public var source: String
    public var month: YearMonth
    public var settings: ValidationSettings
    public var extractor: RosterExtractor
    /// Told, every 10,000 rows, which file is being read and how many of its rows are done.
    public var progress: (@Sendable (_ file: String, _ rows: Int) -> Void)?
    /// Where extractions are kept and replayed from (nil: every file is parsed).
    public var staging: RosterStaging?
    /// Where the correction rows beyond a few megabytes go (`ByteSpool`; nil: `$TMPDIR` or `/tmp`).
    public var spoolFolder: String?
    /// Whether findings and correction rows are collected (not for a roster carried forward, whose
    /// findings belong to the month it was sent in).
    public var collectsFindings = true

    public init(source: String, month: YearMonth, settings: ValidationSettings = .standard, extractor: RosterExtractor = RosterExtractor())
    {
        self.source = source
        self.month = month
        self.settings = settings
        self.extractor = extractor
    }

    /// Reads `files` (path on disk, name relative to the inbox), in the order given. Calls `body`
    /// with every row that is not quarantined, in input order (duplicates flagged).
    public func read(
        _ files: [(path: String, name: String)], limits: ReaderLimits = .default, _ body: (RosterEntry) throws -> Void
    ) throws -> SourceRosterReport {
        let validator = RowValidator(month: month, settings: settings)
        var report = SourceRosterReport(source: source, month: month)
        if let spoolFolder { report.corrections = CorrectionList(spoolingIn: spoolFolder) }
        var seen: Set<UInt64> = []
        var pool: [SameBytesKey<String>: String] = [:]
        func interned(_ text: String) -> String {
            // Up to 15 bytes a string is stored inline: nothing to share.
            guard text.utf8.count > 15 else { return text }
            // The same bytes, not merely equal text (`SameBytes`).
            if let known = pool[SameBytesKey(value: text)] { return known }
            if pool.count < 10_000 { pool[SameBytesKey(value: text)] = text }
            return text
        }
        for file in files {
            do {
                func handle(_ extracted: ExtractedRow) throws {
                    report.rowsRead += 1
                    if let progress, report.rowsRead % 10_000 == 0 { progress(file.name, report.rowsRead) }
                    let validated = validator.validate(extracted.record)
                    report.twoDigitYears.formUnion(validated.twoDigitYears)
                    var findings = validated.findings
                    var duplicate = false
                    if !validated.isQuarantined, let nik = validated.nik {
                        if !seen.insert(UInt64(nik.digits) ?? 0).inserted {
                            duplicate = true
                            findings.append(
                                Finding(
                                    code: .duplicateRow, severity: settings.severityPolicy.severity(of: .duplicateRow), field: .nik,
                                    value: nik.digits))
                        }
                    }
                    if collectsFindings && !findings.isEmpty {
                        let located = findings.map { finding in
                            RosterFinding(
                                month: month, source: source, file: file.name, sheet: extracted.sheet, row: extracted.number,
                                cell: (finding.field ?? .nik).flatMapReference(in: extracted), finding: finding)
                        }
                        report.findings.append(contentsOf: located)
                        report.corrections.append(
                            file: file.name, sheet: extracted.sheet, layout: extracted.layout, row: extracted.row, findings: located)
                    }
                    // An error quarantines the row, DUPLICATE_ROW too when a pipeline raises it to one.
                    if validated.isQuarantined || (duplicate && settings.severityPolicy.severity(of: .duplicateRow) == .error) {
                        report.rowsQuarantined += 1
                        return
                    }
                    if duplicate {
                        report.rowsDuplicate += 1
                    } else {
                        report.rowsKept += 1
                    }
                    guard var person = validated.person else { return }
                    // Agencies repeat the same few places and trades: keep one copy of each.
                    person.birthPlace = person.birthPlace.map(interned)
                    person.occupation = person.occupation.map(interned)
                    try body(
                        RosterEntry(
                            source: source, file: file.name, sheet: extracted.sheet, row: extracted.number,
                            nikColumn: extracted.layout.column(.nik), person: person, isDuplicate: duplicate))
                }
                let sheets =
                    try staging?.extract(path: file.path, extractor: extractor, limits: limits, handle)
                    ?? extractor.extract(Workbook(path: file.path, limits: limits), handle)
                report.files.append(.init(file: file.name, sheets: sheets))
            } catch let error as XLSXError {
                report.unreadable.append((file.name, error.cause))
            }
        }
        return report
    }
}

extension RosterField {
    /// The cell of this field in the row; for a field the sheet combines (TTL, RT/RW) the combined
    /// column; else the NIK's.
    fileprivate func flatMapReference(in row: ExtractedRow) -> String? {
        let combined: RosterField? =
            switch self {
            case .birthPlace, .birthDate: .birthPlaceDate
            case .rt, .rw: .rtRw
            default: nil
            }
        return row.reference(self) ?? combined.flatMap { row.reference($0) } ?? row.reference(.nik)
    }
}
