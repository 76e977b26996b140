import SIGAPDomain

/// The book as reconciliation reads it (`AcknowledgementLookup`, SPEC §8.3).
extension AcknowledgementBook: AcknowledgementLookup {
    public func effective(nik: String, period: YearMonth) -> ReconcileAck? {
        effectiveAcknowledgement(nik: nik, period: period).map(Self.reconcileAck)
    }

    /// Every effective acknowledgement for `period`, sorted by NIK.
    public func effectiveAcknowledgements(period: YearMonth) -> [ReconcileAck] {
        effectiveAcknowledgements(for: period).sorted { $0.nik < $1.nik }.map(Self.reconcileAck)
    }

    public func effectiveAcknowledgements(period: YearMonth, excluding enrolled: [UInt64]) -> [ReconcileAck] {
        effectivePositions(for: period).filter { !enrolled.sortedContains(all.nik(at: Int($0))) }
            .map { all[Int($0)] }.sorted { $0.nik < $1.nik }.map(Self.reconcileAck)
    }

    /// Walks the book alongside the workers (sorted by NIK) instead of searching it for each.
    public func effectiveInNIKOrder(period: YearMonth) -> (UInt64) -> ReconcileAck? {
        let key = AcknowledgementList.key(period)
        var cursor = 0
        return { nik in
            guard let position = self.effectivePosition(nik: nik, period: key, cursor: &cursor) else { return nil }
            return self.all.reconcileAck(at: position, nik: LedgerLine.NIKValue(number: nik))
        }
    }

    private static func reconcileAck(_ acknowledgement: Acknowledgement) -> ReconcileAck {
        ReconcileAck(
            nik: acknowledgement.nik, accepted: acknowledgement.isAccepted, name: acknowledgement.name,
            kpj: acknowledgement.kpj, reasonCode: acknowledgement.reasonCode, premium: acknowledgement.premium,
            reasonText: acknowledgement.isAccepted ? nil : acknowledgement.reasonText)
    }
}
