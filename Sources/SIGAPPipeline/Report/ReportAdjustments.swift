import SIGAPDomain

/// The ADJUSTMENT lines of a month, grouped by the closed month they correct and by the change of
/// status, each group told in one sentence a finance officer can read aloud:
/// "3 pekerja bulan November 2025 baru dikonfirmasi BPJS pada Desember 2025: +Rp 50.400."
struct ReportAdjustments {
    struct Group {
        var forMonth: YearMonth
        var previousStatus: LedgerStatus?
        var status: LedgerStatus
        var lines: [LedgerLine]
        var count: Int { lines.count }
        var premium: Int { lines.reduce(0) { $0 + $1.premium } }
    }

    var month: YearMonth
    var groups: [Group]
    var lines: [LedgerLine]

    init(month: YearMonth, lines: [LedgerLine]) {
        self.month = month
        self.lines = lines.filter { $0.entry == .adjustment }
        var groups: [Group] = []
        for line in self.lines {
            if let index = groups.firstIndex(where: {
                $0.forMonth == line.forMonth && $0.previousStatus == line.previousStatus && $0.status == line.status
            }) {
                groups[index].lines.append(line)
            } else {
                groups.append(Group(forMonth: line.forMonth, previousStatus: line.previousStatus, status: line.status, lines: [line]))
            }
        }
        // Per closed month: money owed first, then money to reclaim, then changes without money.
        self.groups = groups.sorted {
            ($0.forMonth, Self.rank($0), $0.previousStatus?.rawValue ?? "", $0.status.rawValue)
                < ($1.forMonth, Self.rank($1), $1.previousStatus?.rawValue ?? "", $1.status.rawValue)
        }
    }

    private static func rank(_ group: Group) -> Int {
        group.premium > 0 ? 0 : group.premium < 0 ? 1 : 2
    }

    /// The sentence for a group.
    func sentence(_ group: Group) -> String {
        let who = "\(ReportText.count(group.count)) pekerja bulan \(ReportText.monthName(group.forMonth))"
        let when = ReportText.monthName(month)
        let amount = ReportText.signedRupiah(group.premium)
        switch (group.previousStatus, group.status) {
        case (.pending?, .covered):
            return "\(who) baru dikonfirmasi BPJS pada \(when): \(amount)."
        case (.rejected?, .covered):
            return "\(who) yang semula ditolak BPJS ternyata diterima (konfirmasi diperbaiki pada \(when)): \(amount)."
        case (.unexpected?, .covered):
            return "\(who) yang sudah diterima BPJS ternyata tercantum dalam daftar dinas (diketahui pada \(when)): \(amount)."
        case (.covered?, .rejected):
            return "\(who) yang sudah dibayar ternyata ditolak BPJS (diketahui pada \(when)); iurannya diperhitungkan kembali: \(amount)."
        case (.covered?, .pending):
            return
                "\(who) yang sudah dibayar tidak lagi memiliki konfirmasi BPJS (diketahui pada \(when)); iurannya diperhitungkan kembali: \(amount)."
        case (.covered?, .unexpected):
            return
                "\(who) yang sudah dibayar tidak lagi tercantum dalam daftar dinas (diketahui pada \(when)); iurannya diperhitungkan kembali: \(amount)."
        case (.pending?, .rejected):
            return "\(who) yang masih menunggu akhirnya ditolak BPJS pada \(when); tidak ada iuran yang berubah: \(amount)."
        case (.covered?, .covered):
            return "\(who) tetap tertanggung, tetapi besar iurannya dihitung ulang pada \(when): \(amount)."
        default:
            return
                "\(who) berubah status dari \(ReportText.status(group.previousStatus)) menjadi \(ReportText.status(group.status)) pada \(when): \(amount)."
        }
    }
}
