import SIGAPDomain

/// The adjust stage (SPEC §8.4): every closed month, recomputed from the inputs now present, is
/// compared with its book (frozen lines plus the adjustments later closed months recorded); the
/// differences become ADJUSTMENT lines of the first open month.
struct AdjustStage {
    /// Per closed month, in order: its frozen lines (REGULAR and the ADJUSTMENT lines it carries;
    /// the REGULAR lines only needed of the months computed).
    let frozen: [(month: YearMonth, lines: [LedgerLine])]

    struct Output {
        /// ADJUSTMENT lines for the first open month, by closed month then NIK.
        var lines: [LedgerLine] = []
        /// Workers of a closed book that the recomputation no longer has: noted, not adjusted.
        var notes: [String] = []
    }

    /// `recomputed`: the REGULAR lines of each closed month this run computed (a closed month whose
    /// book is settled is not computed, and has nothing to adjust).
    func run(recomputed: [YearMonth: [LedgerLine]], into firstOpen: YearMonth) -> Output {
        var output = Output()
        for (index, closed) in frozen.enumerated() where recomputed[closed.month] != nil {
            let recorded = frozen[(index + 1)...].flatMap(\.lines)
            let adjustments = AdjustmentCalculator.adjustments(
                for: closed.month, frozen: closed.lines, recorded: recorded, recomputed: recomputed[closed.month] ?? [], into: firstOpen)
            output.lines += adjustments.lines
            for nik in adjustments.vanished {
                output.notes.append(
                    "\(closed.month): a worker of the closed month (\(Masking.nik(nik))) is no longer in the recomputed month: no adjustment written"
                )
            }
        }
        return output
    }
}
