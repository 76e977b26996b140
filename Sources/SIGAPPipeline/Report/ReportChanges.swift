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
        let now = Self.workers(current)
        let before = Self.workers(previous ?? [])
        let quarantine = QuarantineIndex(errors)
        func row(_ source: String, _ change: (inout SourceRow) -> Void) {
            var entry = rows[source] ?? SourceRow(source: source)
            change(&entry)
            rows[source] = entry
        }
        // Joins are most lines (every line in the first month): counted per run of one source, not
        // one table update each.
        var joinSource: String?
        var pendingJoins = 0
        func join(_ source: String) {
            if source != joinSource {
                flushJoins()
                joinSource = source
            }
            pendingJoins += 1
        }
        func flushJoins() {
            if let joinSource, pendingJoins > 0 {
                let count = pendingJoins
                row(joinSource) { $0.joins += count }
            }
            pendingJoins = 0
        }
        defer { flushJoins() }
        func left(_ line: LedgerLine) {
            let code = quarantine.code(concerning: line.nik)
            let reason: LeaveReason = code == nil ? .notResent : .quarantined
            row(line.source) {
                $0.leaves += 1
                if reason == .notResent { $0.leftNotResent += 1 } else { $0.leftQuarantined += 1 }
            }
            leavers.append(Leaver(line: line.detached, reason: reason, code: code))
        }
        // Both lists are sorted by NIK: walk them together.
        var earlierIndex = 0
        for line in now {
            while earlierIndex < before.count && before[earlierIndex].nikKey < line.nikKey {
                left(before[earlierIndex])
                earlierIndex += 1
            }
            guard earlierIndex < before.count, before[earlierIndex].nikKey == line.nikKey else {
                join(line.source)
                continue
            }
            let earlier = before[earlierIndex]
            earlierIndex += 1
            if earlier.source != line.source {
                row(line.source) { $0.moved += 1 }
                row(earlier.source) { $0.moved -= 1 }
            }
            if earlier.status != .rejected && line.status == .rejected {
                row(line.source) { $0.newlyRejected += 1 }
                newlyRejected.append(line.detached)
            }
        }
        while earlierIndex < before.count {
            left(before[earlierIndex])
            earlierIndex += 1
        }
    }

    /// A month's workers (REGULAR lines that are not UNEXPECTED), one per NIK (the last), by NIK.
    private static func workers(_ lines: [LedgerLine]) -> [LedgerLine] {
        var workers = lines.filter { $0.entry == .regular && $0.status != .unexpected }
        // Ledger order already sorts REGULAR lines by NIK; a stable sort keeps equal NIKs in order.
        // Compared as `nikKey`, which orders as the NIK's text does, without making it.
        if !zip(workers.indices, workers.indices.dropFirst()).allSatisfy({ !(workers[$1].nikKey < workers[$0].nikKey) }) {
            workers = workers.enumerated().sorted {
                $0.element.nikKey < $1.element.nikKey || ($0.element.nikKey == $1.element.nikKey && $0.offset < $1.offset)
            }.map(\.element)
        }
        var unique: [LedgerLine] = []
        unique.reserveCapacity(workers.count)
        for line in workers {
            if let last = unique.last, last.nikKey == line.nikKey {
                unique[unique.count - 1] = line
            } else {
                unique.append(line)
            }
        }
        return unique
    }

    /// The first error finding (in findings order) that concerns a NIK, found by hashing instead of
    /// a scan per leaver.
    private struct QuarantineIndex {
        /// Cleaned value → (position, code) of its first finding.
        var exact: [String: (Int, String)] = [:]
        /// First 15 digits → (position, code) of the first NIK_PRECISION_LOST finding with them.
        var damaged: [Substring: (Int, String)] = [:]

        init(_ errors: [(code: String, value: String)]) {
            for (position, error) in errors.enumerated() {
                let cleaned = ReportChanges.cleaned(error.value)
                if exact[cleaned] == nil { exact[cleaned] = (position, error.code) }
                if error.code == FindingCode.nikPrecisionLost.rawValue, cleaned.count == 16, cleaned.allSatisfy(\.isNumber) {
                    let prefix = cleaned.prefix(15)
                    if damaged[prefix] == nil { damaged[prefix] = (position, error.code) }
                }
            }
        }

        func code(concerning nik: String) -> String? {
            let first = exact[nik]
            let second = nik.count == 16 ? damaged[nik.prefix(15)] : nil
            switch (first, second) {
            case let (first?, second?): return first.0 <= second.0 ? first.1 : second.1
            case let (first?, nil): return first.1
            case let (nil, second?): return second.1
            case (nil, nil): return nil
            }
        }
    }

    static func cleaned(_ value: String) -> String {
        value.filter { !$0.isWhitespace && $0 != "'" && $0 != "." && $0 != "-" }
    }

    /// True when an error finding's value is this NIK, or the NIK as Excel damaged it (the first
    /// 15 digits kept, the 16th turned into 0).
    static func finding(_ code: String, _ value: String, concerns nik: String) -> Bool {
        let cleaned = cleaned(value)
        if cleaned == nik { return true }
        if code == FindingCode.nikPrecisionLost.rawValue, cleaned.count == 16, nik.count == 16, cleaned.allSatisfy(\.isNumber) {
            return cleaned.prefix(15) == nik.prefix(15)
        }
        return false
    }

    func row(_ source: String) -> SourceRow { rows[source] ?? SourceRow(source: source) }
}
