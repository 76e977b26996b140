import SIGAPDomain

/// Who joined and who left since the previous month, by source, from the two months' stored
/// ledgers (SPEC §10). A worker is a REGULAR line that is not UNEXPECTED; a worker counts under
/// its owner source. Per source: last month's workers + joins − leaves + moves = this month's.
struct ReportChanges {
    /// Why a worker of last month is not a worker this month, as far as the store tells.
    enum LeaveReason: String {
        /// No roster of this month lists the NIK (the agency's new list left them out).
        case notResent = "TIDAK_DIKIRIM_ULANG"
        /// A row with this NIK was quarantined this month (an error in `findings.csv`).
        case quarantined = "DIKARANTINA"
    }

    struct Leaver {
        var line: LedgerLine
        var reason: LeaveReason
        /// The finding code that quarantined the row.
        var code: String?
    }

    struct SourceRow {
        var source: String
        var joins = 0
        var leaves = 0
        /// Workers whose owner became this source (+) or another one (−).
        var moved = 0
        var leftNotResent = 0
        var leftQuarantined = 0
        /// Workers of both months who were not REJECTED last month and are now.
        var newlyRejected = 0
    }

    /// The month compared with (nil in the first month the store holds).
    var previousMonth: YearMonth?
    var rows: [String: SourceRow] = [:]
    var leavers: [Leaver] = []
    var newlyRejected: [LedgerLine] = []

    /// `errors`: this month's error findings as (code, value).
    init(current: [LedgerLine], previous: [LedgerLine]?, previousMonth: YearMonth?, errors: [(code: String, value: String)]) {
        self.previousMonth = previousMonth
        func workers(_ lines: [LedgerLine]) -> [String: LedgerLine] {
            var byNIK: [String: LedgerLine] = [:]
            for line in lines where line.entry == .regular && line.status != .unexpected { byNIK[line.nik] = line }
            return byNIK
        }
        let now = workers(current)
        let before = workers(previous ?? [])
        func row(_ source: String, _ change: (inout SourceRow) -> Void) {
            var entry = rows[source] ?? SourceRow(source: source)
            change(&entry)
            rows[source] = entry
        }
        for (nik, line) in now.sorted(by: { $0.key < $1.key }) {
            guard let earlier = before[nik] else {
                row(line.source) { $0.joins += 1 }
                continue
            }
            if earlier.source != line.source {
                row(line.source) { $0.moved += 1 }
                row(earlier.source) { $0.moved -= 1 }
            }
            if earlier.status != .rejected && line.status == .rejected {
                row(line.source) { $0.newlyRejected += 1 }
                newlyRejected.append(line)
            }
        }
        for (nik, line) in before.sorted(by: { $0.key < $1.key }) where now[nik] == nil {
            let code = errors.first { Self.finding($0.code, $0.value, concerns: nik) }?.code
            let reason: LeaveReason = code == nil ? .notResent : .quarantined
            row(line.source) {
                $0.leaves += 1
                if reason == .notResent { $0.leftNotResent += 1 } else { $0.leftQuarantined += 1 }
            }
            leavers.append(Leaver(line: line, reason: reason, code: code))
        }
    }

    /// True when an error finding's value is this NIK, or the NIK as Excel damaged it (the first
    /// 15 digits kept, the 16th turned into 0).
    static func finding(_ code: String, _ value: String, concerns nik: String) -> Bool {
        let cleaned = value.filter { !$0.isWhitespace && $0 != "'" && $0 != "." && $0 != "-" }
        if cleaned == nik { return true }
        if code == FindingCode.nikPrecisionLost.rawValue, cleaned.count == 16, nik.count == 16, cleaned.allSatisfy(\.isNumber) {
            return cleaned.prefix(15) == nik.prefix(15)
        }
        return false
    }

    func row(_ source: String) -> SourceRow { rows[source] ?? SourceRow(source: source) }
}
