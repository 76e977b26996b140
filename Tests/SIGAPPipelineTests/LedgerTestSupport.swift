import Foundation
import SIGAPDomain
import SIGAPTestSupport
import Testing
import XLSX
import XLSXWrite

@testable import SIGAPPipeline

/// Shared helpers of `LedgerRulesTests`, `CarryForwardTests` and `ClosingTests`: made-up workers,
/// roster rows for the deduplicator, a hand-made acknowledgement lookup for the reconciler, and a
/// throw-away workspace (inbox, out, store, pipeline file) in which whole runs and closes happen.
enum LedgerKit {
    static let november = YearMonth("2025-11")!
    static let december = YearMonth("2025-12")!
    static let january = YearMonth("2026-01")!
    static let february = YearMonth("2026-02")!

    /// The default rate: JKK 10.000 + JKM 6.800.
    static let rate = 16_800

    // MARK: - People (made up; NIKs structurally valid for Kota Bekasi, dates matching the NIK)

    static let rahmat = LedgerPerson(
        nik: "3275081405860011", name: "Rahmat Hidayat", birthPlace: "BEKASI", birthDate: "14-05-1986", sex: "L",
        address: "JL. JATIBENING RAYA NO. 4", kelurahan: "Jatibening", kecamatan: "Pondok Gede", phone: "0812-3400-1100",
        occupation: "OJEK DARING")
    static let yuliani = LedgerPerson(
        nik: "3275016207910012", name: "YULIANI PUSPITA", birthPlace: "JAKARTA", birthDate: "22-07-1991", sex: "P",
        address: "JL. MARGAHAYU NO. 9", kelurahan: "Margahayu", kecamatan: "Bekasi Timur", phone: "0813-5500-2200",
        occupation: "PEDAGANG KAKI LIMA")
    static let suparman = LedgerPerson(
        nik: "3275020309780013", name: "Suparman", birthPlace: "BEKASI", birthDate: "03-09-1978", sex: "L",
        address: "JL. KRANJI NO. 1", kelurahan: "Kranji", kecamatan: "Bekasi Barat", phone: "0857-1200-3300",
        occupation: "BURUH BANGUNAN")
    static let lestari = LedgerPerson(
        nik: "3275045511930014", name: "LESTARI HANDAYANI", birthPlace: "BOGOR", birthDate: "15-11-1993", sex: "P",
        address: "JL. MARGAJAYA NO. 2", kelurahan: "Margajaya", kecamatan: "Bekasi Selatan", phone: "0821-7700-4400",
        occupation: "GURU PAUD")
    static let darmawan = LedgerPerson(
        nik: "3275030106800015", name: "DARMAWAN SAPUTRA", birthPlace: "SOLO", birthDate: "01-06-1980", sex: "L",
        address: "JL. PERWIRA NO. 6", kelurahan: "Perwira", kecamatan: "Bekasi Utara", phone: "0878-1100-5500",
        occupation: "TUKANG BECAK")
    /// Enrolled by nobody: BPJS's UNEXPECTED person and orphan rejections.
    static let stranger = "3275052808840016"
    static let otherStranger = "3275051909870017"

    // MARK: - Deduplicator input

    /// Validates a person's row for `month`.
    static func validated(_ person: LedgerPerson, month: YearMonth = november) -> ValidatedRow {
        RowValidator(month: month).validate(person.record)
    }

    /// Roster entries as the loader hands them: rows in the order given, each row numbered within its
    /// source (from row 2, under a header), later rows repeating a NIK within a source flagged as
    /// duplicates.
    static func entries(_ rows: [(source: String, person: LedgerPerson)], month: YearMonth = november) -> [RosterEntry] {
        var seen: Set<String> = []
        var nextRow: [String: Int] = [:]
        return rows.map { source, person in
            let row = nextRow[source, default: 2]
            nextRow[source] = row + 1
            let key = "\(source)|\(person.nik)"
            let duplicate = seen.contains(key)
            seen.insert(key)
            return RosterEntry(
                source: source, file: "\(month)/\(source)/roster.xlsx", sheet: "Data", row: row, nikColumn: 1,
                validated: validated(person, month: month), isDuplicate: duplicate)
        }
    }

    // MARK: - Reconciler input

