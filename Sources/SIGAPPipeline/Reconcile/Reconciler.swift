import SIGAPDomain

/// Reconciles the workers enrolled in a month against BPJS acknowledgements (SPEC §8.3, §14):
/// COVERED, REJECTED, PENDING and UNEXPECTED lines with their flags.
public struct Reconciler: Sendable {
    public var month: YearMonth
    /// The premium in force for the month (JKK + JKM), integer rupiah.
    public var rate: Int
    /// From how many workers the work is split over two threads (tests force it lower).
    var splitThreshold = SplitWork.threshold

    public init(month: YearMonth, rate: Int) {
        self.month = month
        self.rate = rate
    }

    /// `latestCoveredKPJ`: per NIK, the KPJ on the worker's latest REGULAR COVERED line before this
    /// month (the frozen line for closed months).
    public func reconcile(
        _ workers: WorkerList, acknowledgements: some AcknowledgementLookup, latestCoveredKPJ: KPJHistory
    ) -> MonthReconciliation {
        // The enrolled NIKs, ascending (the workers come sorted: rarely sorted again; 0 for a NIK
        // kept as text); then the month's acknowledgements of anyone else (UNEXPECTED people and
        // orphan rejections), known before the lines are made so that the month's lines are one
        // array made at its final size (a million lines are not moved).
        var enrolled = (0..<workers.count).map { workers.nik(at: $0) }
        if zip(enrolled, enrolled.dropFirst()).contains(where: { $0 > $1 }) { enrolled.sort() }
        let others = acknowledgements.effectiveAcknowledgements(period: month, excluding: enrolled)
        enrolled = []
        // Both halves of the workers on both cores, each line written in its place.
        var lines: [LedgerLine]
        let parts: [Part]
        (lines, parts) = SplitWork.fill(
            workers.count, capacity: workers.count + others.count(where: \.accepted), threshold: splitThreshold
        ) { range, output in
            enrolledLines(workers, range, into: output, acknowledgements: acknowledgements, latestCoveredKPJ: latestCoveredKPJ)
        }
        // The lines stay in one owner while the UNEXPECTED ones join them (no copy).
        var result = MonthReconciliation(month: month, lines: [])
        var texts: [String: [String: Int]] = [:]
        for part in parts {
            result.pendingExposure += part.pendingExposure
            result.review.details += part.details
            texts.merge(part.texts) { $0.merging($1, uniquingKeysWith: +) }
        }
        result.review.rejectionTexts = MonthReview.texts(texts)
        var unexpected: [LedgerLine] = []
        for ack in others {
            guard ack.accepted else {
                result.orphanRejections += 1
                continue
            }
            result.disputedAmount += ack.premium ?? 0
            // The KPJ before, when BPJS gave another one (looked up once).
            let earlier = ack.kpj.flatMap { kpj in latestCoveredKPJ[ack.nikKey].flatMap { !kpj.isEmpty && $0 != kpj ? $0 : nil } }
            let flags: [LedgerFlag] = earlier == nil ? [] : [.kpjChanged]
            let nik = ack.nik
            result.review.details.append(MonthReview.Detail(nik: nik, billed: ack.premium, bpjsName: nil, kpjBefore: earlier))
            unexpected.append(
                LedgerLine(
                    month: month, entry: .regular, forMonth: month, nik: nik,
                    name: (ack.name.flatMap(PersonName.display)) ?? "", source: "", sources: [], kecamatanCode: "", kecamatan: "",
                    kelurahan: "", occupation: "", kpj: ack.kpj ?? "", status: .unexpected, previousStatus: nil, reasonCode: "",
                    premium: 0, flags: flags))
        }
        Self.merge(unexpected, into: &lines)
        result.lines = lines
        result.review.details.sort { $0.nik < $1.nik }
        return result
    }

    /// What one part of the workers adds to the month's totals and review.
    struct Part {
        var pendingExposure = 0
        var details: [MonthReview.Detail] = []
        /// Reason code → BPJS's text → workers.
        var texts: [String: [String: Int]] = [:]
    }

