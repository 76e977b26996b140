import SIGAPDomain

/// The plan stage (SPEC §15): for every month of the run, whether its stored results still hold
/// (reuse an open month; skip a closed month whose book is settled) or it must be computed, and
/// why. Decided from fingerprints alone, before any roster is read.
struct PlanStage {
    enum Action: Sendable, Equatable {
        /// An open month whose stored results still hold: not computed, its files not rewritten.
        case reuse
        /// A closed month whose book already equals its recomputation: nothing to adjust.
        case settled
        /// A closed month whose adjustments the first open month holds, and that month is reused.
        case adjusted
        /// Computed, for these reasons.
        case compute([String])
    }

    struct Month: Sendable {
        /// What the manifest calls the action.
        var actionName: String {
            switch action {
            case .reuse: "reused"
            case .settled: "settled"
            case .adjusted: "adjustments kept"
            case .compute: "computed"
            }
        }

        /// Why it is computed (nothing when it is not).
        var reasons: [String] {
            if case .compute(let reasons) = action { return reasons }
            return []
        }

        var month: YearMonth
        var closed: Bool
        var own: MonthFingerprints.Own
        var full: String
        var action: Action
        /// What the store holds of the month.
        var stored: StoredMonth?

        var isComputed: Bool { !reasons.isEmpty }
    }

    let fingerprints: MonthFingerprints
    /// Ignore every stored fingerprint (`sigap run --full`).
    let full: Bool

    static let componentReasons = [
        ("program", "the pipeline definition, the tool or the reference data changed"),
        ("inputs", "input files of the months up to it changed"),
        ("late_acknowledgements", "acknowledgement files for it that arrived later changed"),
    ]

    /// `published` says whether a month's files are in the out folder.
    func plan(
        months: [YearMonth], stored: [YearMonth: StoredMonth], firstOpen: YearMonth, published: (YearMonth) -> Bool
    ) -> [Month] {
        var plan: [Month] = []
        var unsettled: [(month: YearMonth, own: String, settled: String?)] = []
        for month in months {
            let own = fingerprints.own(month)
            let previous = stored[month]
            if let previous, previous.closed {
                var reasons: [String] = []
                if full {
                    reasons = ["--full"]
                } else if previous.settled == nil {
                    reasons = ["closed before fingerprints were kept"]
                } else if previous.settled != own.fingerprint {
                    reasons = Self.differences(own, previous.basis)
                    if reasons.isEmpty { reasons = ["its inputs differ from those its book was settled at"] }
                }
                if reasons.isEmpty {
                    plan.append(Month(month: month, closed: true, own: own, full: own.fingerprint, action: .settled, stored: previous))
                } else {
                    unsettled.append((month, own.fingerprint, previous.settled))
                    plan.append(
                        Month(month: month, closed: true, own: own, full: own.fingerprint, action: .compute(reasons), stored: previous))
                }
                continue
            }
            let fullFingerprint = MonthFingerprints.full(own: own.fingerprint, adjusting: month == firstOpen ? unsettled : [])
            var reasons: [String] = []
            if full {
                reasons = ["--full"]
            } else if previous == nil {
                reasons = ["not computed before"]
            } else if let basis = previous?.basis {
                if basis.full != fullFingerprint {
                    reasons = Self.differences(own, basis)
                    if reasons.isEmpty { reasons = ["the closed months it adjusts changed"] }
                }
                if !published(month) { reasons.append("its published files are missing") }
            } else {
                reasons = ["computed before fingerprints were kept"]
            }
            plan.append(
                Month(
                    month: month, closed: false, own: own, full: fullFingerprint, action: reasons.isEmpty ? .reuse : .compute(reasons),
                    stored: previous))
        }
        // A closed month's recomputation only serves the first open month's adjustments.
        if !plan.contains(where: { $0.month == firstOpen && $0.isComputed }) {
            for index in plan.indices where plan[index].closed && plan[index].isComputed {
                plan[index].action = .adjusted
            }
        }
        return plan
    }

    /// The parts of `own` that differ from what the stored result was computed from.
    static func differences(_ own: MonthFingerprints.Own, _ basis: ResultBasis?) -> [String] {
        guard let basis else { return ["computed before fingerprints were kept"] }
        return componentReasons.compactMap { key, reason in own.components[key] != basis.components[key] ? reason : nil }
    }
}