    static func accepted(_ nik: String, name: String? = nil, kpj: String = "25110000001", premium: Int? = nil) -> ReconcileAck {
        ReconcileAck(nik: nik, accepted: true, name: name, kpj: kpj, reasonCode: nil, premium: premium)
    }

    static func rejected(_ nik: String, name: String? = nil, reason: String? = nil, premium: Int? = nil) -> ReconcileAck {
        ReconcileAck(nik: nik, accepted: false, name: name, kpj: nil, reasonCode: reason, premium: premium)
    }

    /// Workers of `people` (one row each, all DISHUB unless given), deduplicated.
    static func workers(_ rows: [(source: String, person: LedgerPerson)], month: YearMonth = november) -> WorkerList {
        Deduplicator(priority: ["DISHUB", "DINSOS", "DISKOPUKM"]).merge(entries(rows, month: month)).workers
    }

    // MARK: - CSV acknowledgement rows

    /// One row of a BPJS CSV with the header `PERIODE,NIK,NAMA,KPJ,STATUS,KETERANGAN,IURAN`.
    static func ack(
        _ period: String, _ nik: String, name: String = "", kpj: String = "", status: String, reason: String = "", premium: String = ""
    ) -> String {
        [period, nik, name, kpj, status, reason, premium].map(CSVWriter.quoted).joined(separator: ",")
    }

    static let ackHeader = "PERIODE,NIK,NAMA,KPJ,STATUS,KETERANGAN,IURAN"

    // MARK: - Reading outputs

    static func regular(_ lines: [LedgerLine], _ nik: String) -> LedgerLine? {
        lines.first { $0.entry == .regular && $0.nik == nik }
    }

    static func adjustments(_ lines: [LedgerLine]) -> [LedgerLine] {
        lines.filter { $0.entry == .adjustment }
    }
}

/// A worker as an agency row lists them: text cells, nil for an empty cell.
struct LedgerPerson: Sendable, Hashable {
    var nik: String
    var name: String
    var birthPlace: String?
    var birthDate: String?
    var sex: String?
    var address: String?
    var kelurahan: String?
    var kecamatan: String?
    var phone: String?
    var occupation: String?

    /// The same person with some values changed.
    func with(_ change: (inout LedgerPerson) -> Void) -> LedgerPerson {
        var copy = self
        change(&copy)
        return copy
    }

    /// Only the NIK and the name: every other cell empty.
    var bare: LedgerPerson { LedgerPerson(nik: nik, name: name) }

    var record: RosterRecord {
        RosterRecord(
            nik: .text(nik), name: name, birthPlace: birthPlace, birthDate: birthDate.map(DateInput.text) ?? .empty,
            sex: sex, address: address, kelurahan: kelurahan, kecamatan: kecamatan, phone: phone, occupation: occupation)
    }

    static let header = [
        "NIK", "NAMA", "TEMPAT LAHIR", "TANGGAL LAHIR", "JENIS KELAMIN", "ALAMAT", "KELURAHAN", "KECAMATAN", "NO HP", "PEKERJAAN",
    ]

    var cells: [CellContent] {
        [nik, name, birthPlace, birthDate, sex, address, kelurahan, kecamatan, phone, occupation].map { $0.map(CellContent.text) ?? .blank }
    }
}

/// The lookup reconciliation reads, filled by hand: per period, the effective acknowledgements.
struct LedgerKitAcknowledgements: AcknowledgementLookup {
    var byPeriod: [YearMonth: [ReconcileAck]]

    init(_ byPeriod: [YearMonth: [ReconcileAck]]) {
        self.byPeriod = byPeriod
    }

    func effective(nik: String, period: YearMonth) -> ReconcileAck? {
        byPeriod[period]?.last { $0.nik == nik }
    }

    func effectiveAcknowledgements(period: YearMonth) -> [ReconcileAck] {
        var last: [String: ReconcileAck] = [:]
        for ack in byPeriod[period] ?? [] { last[ack.nik] = ack }
        return last.values.sorted { $0.nik < $1.nik }
    }

    func hasAccepted(nik: String, through month: YearMonth) -> Bool {
        byPeriod.contains { $0.key <= month && effective(nik: nik, period: $0.key)?.accepted == true }
    }
}