    /// The lines of `workers[range]` (sorted by NIK), each initialized at its worker's position in
    /// `output`, and what the month's totals need of them.
    private func enrolledLines(
        _ workers: WorkerList, _ range: Range<Int>, into output: UnsafeMutableBufferPointer<LedgerLine>,
        acknowledgements: some AcknowledgementLookup, latestCoveredKPJ: KPJHistory
    ) -> Part {
        var part = Part()
        let effective = acknowledgements.effectiveInNIKOrder(period: month)
        // The part's lines are packed in a block of their own.
        let block = LedgerBlock(capacity: range.count)
        var walked: UInt64?
        for index in range {
            // What the line takes of the worker, read from the month's rows (not the whole worker).
            let worker = workers.line(at: index)
            let nik = worker.nik.map { LedgerLine.NIKValue(number: $0) } ?? LedgerLine.NIKValue(workers[index].nik)
            // Workers come sorted by NIK, which the walk needs; a NIK out of order (or not of 16
            // digits) is searched.
            let ack: ReconcileAck?
            if let number = worker.nik, walked.map({ number > $0 }) ?? true {
                ack = effective(number)
                walked = number
            } else {
                ack = acknowledgements.effective(nik: nik.text, period: month)
            }
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
                part.pendingExposure += rate
            }
            if let ack {
                var bpjsName: String?
                var kpjBefore: String?
                if let name = ack.name, !name.isEmpty, !Self.sameName(worker.values.name, name) {
                    flags.insert(.nameMismatch)
                    bpjsName = name
                }
                let amountDiffers = ack.premium.map { $0 != rate } ?? false
                if amountDiffers { flags.insert(.amountMismatch) }
                if let kpj = ack.kpj, !kpj.isEmpty, let earlier = latestCoveredKPJ[nik], earlier != kpj {
                    flags.insert(.kpjChanged)
                    kpjBefore = earlier
                }
                // BPJS's side, for the few lines finance checks (most lines are not flagged).
                if bpjsName != nil || amountDiffers || kpjBefore != nil {
                    part.details.append(
                        MonthReview.Detail(nik: nik.text, billed: ack.premium, bpjsName: bpjsName, kpjBefore: kpjBefore))
                }
                if !ack.accepted, let text = ack.reasonText, !text.isEmpty {
                    part.texts[ack.reasonCode ?? "LAINNYA", default: [:]][text, default: 0] += 1
                }
            }
            (output.baseAddress! + index).initialize(
                to: LedgerLine(
                    in: block, month: month, entry: .regular, forMonth: month, nik: nik, name: worker.values.name, source: worker.owner,
                    sources: worker.sources, kecamatanCode: worker.values.kecamatan?.code ?? "",
                    kecamatan: worker.values.kecamatan?.name ?? "", kelurahan: worker.values.kelurahan?.name ?? "",
                    occupation: worker.values.occupation ?? "", kpj: ack?.kpj ?? "",
                    status: status, previousStatus: nil, reasonCode: status == .rejected ? (ack?.reasonCode ?? "LAINNYA") : "",
                    premium: premium, flags: flags.sorted()))
        }
        return part
    }

    /// `tail` (sorted by NIK) and `lines` as one array sorted by NIK, `lines` first among equals:
    /// merged in place from the end when `lines` is sorted (as the workers come), else sorted.
    static func merge(_ tail: [LedgerLine], into lines: inout [LedgerLine]) {
        let head = lines.count
        lines.append(contentsOf: tail)
        guard !zip(lines[..<head], lines[..<head].dropFirst()).contains(where: { $0.nikKey > $1.nikKey }),
            !zip(tail, tail.dropFirst()).contains(where: { $0.nikKey > $1.nikKey })
        else {
            lines.sort { $0.nikKey < $1.nikKey }
            return
        }
        var next = head - 1
        var placing = lines.count - 1
        for line in tail.reversed() {
            while next >= 0 && line.nikKey < lines[next].nikKey {
                lines[placing] = lines[next]
                next -= 1
                placing -= 1
            }
            lines[placing] = line
            placing -= 1
        }
    }

    /// Whether an acknowledged name is the worker's (Jaro–Winkler ≥ 0.85 on comparison forms).
    /// Most answers repeat the roster's name exactly: that is checked first, cheaply.
    static func sameName(_ rosterName: String, _ acknowledged: String) -> Bool {
        if acknowledged == rosterName || PersonName.display(acknowledged) == rosterName { return true }
        return PersonName.sameName(PersonName.comparison(rosterName), PersonName.comparison(acknowledged))
    }
}
