import SIGAPDomain

/// All valid acknowledgements of a run, in input order (inbox month, then file name in byte order,
/// then the file's own order: sheets, rows), and the answers reconciliation needs (SPEC §8.2,
/// §8.3, §14):
///
/// - the effective acknowledgement of (NIK, period): the last valid one in input order
///   (quarantined rows never count);
/// - the effective acknowledgements of a period;
/// - whether a NIK has had an accepted effective acknowledgement for any period up to a month
///   (`submission.csv` lists only PENDING workers who have not).
public struct AcknowledgementBook: Sendable {
    /// Every valid acknowledgement in input order (`order` is the position here).
    public let all: AcknowledgementList
    /// The effective rows, sorted by (NIK, period): positions in `acknowledgements`.
    private let effectiveByNIK: [UInt32]
    /// The NIK of each entry of `effectiveByNIK` (searched without touching the rows).
    private let effectiveNIKs: [UInt64]
    /// The effective rows of each period (by period key), in input order.
    private let effectiveByPeriod: [UInt32: [UInt32]]
    /// When the book holds only some periods' rows: the earliest accepted period of every NIK over
    /// all of them (`hasAccepted` asks of every period up to a month).
    var accepted: AcceptedPeriods?

    /// Collects the acknowledgements of `reports`, whatever order they come in.
    public init(_ reports: [AcknowledgementReport]) {
        let ordered = reports.enumerated().sorted { left, right in
            if left.element.month != right.element.month { return left.element.month < right.element.month }
            if left.element.file != right.element.file {
                return left.element.file.utf8.lexicographicallyPrecedes(right.element.file.utf8)
            }
            return left.offset < right.offset
        }
        var list = AcknowledgementList()
        for (_, report) in ordered { list.append(contentsOf: report.acknowledgements) }
        self.init(list)
    }

    /// No acknowledgements: what a month's book is left as once it is handed over to be freed.
    static var empty: AcknowledgementBook { AcknowledgementBook(AcknowledgementList()) }

    /// A book of `list`, taken to be in input order already.
    public init(_ list: AcknowledgementList) {
        all = list
        precondition(list.count < Int(UInt32.max), "too many acknowledgements for one book")

        struct Key: Comparable {
            var nik: UInt64
            var period: UInt32
            var position: UInt32
            static func < (left: Key, right: Key) -> Bool {
                (left.nik, left.period, left.position) < (right.nik, right.period, right.position)
            }
        }
        var keys: [Key] = []
        keys.reserveCapacity(list.count)
        for position in list.indices {
            keys.append(Key(nik: list.nik(at: position), period: list.periodKey(at: position), position: UInt32(position)))
        }
        keys.sort()

        // The last of each run of equal (NIK, period) is effective.
        var byNIK: [UInt32] = []
        var niks: [UInt64] = []
        var byPeriod: [UInt32: [UInt32]] = [:]
        for (index, key) in keys.enumerated() {
            if index + 1 < keys.count, keys[index + 1].nik == key.nik, keys[index + 1].period == key.period { continue }
            byNIK.append(key.position)
            niks.append(key.nik)
            byPeriod[key.period, default: []].append(key.position)
        }
        for period in byPeriod.keys { byPeriod[period]!.sort() }
        effectiveByNIK = byNIK
        effectiveNIKs = niks
        effectiveByPeriod = byPeriod
    }

    /// The effective acknowledgement of `nik` (16 digits) for `period`, if any.
    public func effectiveAcknowledgement(nik: String, period: YearMonth) -> Acknowledgement? {
        guard let value = Self.value(of: nik) else { return nil }
        var cursor = 0
        return effectivePosition(nik: value, period: AcknowledgementList.key(period), cursor: &cursor).map { all[$0] }
    }

    public func effectiveAcknowledgement(nik: NIK, period: YearMonth) -> Acknowledgement? {
        effectiveAcknowledgement(nik: nik.digits, period: period)
    }

    /// The effective acknowledgements for `period`, in input order.
    public func effectiveAcknowledgements(for period: YearMonth) -> [Acknowledgement] {
        effectivePositions(for: period).map { all[Int($0)] }
    }

    /// Positions in `all` of the effective acknowledgements for `period`, in input order.
    func effectivePositions(for period: YearMonth) -> [UInt32] {
        effectiveByPeriod[AcknowledgementList.key(period)] ?? []
    }

    /// True when `nik` has an accepted effective acknowledgement for some period up to and
    /// including `month`.
    public func hasAccepted(nik: String, through month: YearMonth) -> Bool {
        guard let value = Self.value(of: nik) else { return false }
        let limit = AcknowledgementList.key(month)
        if let accepted { return accepted.hasAccepted(nik: value, through: limit) }
        var position = firstEffective(of: value)
        while position < effectiveByNIK.count {
            let candidate = Int(effectiveByNIK[position])
            guard all.nik(at: candidate) == value, all.periodKey(at: candidate) <= limit
            else { break }
            if all.isAccepted(at: candidate) { return true }
            position += 1
        }
        return false
    }

    public func hasAccepted(nik: NIK, through month: YearMonth) -> Bool {
        hasAccepted(nik: nik.digits, through: month)
    }

    /// The periods with at least one acknowledgement, ascending.
    public var periods: [YearMonth] {
        effectiveByPeriod.keys.sorted().map(AcknowledgementList.month)
    }

    // MARK: - Lookup

    /// For NIKs asked in ascending order: the position in `all` of the effective acknowledgement of
    /// (`nik`, `period`), moving `cursor` (a position in the NIK order, start at 0) forward by a
    /// galloping search, so a walk over sorted workers costs about one step each.
    func effectivePosition(nik: UInt64, period: UInt32, cursor: inout Int) -> Int? {
        let count = effectiveByNIK.count
        func below(_ position: Int) -> Bool { effectiveNIKs[position] < nik }
        if cursor < count && below(cursor) {
            var step = 1
            var low = cursor + 1
            var high = cursor + 1
            while high < count && below(high) {
                low = high + 1
                step *= 2
                high = cursor + step
            }
            high = min(high, count)
            while low < high {
                let middle = (low + high) / 2
                if below(middle) { low = middle + 1 } else { high = middle }
            }
            cursor = low
        }
        var position = cursor
        while position < count && effectiveNIKs[position] == nik {
            let candidate = Int(effectiveByNIK[position])
            if all.periodKey(at: candidate) == period { return candidate }
            position += 1
        }
        return nil
    }

    /// The first position in `effectiveByNIK` whose NIK is not below `nik`.
    private func firstEffective(of nik: UInt64) -> Int {
        var low = 0
        var high = effectiveByNIK.count
        while low < high {
            let middle = (low + high) / 2
            if effectiveNIKs[middle] < nik { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// A 16-digit NIK as a number; nil for anything else.
    static func value(of nik: String) -> UInt64? {
        var nik = nik
        return nik.withUTF8 { bytes in
            bytes.count == 16 ? AcknowledgementValues.sixteenDigits(bytes) : nil
        }
    }
}