/// A throw-away SIGAP installation: `inbox/`, `out/`, `store/sigap.sqlite` and a pipeline file in a
/// fresh temporary folder, removed when the workspace goes away. Each run gets its own clock tick,
/// so run ids differ.
final class LedgerWorkspace {
    let root: String
    private(set) var definition: PipelineDefinition
    private let sources: [String]
    private let startMonth: String
    private let severity: [String: String]
    var inbox: String { "\(root)/inbox" }
    var out: String { "\(root)/out" }
    var storePath: String { "\(root)/store/sigap.sqlite" }
    var pipelinePath: String { "\(root)/sigap-test.yaml" }
    /// 2025-11-30T12:00:00Z, then a minute later for each run or close.
    private var clock = 1_764_504_000
    /// Log lines of every run.
    private(set) var logLines: [String] = []

    /// `premiums`: (from, jkk, jkm).
    init(
        sources: [String] = ["DISHUB", "DINSOS", "DISKOPUKM"], startMonth: String = "2025-11",
        premiums: [(from: String, jkk: Int, jkm: Int)] = [("2025-11", 10_000, 6_800)], severity: [String: String] = [:]
    ) throws {
        root = NSTemporaryDirectory() + "sigap-ledger-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: "\(root)/inbox", withIntermediateDirectories: true)
        self.sources = sources
        self.startMonth = startMonth
        self.severity = severity
        definition = try Self.writeDefinition(
            root: root, sources: sources, startMonth: startMonth, premiums: premiums, severity: severity)
    }

    /// Writes the pipeline file again with other premium rates (the rest as it was).
    func changePremiums(_ premiums: [(from: String, jkk: Int, jkm: Int)]) throws {
        definition = try Self.writeDefinition(
            root: root, sources: sources, startMonth: startMonth, premiums: premiums, severity: severity)
    }

