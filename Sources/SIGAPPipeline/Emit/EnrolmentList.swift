import SIGAPDomain

/// `submission.csv` (SPEC §8.5, §14): the PENDING workers of a month who have never had an
/// accepted acknowledgement for any period up to it — the enrolment list still to send to BPJS.
enum EnrolmentList {
    /// `lines` and `workers` are both in NIK order and are walked together.
    static func rows(
        lines: [LedgerLine], workers: WorkerList, acknowledgements: some AcknowledgementLookup, month: YearMonth
    ) -> [SubmissionRow] {
        rows(at: positions(lines: lines, workers: workers, acknowledgements: acknowledgements, month: month), of: workers)
    }

    /// Where in `workers` the list's workers are, in NIK order: what needs the month's
    /// acknowledgements, so that they can go before the rows are made (a run holds a million-row
    /// book and a month's lines at that point).
    static func positions(
        lines: [LedgerLine], workers: WorkerList, acknowledgements: some AcknowledgementLookup, month: YearMonth
    ) -> [Int] {
        var positions: [Int] = []
        var workerIndex = 0
        for line in lines where line.status == .pending {
            // As `WorkerList.nik(at:)` reads NIKs (validation keeps only 16-digit ones).
            let nik = AcknowledgementBook.value(of: line.nik) ?? 0
            while workerIndex < workers.count && workers.nik(at: workerIndex) < nik { workerIndex += 1 }
            guard workerIndex < workers.count, workers.nik(at: workerIndex) == nik,
                !acknowledgements.hasAccepted(nik: line.nik, through: month)
            else { continue }
            positions.append(workerIndex)
        }
        return positions
    }

    /// The list's rows: the workers at `positions`.
    static func rows(at positions: [Int], of workers: WorkerList) -> [SubmissionRow] {
        positions.map { SubmissionRow(worker: workers[$0]) }
    }
}

extension SubmissionRow {
    init(worker: Worker) {
        self.init(
            nik: worker.nik, name: worker.name, birthPlace: worker.birthPlace ?? "", birthDate: worker.birthDate?.description ?? "",
            sex: worker.sex.map(\.letter) ?? "", address: worker.address ?? "", kelurahan: worker.kelurahan?.name ?? "",
            kecamatan: worker.kecamatan?.name ?? "", phone: worker.phone ?? "", occupation: worker.occupation ?? "",
            source: worker.owner)
    }
}
