import SIGAPDomain

/// Reconciles the workers enrolled in a month against BPJS acknowledgements (SPEC §8.3, §14):
/// COVERED, REJECTED, PENDING and UNEXPECTED lines with their flags.
public struct Reconciler: Sendable {
    public var month: YearMonth
    /// The premium in force for the month (JKK + JKM), integer rupiah.
    public var rate: Int

    public init(month: YearMonth, rate: Int) {
        self.month = month
        self.rate = rate
    }

    /// `latestCoveredKPJ`: per NIK, the KPJ on the worker's latest REGULAR COVERED line before this
    /// month (the frozen line for closed months).
    public func reconcile(
        _ workers: [Worker], acknowledgements: some AcknowledgementLookup, latestCoveredKPJ: [String: String]
    ) -> MonthReconciliation {
        var result = MonthReconciliation(month: month, lines: [])
        result.lines.reserveCapacity(workers.count)
        var enrolled = Set<UInt64>()
        enrolled.reserveCapacity(workers.count)
        for worker in workers {
            enrolled.insert(UInt64(worker.nik) ?? .max)
            let ack = acknowledgements.effective(nik: worker.nik, period: month)
            var flags: Set<LedgerFlag> = worker.identityConflict ? [.identityConflict] : []
            let status: LedgerStatus
            var premium = 0
            switch ack?.accepted {
            case true?:
                status = .covered
                premium = rate
            case false?:
                status = .rejected
            case nil:
                status = .pending
                result.pendingExposure += rate
            }
            if let ack {
                if let name = ack.name, !name.isEmpty, !Self.sameName(worker, name) {
                    flags.insert(.nameMismatch)
                }
                if let amount = ack.premium, amount != rate { flags.insert(.amountMismatch) }
                if let kpj = ack.kpj, !kpj.isEmpty, let earlier = latestCoveredKPJ[worker.nik], earlier != kpj {
                    flags.insert(.kpjChanged)
                }
            }
            result.lines.append(
                LedgerLine(
                    month: month, entry: .regular, forMonth: month, nik: worker.nik, name: worker.name, source: worker.owner,
                    sources: worker.sources, kecamatanCode: worker.kecamatan?.code ?? "", kecamatan: worker.kecamatan?.name ?? "",
                    kelurahan: worker.kelurahan?.name ?? "", occupation: worker.occupation ?? "", kpj: ack?.kpj ?? "",
                    status: status, previousStatus: nil, reasonCode: status == .rejected ? (ack?.reasonCode ?? "LAINNYA") : "",
                    premium: premium, flags: flags.sorted()))
        }
        for ack in acknowledgements.effectiveAcknowledgements(period: month, excluding: enrolled) {
            guard ack.accepted else {
                result.orphanRejections += 1
                continue
            }
            result.disputedAmount += ack.premium ?? 0
            var flags: [LedgerFlag] = []
            if let kpj = ack.kpj, !kpj.isEmpty, let earlier = latestCoveredKPJ[ack.nik], earlier != kpj { flags.append(.kpjChanged) }
            result.lines.append(
                LedgerLine(
                    month: month, entry: .regular, forMonth: month, nik: ack.nik,
                    name: (ack.name.flatMap(PersonName.display)) ?? "", source: "", sources: [], kecamatanCode: "", kecamatan: "",
                    kelurahan: "", occupation: "", kpj: ack.kpj ?? "", status: .unexpected, previousStatus: nil, reasonCode: "",
                    premium: 0, flags: flags))
        }
        result.lines.sort { $0.nik < $1.nik }
        return result
    }

    /// Whether an acknowledged name is the worker's (Jaro–Winkler ≥ 0.85 on comparison forms).
    /// Most answers repeat the roster's name exactly: that is checked first, cheaply.
    static func sameName(_ worker: Worker, _ acknowledged: String) -> Bool {
        if acknowledged == worker.name || PersonName.display(acknowledged) == worker.name { return true }
        return PersonName.sameName(worker.comparisonName, PersonName.comparison(acknowledged))
    }
}
