/// For each NIK, the earliest premium period whose effective acknowledgement (the last valid one in
/// input order, SPEC §8.2) is ACCEPTED: what `submission.csv` asks of every period up to a month
/// (SPEC §8.5), kept in 12 bytes a NIK instead of every file's rows.
struct AcceptedPeriods: Sendable {
    /// Ascending.
    private var niks: [UInt64] = []
    /// The earliest accepted period key of each NIK.
    private var periods: [UInt32] = []

    /// `collect` hands over each file's packed records (`AcknowledgementList.packed()`), in input order.
    init(collect: ((_ records: [UInt8]) -> Void) throws -> Void) rethrows {
        // (NIK, period << 32 | position << 1 | rejected): sorted, the last of each (NIK, period) is effective.
        var keys: [(nik: UInt64, order: UInt64)] = []
        var position: UInt64 = 0
        try collect { records in
            AcknowledgementList.forEachPacked(records) { nik, period, accepted in
                keys.append((nik, UInt64(period) << 32 | position << 1 | (accepted ? 0 : 1)))
                position += 1
            }
        }
        precondition(position < 1 << 31, "too many acknowledgements for one index")
        keys.sort { $0.nik != $1.nik ? $0.nik < $1.nik : $0.order < $1.order }
        for (index, key) in keys.enumerated() {
            let period = UInt32(key.order >> 32)
            let next = index + 1 < keys.count ? keys[index + 1] : nil
            if let next, next.nik == key.nik, UInt32(next.order >> 32) == period { continue }
            // Periods ascend within a NIK: its first accepted effective one is the earliest.
            guard key.order & 1 == 0, niks.last != key.nik else { continue }
            niks.append(key.nik)
            periods.append(period)
        }
    }

    /// True when `nik` has an accepted effective acknowledgement for a period up to `period` (a key
    /// of `AcknowledgementList.key`).
    func hasAccepted(nik: UInt64, through period: UInt32) -> Bool {
        var low = 0
        var high = niks.count
        while low < high {
            let middle = (low + high) / 2
            if niks[middle] < nik { low = middle + 1 } else { high = middle }
        }
        return low < niks.count && niks[low] == nik && periods[low] <= period
    }
}
