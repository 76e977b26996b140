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
        for closed in frozen where recomputed[closed.month] != nil {
            let part = run(
                closed.month, book: AdjustmentCalculator.BookEntry.of(closed.lines, closed: closed.month),
                recomputed: recomputed[closed.month] ?? [], into: firstOpen)
            output.lines += part.lines
            output.notes += part.notes
        }
        return output
    }

    /// One closed month: `book`, its frozen REGULAR lines as book entries (a run reads only these of
    /// a million lines); the adjustments recorded for it are those `frozen` lists after it.
    func run(_ closed: YearMonth, book: [AdjustmentCalculator.BookEntry], recomputed: [LedgerLine], into firstOpen: YearMonth) -> Output {
        var output = Output()
        let recorded = frozen.drop { $0.month <= closed }.flatMap(\.lines)
        let adjustments = AdjustmentCalculator.adjustments(
            for: closed, frozen: book, recorded: recorded, recomputed: recomputed, into: firstOpen)
        output.lines = adjustments.lines
        for nik in adjustments.vanished {
            output.notes.append(
                "\(closed): a worker of the closed month (\(Masking.nik(nik))) is no longer in the recomputed month: no adjustment written")
        }
        return output
    }
}