    private static func writeDefinition(
        root: String, sources: [String], startMonth: String, premiums: [(from: String, jkk: Int, jkm: Int)], severity: [String: String]
    ) throws -> PipelineDefinition {
        let yaml = """
            programme: SIGAP
            region: "3275"
            start_month: \(startMonth)
            premium:
            \(premiums.map { "  - from: \($0.from)\n    jkk: \($0.jkk)\n    jkm: \($0.jkm)" }.joined(separator: "\n"))
            age:
              min: 15
              max: 65
            sources:
            \(sources.map { "  - code: \($0)\n    name: Dinas \($0)" }.joined(separator: "\n"))
            severity: {\(severity.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))}
            paths:
              inbox: \(root)/inbox
              out: \(root)/out
              store: \(root)/store/sigap.sqlite

            """
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: "\(root)/sigap-test.yaml"))
        return try PipelineDefinition.parse(yaml, file: "\(root)/sigap-test.yaml")
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    // MARK: Inbox

    /// Writes a roster workbook `<inbox>/<month>/<source>/<file>`: a header row, then one row per person.
    func roster(_ month: String, _ source: String, _ people: [LedgerPerson]) throws {
        try roster(month, source, "roster.xlsx", people)
    }

    /// Writes a roster workbook with the given file name.
    func roster(_ month: String, _ source: String, _ file: String, _ people: [LedgerPerson]) throws {
        let path = try prepare("\(month)/\(source)/\(file)")
        let writer = try SpreadsheetWriter(path: path)
        let sheet = try writer.addSheet("Data")
        try sheet.write(row: 1, LedgerPerson.header.map { .text($0) })
        for (offset, person) in people.enumerated() {
            for (column, value) in person.cells.enumerated() where value != .blank {
                try sheet.write(value, row: offset + 2, column: column + 1)
            }
        }
        try writer.close()
    }

    /// A roster workbook cut in half, as a broken upload: unreadable.
    func truncatedRoster(_ month: String, _ source: String, _ file: String, _ people: [LedgerPerson]) throws {
        try roster(month, source, file, people)
        let url = URL(fileURLWithPath: "\(inbox)/\(month)/\(source)/\(file)")
        let data = try Data(contentsOf: url)
        try data.prefix(data.count / 2).write(to: url)
    }

    /// A BPJS CSV `<inbox>/<month>/BPJS/<file>` with the standard header and `rows`.
    func acknowledgements(_ month: String, _ rows: [String]) throws {
        try acknowledgements(month, "konfirmasi.csv", rows)
    }

    /// A BPJS CSV with the given file name.
    func acknowledgements(_ month: String, _ file: String, _ rows: [String]) throws {
        try text(([LedgerKit.ackHeader] + rows).joined(separator: "\n") + "\n", to: "\(month)/BPJS/\(file)")
    }

    /// Any file in the inbox.
    func text(_ content: String, to relative: String) throws {
        let path = try prepare(relative)
        try Data(content.utf8).write(to: URL(fileURLWithPath: path))
    }

    func remove(_ relative: String) throws {
        try FileManager.default.removeItem(atPath: "\(inbox)/\(relative)")
    }

    private func prepare(_ relative: String) throws -> String {
        let path = "\(inbox)/\(relative)"
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        return path
    }

    // MARK: Runs

    func store() throws -> SQLiteLedgerStore {
        try SQLiteLedgerStore(path: storePath)
    }

    /// One `sigap run --through <through>`, as the command line builds it, with a fixed clock.
    @discardableResult
    func run(through: String, full: Bool = false) throws -> PipelineRun.Outcome {
        clock += 60
        return try run(through: through, now: clock, full: full)
    }

    /// A run started at a given Unix time, on the workspace's store or another one.
    @discardableResult
    func run(through: String, now: Int, store: (any LedgerStore)? = nil, full: Bool = false) throws -> PipelineRun.Outcome {
        var options = RunOptions(
            definition: definition, definitionPath: pipelinePath, through: YearMonth(through)!, now: now, toolVersion: "test")
        options.full = full
        let log = RunLog(format: .text) { _ in }
        defer { logLines += log.lines }
        return try PipelineRun(options: options, store: try store ?? self.store(), log: log).execute()
    }

    /// A run whose store cannot be saved (a full disk, a store busy past its timeout): everything
    /// before the save happens as usual.
    @discardableResult
    func runFailingToSave(through: String) throws -> PipelineRun.Outcome {
        clock += 60
        return try run(through: through, now: clock, store: FaultyStore(inner: try store(), failing: .save))
    }

    /// One `sigap close <month>` with `--through <through>`.
    func close(_ month: String, through: String) throws {
        clock += 60
        try MonthCloser(definition: definition, store: try store(), out: out).close(
            YearMonth(month)!, through: YearMonth(through)!, at: clock)
    }

    /// A loader over the inbox as it is now.
    func loader() throws -> MonthRosterLoader {
        MonthRosterLoader(
            definition: definition, inbox: try Inbox(root: inbox, sources: definition.sourceCodes), limits: .default)
    }

    // MARK: Outputs

    func outputText(_ relative: String) throws -> String {
        try String(contentsOfFile: "\(out)/\(relative)", encoding: .utf8)
    }

    func outputData(_ relative: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: "\(out)/\(relative)"))
    }

    func ledgerText(_ month: String) throws -> String {
        try outputText("\(month)/ledger.csv")
    }

    /// `<out>/<month>/ledger.csv`, read back.
    func ledger(_ month: String) throws -> [LedgerLine] {
        try LedgerCSV.parse(try ledgerText(month))
    }

    /// `<out>/<month>/ledger.csv` as records (header first), the fields as written.
    func ledgerRecords(_ month: String) throws -> [[String]] {
        CSVText.records(try ledgerText(month))
    }

    /// `<out>/<month>/summary.json`.
    func summary(_ month: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: try outputData("\(month)/summary.json"))
        return try #require(object as? [String: Any])
    }

    /// `<out>/<month>/findings.csv`, records without the header.
    func findings(_ month: String) throws -> [[String]] {
        Array(CSVText.records(try outputText("\(month)/findings.csv")).dropFirst())
    }

    /// Every file under `<out>/<month>/` (relative name → bytes).
    func monthFiles(_ month: String) throws -> [String: Data] {
        let folder = "\(out)/\(month)"
        var files: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return files }
        while let name = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(folder)/\(name)", isDirectory: &isFolder), !isFolder.boolValue {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(name)"))
            }
        }
        return files
    }
}

extension Dictionary where Key == String, Value == Any {
    /// An integer figure of a summary (`premium_due`), or a nested one (`by_source`, `DISHUB`, `workers`).
    func figure(_ path: String...) -> Int? {
        var node: Any = self
        for key in path {
            guard let map = node as? [String: Any], let next = map[key] else { return nil }
            node = next
        }
        return (node as? NSNumber)?.intValue
    }
}
