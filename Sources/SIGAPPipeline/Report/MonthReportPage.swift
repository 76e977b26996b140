import SIGAPDomain

/// The HTML of one month's report, from what `MonthReport` read out of the store.
struct MonthReportPage {
    var definition: PipelineDefinition
    var stored: StoredMonth
    var summary: ReportSummary
    /// What the page shows of this and the previous month's ledger lines.
    var parts: ReportParts
    var previous: (month: YearMonth, summary: ReportSummary)?
    var history: [(month: YearMonth, closed: Bool, summary: ReportSummary)]
    var run: RunRecord?
    /// BPJS's side of the flagged lines and its rejection texts.
    var review: MonthReview

    /// Lists longer than this show their first rows and point at `ledger.csv`.
    static let detailLimit = 100

    enum Colour {
        static let workers = "#b9c8da"
        static let covered = "#1e7b4f"
        static let pending = "#e0a526"
        static let rejected = "#c0392b"
        static let payable = "#0b4f6c"
        static let joins = "#2e8b57"
        static let leaves = "#c0392b"
        static let errors = "#c0392b"
        static let warnings = "#e0a526"
    }

    var month: YearMonth { stored.month }
    var monthName: String { ReportText.monthName(month) }

    func render() -> String {
        let title = "Laporan Rekonsiliasi \(definition.programme) — \(monthName)"
        var html = "<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n"
        // No script, no fetch: the browser refuses anything but the inline stylesheet.
        html += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>\(ReportText.escape(title))</title>\n"
        html +=
            "<style>\n\(ReportStyle.css)\n\(ReportStyle.pageNote("\(definition.programme) · \(monthName) · proses \(stored.runID)"))\n</style>\n"
        html += "</head>\n<body>\n<main>\n"
        html += masthead()
        html += intake()
        html += headline()
        html += changes()
        html += bySource()
        html += byKecamatan()
        html += trend()
        html += rejections()
        html += toCheck()
        html += adjustments()
        html += dataQuality()
        html += footer()
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    // MARK: - Pieces

    private func sourceName(_ code: String) -> String {
        if code.isEmpty { return "(tanpa dinas)" }
        return definition.source(code).map { $0.name.isEmpty ? code : $0.name } ?? code
    }

    /// Declared sources in pipeline order, then any other source the figures name.
    private func sourceCodes(_ more: [String] = []) -> [String] {
        var codes = definition.sourceCodes
        for code in (Array(summary.bySource.keys) + more).sorted() where !codes.contains(code) { codes.append(code) }
        return codes
    }

    private func number(_ value: Int, money: Bool) -> String {
        money ? Rupiah.format(value) : ReportText.count(value)
    }

    /// A table cell with the figure in `data-value` (what the chart beside it draws).
    private func cell(_ value: Int, _ category: String, _ series: String, money: Bool = false) -> String {
        "<td class=\"num\" data-category=\"\(ReportText.escape(category))\" data-series=\"\(series)\" data-value=\"\(value)\">"
            + number(value, money: money) + "</td>"
    }

    /// A cell of a total row (no chart draws it), tagged with the summary key it shows.
    private func totalCell(_ value: Int, key: String? = nil, money: Bool = false) -> String {
        let tag = key.map { " data-key=\"\($0)\" data-value=\"\(value)\"" } ?? ""
        return "<td class=\"num\"\(tag)>\(number(value, money: money))</td>"
    }

    private func figure(_ chart: ReportChart, horizontal: Bool = true) -> String {
        "<figure>" + (horizontal ? chart.horizontal() : chart.columns()) + chart.legend + "</figure>\n"
    }

    // MARK: - Sections

    private func masthead() -> String {
        var html = "<header class=\"masthead\">\n"
        html += "<p class=\"org\">Pemerintah Kota Bekasi · Dinas Ketenagakerjaan</p>\n"
        html += "<h1>Laporan Rekonsiliasi Bulanan \(ReportText.escape(definition.programme))</h1>\n"
        var subtitle = "Iuran BPJS Ketenagakerjaan (JKK + JKM) pekerja rentan · <strong>\(monthName)</strong>"
        if let rate = definition.premium(for: month) {
            subtitle +=
                " · iuran per pekerja \(Rupiah.format(rate.total)) (JKK \(Rupiah.format(rate.jkk)) + JKM \(Rupiah.format(rate.jkm)))"
        }
        html += "<p class=\"subtitle\">\(subtitle)</p>\n"
        if stored.closed {
            let when = stored.closedAt.map { " pada \(ReportText.escape(ReportText.timestamp($0)))" } ?? ""
            html +=
                "<p class=\"state closed\" data-closed=\"true\">Bulan ini sudah ditutup\(when): angka di bawah final. Perubahan kemudian muncul sebagai penyesuaian di bulan berikutnya.</p>\n"
            if let seal = stored.seal {
                // SPEC §16: the seal on paper anchors the books (sigap verify checks the files against it).
                html +=
                    "<p class=\"seal\">Segel pembukuan: <strong class=\"mono\" id=\"seal\">\(ReportText.escape(seal))</strong> (isi berkas SEAL; periksa dengan <span class=\"mono\">sigap verify</span>)</p>\n"
            }
        } else {
            html +=
                "<p class=\"state open\" data-closed=\"false\">Bulan ini masih terbuka: angka dapat berubah pada proses berikutnya sampai bulan ditutup.</p>\n"
        }
        return html + "</header>\n"
    }

    /// What arrived this month (SPEC §3 intake), at the top: each agency and BPJS.
    private func intake() -> String {
        let intake = summary.intake
        // A summary written before intake was kept has none: nothing to show.
        guard !intake.sources.isEmpty else { return "" }
        var html = "<section id=\"kiriman\">\n<h2>Kiriman bulan ini</h2>\n"
        html +=
            "<table class=\"intake\">\n<thead><tr><th>Pengirim</th><th>Keadaan</th><th class=\"num\">Berkas</th><th class=\"num\">Baris</th></tr></thead>\n<tbody>\n"
        func month(_ text: String) -> String { YearMonth(text).map(ReportText.monthName) ?? text }
        for code in sourceCodes(Array(intake.sources.keys)) {
            guard let source = intake.sources[code] else { continue }
            let state: String
            switch source.state {
            case .received: state = "diterima"
            case .carriedForward: state = "tidak mengirim: daftar \(month(source.fromMonth)) dipakai"
            case .unreadable:
                state =
                    source.fromMonth.isEmpty
                    ? "berkas tidak terbaca: belum ada daftar sebelumnya"
                    : "berkas tidak terbaca: daftar \(month(source.fromMonth)) tetap dipakai"
            case .none: state = "belum pernah mengirim"
            }
            let received = source.state == .received
            html +=
                "<tr data-source=\"\(ReportText.escape(code))\" data-state=\"\(source.state.rawValue)\"><td>\(ReportText.escape(sourceName(code)))</td>"
                + "<td>\(ReportText.escape(state))</td><td class=\"num\">\(received ? ReportText.count(source.files) : "–")</td>"
                + "<td class=\"num\">\(received ? ReportText.count(source.rows) : "–")</td></tr>\n"
        }
        let bpjs = intake.acknowledgementFiles > 0
        html +=
            "<tr data-source=\"BPJS\"><td>BPJS Ketenagakerjaan</td><td>\(bpjs ? "konfirmasi diterima" : "tidak ada konfirmasi bulan ini")</td>"
            + "<td class=\"num\">\(bpjs ? ReportText.count(intake.acknowledgementFiles) : "–")</td>"
            + "<td class=\"num\">\(bpjs ? ReportText.count(intake.acknowledgementRows) : "–")</td></tr>\n"
        return html + "</tbody>\n</table>\n</section>\n"
    }

    private func headline() -> String {
        let s = summary
        func card(_ key: String, _ label: String, _ value: Int, _ style: String, _ note: String, money: Bool = false) -> String {
            "<div class=\"figure \(style)\" data-key=\"\(key)\" data-value=\"\(value)\"><div class=\"label\">\(label)</div>"
                + "<div class=\"value\">\(number(value, money: money))</div><div class=\"note\">\(note)</div></div>\n"
        }
        var html = "<section id=\"ringkasan\">\n<h2>Ringkasan</h2>\n<div class=\"figures\">\n"
        html += card("workers", "Pekerja", s.workers, "workers", "satu orang per NIK")
        html += card("covered", "Tertanggung", s.covered, "covered", "diterima BPJS; iuran dibayar")
        html += card("pending", "Menunggu konfirmasi", s.pending, "pending", "belum ada jawaban BPJS")
        html += card("rejected", "Ditolak", s.rejected, "rejected", "ditolak BPJS; tanpa iuran")
        html += card("total_payable", Glossary.figure("total_payable"), s.totalPayable, "payable", "iuran + penyesuaian", money: true)
        html += "</div>\n"
        html +=
            "<p>\(Glossary.figure("total_payable")) untuk \(monthName) adalah iuran terutang bulan ini, <strong>\(Rupiah.format(s.premiumDue))</strong> untuk "
            + "\(ReportText.count(s.covered)) pekerja tertanggung, ditambah penyesuaian untuk bulan yang sudah ditutup, "
            + "<strong>\(ReportText.signedRupiah(s.adjustmentsPremium))</strong> (\(ReportText.count(s.adjustmentsCount)) baris): "
            + "<strong>\(Rupiah.format(s.totalPayable))</strong>.</p>\n"
        let others: [(String, String, Int, Bool, String)] = [
            ("premium_due", Glossary.figure("premium_due"), s.premiumDue, true, "pekerja tertanggung × iuran per pekerja"),
            (
                "adjustments_count", Glossary.figure("adjustments_count"), s.adjustmentsCount, false,
                "koreksi untuk bulan yang sudah ditutup"
            ),
            (
                "adjustments_premium", Glossary.figure("adjustments_premium"), s.adjustmentsPremium, true,
                "negatif: iuran yang diperhitungkan kembali"
            ),
            (
                "pending_exposure", Glossary.figure("pending_exposure"), s.pendingExposure, true,
                "terutang bila BPJS menerima semua yang menunggu"
            ),
            ("unexpected", Glossary.figure("unexpected"), s.unexpected, false, "tidak ada di daftar dinas mana pun bulan ini"),
            (
                "disputed_amount", Glossary.figure("disputed_amount"), s.disputedAmount, true,
                "iuran yang ditagih BPJS untuk mereka; tidak dibayar"
            ),
            ("orphan_rejections", Glossary.figure("orphan_rejections"), s.orphanRejections, false, "tidak mengubah angka di atas"),
            (
                "quarantined_rows", Glossary.figure("quarantined_rows"), s.quarantinedRows, false,
                "baris dengan kesalahan; lihat Kualitas data"
            ),
        ]
        html +=
            "<table class=\"others\">\n<thead><tr><th>Angka lain</th><th class=\"num\">Nilai</th><th>Keterangan</th></tr></thead>\n<tbody>\n"
        for (key, label, value, money, note) in others {
            html +=
                "<tr><td>\(label)</td><td class=\"num\" data-key=\"\(key)\" data-value=\"\(value)\">\(number(value, money: money))</td>"
                + "<td class=\"note\">\(note)</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }

    private func changes() -> String {
        let changes = parts.changes
        let codes = sourceCodes(Array(changes.rows.keys).filter { !$0.isEmpty })
        var html = "<section id=\"perubahan\">\n<div class=\"keep\">\n<h2>Perubahan sejak bulan lalu</h2>\n"
        let joins = changes.rows.values.reduce(0) { $0 + $1.joins }
        let leaves = changes.rows.values.reduce(0) { $0 + $1.leaves }
        let moved = changes.rows.values.reduce(0) { $0 + max($1.moved, 0) }
        if let previous {
            html +=
                "<p>Dibanding \(ReportText.monthName(previous.month)): <strong>\(ReportText.count(joins)) pekerja masuk</strong>, "
                + "<strong>\(ReportText.count(leaves)) keluar</strong>, \(ReportText.count(moved)) pindah dinas, dan "
                + "\(ReportText.count(changes.newlyRejected.count)) pekerja yang bulan lalu tidak ditolak kini ditolak BPJS. "
                + "Jumlah pekerja berubah dari \(ReportText.count(previous.summary.workers)) menjadi \(ReportText.count(summary.workers)).</p>\n"
        } else {
            html +=
                "<p>\(monthName) adalah bulan pertama yang tercatat: semua \(ReportText.count(summary.workers)) pekerja terhitung masuk.</p>\n"
        }
        let chart = ReportChart(
            id: "chart-changes", tableID: "table-changes", caption: "Pekerja masuk dan keluar menurut dinas",
            series: [
                .init(key: "joins", label: "Masuk", colour: Colour.joins), .init(key: "leaves", label: "Keluar", colour: Colour.leaves),
            ],
            categories: codes.map { code in
                let row = changes.row(code)
                return .init(key: code, label: code, values: [row.joins, row.leaves], note: "+\(row.joins) / −\(row.leaves)")
            },
            layout: .grouped)
        html += figure(chart) + "</div>\n"
        html +=
            "<table id=\"table-changes\" class=\"keep\">\n<thead><tr><th rowspan=\"2\">Dinas</th><th class=\"num\" rowspan=\"2\">Bulan lalu</th>"
            + "<th class=\"num\" rowspan=\"2\">Masuk</th><th class=\"num\" rowspan=\"2\">Keluar</th><th class=\"num\" rowspan=\"2\">Pindah dinas</th>"
            + "<th class=\"num\" rowspan=\"2\">Bulan ini</th><th class=\"group\" colspan=\"2\">Keluar karena</th>"
            + "<th class=\"num\" rowspan=\"2\">Baru ditolak BPJS</th></tr>\n"
            + "<tr><th class=\"num\">tidak dikirim ulang</th><th class=\"num\">dikarantina</th></tr></thead>\n<tbody>\n"
        for code in codes {
            let row = changes.row(code)
            html += "<tr><td>\(ReportText.escape(code))</td>"
            html += cell(previous?.summary.source(code, "workers") ?? 0, code, "previous")
            html += cell(row.joins, code, "joins") + cell(row.leaves, code, "leaves")
            html +=
                "<td class=\"num\" data-category=\"\(ReportText.escape(code))\" data-series=\"moved\" data-value=\"\(row.moved)\">"
                + ReportText.signedCount(row.moved) + "</td>"
            html += cell(summary.source(code, "workers"), code, "current")
            html += cell(row.leftNotResent, code, "left_not_resent") + cell(row.leftQuarantined, code, "left_quarantined")
            html += cell(row.newlyRejected, code, "newly_rejected") + "</tr>\n"
        }
        html +=
            "<tr class=\"total\"><td>Jumlah</td>" + totalCell(previous?.summary.workers ?? 0) + totalCell(joins) + totalCell(leaves)
            + "<td class=\"num\">\(ReportText.signedCount(0))</td>" + totalCell(summary.workers, key: "workers")
            + totalCell(changes.rows.values.reduce(0) { $0 + $1.leftNotResent })
            + totalCell(changes.rows.values.reduce(0) { $0 + $1.leftQuarantined }) + totalCell(changes.newlyRejected.count) + "</tr>\n"
        html += "</tbody>\n</table>\n"
        html +=
            "<p class=\"note\">Pekerja dihitung pada dinas pemiliknya (dinas dengan prioritas tertinggi yang mencantumkan NIK-nya). "
            + "<em>Tidak dikirim ulang</em>: daftar dinas bulan ini tidak lagi mencantumkan NIK tersebut. <em>Dikarantina</em>: barisnya "
            + "bulan ini memuat kesalahan sehingga tidak diproses (lihat Kualitas data). <em>Baru ditolak BPJS</em>: masih terdaftar, "
            + "tetapi kini ditolak sehingga tidak lagi dibayarkan iurannya.</p>\n"
        if !changes.leavers.isEmpty {
            html += "<h3>Pekerja yang keluar</h3>\n"
            html += detailTable(
                header: ["NIK", "Nama", "Dinas", "Status bulan lalu", "Alasan"],
                rows: changes.leavers.map { leaver in
                    let reason =
                        leaver.reason == .quarantined
                        ? "dikarantina (\(ReportText.findingMeaning(leaver.code ?? "")))" : "tidak dikirim ulang oleh dinas"
                    return [
                        Masking.nik(leaver.line.nik), leaver.line.name, leaver.line.source, ReportText.status(leaver.line.status), reason,
                    ]
                }, masked: 0)
        }
        if !changes.newlyRejected.isEmpty {
            html += "<h3>Pekerja yang baru ditolak BPJS</h3>\n"
            html += detailTable(
                header: ["NIK", "Nama", "Dinas", "Alasan penolakan"],
                rows: changes.newlyRejected.map {
                    [Masking.nik($0.nik), $0.name, $0.source, LedgerWorkbook.reasonMeaning($0.reasonCode)]
                }, masked: 0)
        }
        return html + "</section>\n"
    }

    /// "Perlu diperiksa" (issue 13): what finance checks before paying — every flagged line with
    /// our premium beside what BPJS billed and the KPJ before and now, the people BPJS accepted
    /// without their being enrolled, and BPJS's own words for its rejections.
    private func toCheck() -> String {
        var html = "<section id=\"perlu-diperiksa\">\n<h2>Perlu diperiksa</h2>\n"
        let details = review.byNIK
        let flagged = parts.flagged.filter { $0.status != .unexpected }
        let unexpected = parts.flagged.filter { $0.status == .unexpected }
        if flagged.isEmpty && unexpected.isEmpty && review.rejectionTexts.isEmpty {
            return html + "<p>Tidak ada yang perlu diperiksa: jawaban BPJS bulan ini cocok dengan daftar dinas.</p>\n</section>\n"
        }
        func money(_ value: Int?) -> String { value.map(Rupiah.format) ?? "–" }
        if !flagged.isEmpty {
            html += "<h3>Baris yang ditandai</h3>\n"
            html += detailTable(
                header: ["NIK", "Nama", "Dinas", "Tanda", "Iuran kita", "Tagihan BPJS", "KPJ sebelumnya → sekarang", "Nama di BPJS"],
                rows: flagged.map { line in
                    let detail = details[line.nik]
                    let kpj = detail?.kpjBefore.map { "\($0) → \(line.kpj)" } ?? (line.kpj.isEmpty ? "–" : line.kpj)
                    return [
                        Masking.nik(line.nik), line.name, line.source,
                        line.flags.filter { $0 != .identityConflict }.map(Glossary.flag).joined(separator: "; "),
                        Rupiah.format(line.premium), money(detail?.billed), kpj, detail?.bpjsName ?? "–",
                    ]
                }, masked: 0, numeric: [4, 5])
        }
        if !unexpected.isEmpty {
            html += "<h3>\(Glossary.status(.unexpected))</h3>\n"
            html +=
                "<p class=\"note\">BPJS menerima orang-orang ini untuk \(monthName), tetapi tidak ada daftar dinas bulan ini yang mencantumkan mereka: "
                + "iurannya tidak dibayar (\(Glossary.figure("disputed_amount").lowercased()) \(Rupiah.format(summary.disputedAmount))).</p>\n"
            html += detailTable(
                header: ["NIK", "Nama di BPJS", "No KPJ", "Tagihan BPJS"],
                rows: unexpected.map { line in
                    [Masking.nik(line.nik), line.name, line.kpj.isEmpty ? "–" : line.kpj, money(details[line.nik]?.billed)]
                }, masked: 0, numeric: [3])
        }
        if !review.rejectionTexts.isEmpty {
            html += "<h3>Alasan penolakan menurut BPJS</h3>\n"
            html += detailTable(
                header: ["Kode alasan", "Arti", "Keterangan dari BPJS", "Pekerja"],
                rows: review.rejectionTexts.map {
                    [$0.reasonCode, LedgerWorkbook.reasonMeaning($0.reasonCode), $0.text, ReportText.count($0.count)]
                },
                masked: nil, numeric: [3])
        }
        return html + "</section>\n"
    }

    /// A plain table of people or lines, at most `detailLimit` rows; column `masked` holds NIKs
    /// already masked (shown in a monospace font).
    private func detailTable(header: [String], rows: [[String]], masked: Int?, numeric: Set<Int> = []) -> String {
        var html = "<table class=\"detail\">\n<thead><tr>"
        for (index, title) in header.enumerated() {
            html += numeric.contains(index) ? "<th class=\"num\">\(title)</th>" : "<th>\(title)</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for row in rows.prefix(Self.detailLimit) {
            html += "<tr>"
            for (index, value) in row.enumerated() {
                let style = index == masked ? " class=\"mono\"" : numeric.contains(index) ? " class=\"num\"" : ""
                html += "<td\(style)>\(ReportText.data(value))</td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table>\n"
        if rows.count > Self.detailLimit {
            html +=
                "<p class=\"note\">… dan \(ReportText.count(rows.count - Self.detailLimit)) baris lainnya: lihat ledger.csv bulan ini.</p>\n"
        }
        return html
    }

    private func bySource() -> String {
        let codes = sourceCodes()
        var html = "<section id=\"dinas\">\n<div class=\"keep\">\n<h2>Menurut dinas</h2>\n"
        let chart = ReportChart(
            id: "chart-source", tableID: "table-source", caption: "Pekerja menurut dinas dan status",
            series: [
                .init(key: "covered", label: "Tertanggung", colour: Colour.covered),
                .init(key: "pending", label: "Menunggu konfirmasi", colour: Colour.pending),
                .init(key: "rejected", label: "Ditolak", colour: Colour.rejected),
            ],
            categories: codes.map { code in
                .init(
                    key: code, label: code,
                    values: [summary.source(code, "covered"), summary.source(code, "pending"), summary.source(code, "rejected")],
                    note: "\(ReportText.count(summary.source(code, "workers"))) pekerja")
            },
            layout: .stacked)
        html += figure(chart) + "</div>\n"
        html +=
            "<table id=\"table-source\" class=\"keep\">\n<thead><tr><th>Kode</th><th>Dinas</th><th class=\"num\">Pekerja</th><th class=\"num\">Tertanggung</th>"
            + "<th class=\"num\">Menunggu</th><th class=\"num\">Ditolak</th><th class=\"num\">Iuran terutang</th></tr></thead>\n<tbody>\n"
        for code in codes {
            html += "<tr><td>\(ReportText.escape(code))</td><td>\(ReportText.escape(sourceName(code)))</td>"
            html += cell(summary.source(code, "workers"), code, "workers") + cell(summary.source(code, "covered"), code, "covered")
            html += cell(summary.source(code, "pending"), code, "pending") + cell(summary.source(code, "rejected"), code, "rejected")
            html += cell(summary.source(code, "premium_due"), code, "premium_due", money: true) + "</tr>\n"
        }
        html +=
            "<tr class=\"total\"><td>Jumlah</td><td></td>" + totalCell(summary.workers, key: "workers")
            + totalCell(summary.covered, key: "covered") + totalCell(summary.pending, key: "pending")
            + totalCell(summary.rejected, key: "rejected") + totalCell(summary.premiumDue, key: "premium_due", money: true) + "</tr>\n"
        return html + "</tbody>\n</table>\n</section>\n"
    }

    private func byKecamatan() -> String {
        var codes = Wilayah3275.kecamatan.map(\.code)
        codes += summary.byKecamatan.keys.filter { !codes.contains($0) && $0 != "UNKNOWN" }.sorted()
        if summary.byKecamatan["UNKNOWN"] != nil { codes.append("UNKNOWN") }
        func name(_ code: String) -> String {
            code == "UNKNOWN" ? "Tidak diketahui" : Wilayah3275.kecamatan(code: code)?.name ?? code
        }
        var html = "<section id=\"kecamatan\">\n<div class=\"keep\">\n<h2>Menurut kecamatan</h2>\n"
        html +=
            "<p class=\"note\">Kecamatan tempat tinggal menurut daftar dinas (12 kecamatan Kota Bekasi, kode Kemendagri). "
            + "<em>Tidak diketahui</em>: kecamatan kosong atau tidak dikenali.</p>\n"
        let chart = ReportChart(
            id: "chart-kecamatan", tableID: "table-kecamatan", caption: "Pekerja dan tertanggung menurut kecamatan",
            series: [
                .init(key: "workers", label: "Pekerja", colour: Colour.workers),
                .init(key: "covered", label: "Tertanggung", colour: Colour.covered),
            ],
            categories: codes.map { code in
                .init(
                    key: code, label: name(code), values: [summary.kecamatan(code, "workers"), summary.kecamatan(code, "covered")],
                    note:
                        "\(ReportText.count(summary.kecamatan(code, "covered"))) dari \(ReportText.count(summary.kecamatan(code, "workers")))"
                )
            },
            layout: .overlay)
        html += figure(chart) + "</div>\n"
        html +=
            "<table id=\"table-kecamatan\" class=\"keep\">\n<thead><tr><th>Kode</th><th>Kecamatan</th><th class=\"num\">Pekerja</th>"
            + "<th class=\"num\">Tertanggung</th><th class=\"num\">Iuran terutang</th></tr></thead>\n<tbody>\n"
        for code in codes {
            html += "<tr><td>\(code == "UNKNOWN" ? "—" : ReportText.escape(code))</td><td>\(ReportText.escape(name(code)))</td>"
            html += cell(summary.kecamatan(code, "workers"), code, "workers") + cell(summary.kecamatan(code, "covered"), code, "covered")
            html += cell(summary.kecamatan(code, "premium_due"), code, "premium_due", money: true) + "</tr>\n"
        }
        html +=
            "<tr class=\"total\"><td>Jumlah</td><td></td>" + totalCell(summary.workers, key: "workers")
            + totalCell(summary.covered, key: "covered") + totalCell(summary.premiumDue, key: "premium_due", money: true) + "</tr>\n"
        return html + "</tbody>\n</table>\n</section>\n"
    }

    private func trend() -> String {
        let first = history.first.map { ReportText.monthName($0.month) } ?? monthName
        var html = "<section id=\"tren\">\n<div class=\"keep\">\n<h2>Tren sejak \(first)</h2>\n"
        let workersChart = ReportChart(
            id: "chart-trend-workers", tableID: "table-trend", caption: "Pekerja dan tertanggung per bulan",
            series: [
                .init(key: "workers", label: "Pekerja", colour: Colour.workers),
                .init(key: "covered", label: "Tertanggung", colour: Colour.covered),
            ],
            categories: history.map {
                .init(
                    key: $0.month.description, label: ReportText.shortMonthName($0.month), values: [$0.summary.workers, $0.summary.covered])
            },
            layout: .grouped)
        let payableChart = ReportChart(
            id: "chart-trend-payable", tableID: "table-trend", caption: "\(Glossary.figure("total_payable")) per bulan",
            series: [.init(key: "total_payable", label: Glossary.figure("total_payable"), colour: Colour.payable)],
            categories: history.map {
                .init(key: $0.month.description, label: ReportText.shortMonthName($0.month), values: [$0.summary.totalPayable])
            },
            layout: .grouped, money: true)
        html += figure(workersChart, horizontal: false) + "</div>\n"
        html += figure(payableChart, horizontal: false)
        html +=
            "<table id=\"table-trend\" class=\"keep\">\n<thead><tr><th>Bulan</th><th>Status</th><th class=\"num\">Pekerja</th><th class=\"num\">Tertanggung</th>"
            + "<th class=\"num\">Menunggu</th><th class=\"num\">Ditolak</th><th class=\"num\">\(Glossary.figure("total_payable"))</th></tr></thead>\n<tbody>\n"
        for item in history {
            let key = item.month.description
            html += "<tr><td>\(ReportText.monthName(item.month))</td><td>\(item.closed ? "ditutup" : "terbuka")</td>"
            html += cell(item.summary.workers, key, "workers") + cell(item.summary.covered, key, "covered")
            html += cell(item.summary.pending, key, "pending") + cell(item.summary.rejected, key, "rejected")
            html += cell(item.summary.totalPayable, key, "total_payable", money: true) + "</tr>\n"
        }
        html += "</tbody>\n</table>\n"
        html +=
            "<p class=\"note\">Angka setiap bulan diambil dari summary.json bulan itu sebagaimana tersimpan; bulan yang masih terbuka "
            + "dapat berubah pada proses berikutnya.</p>\n"
        return html + "</section>\n"
    }

    private func rejections() -> String {
        let known = RejectionReason.allCases.map(\.rawValue)
        let codes = known + summary.rejectionsByReason.keys.filter { !known.contains($0) }.sorted()
        var html = "<section id=\"penolakan\">\n<div class=\"keep\">\n<h2>Alasan penolakan BPJS</h2>\n"
        if summary.rejected == 0 {
            html += "<p>Tidak ada pekerja yang ditolak BPJS untuk \(monthName).</p>\n"
        } else {
            html +=
                "<p>\(ReportText.count(summary.rejected)) pekerja ditolak BPJS untuk \(monthName). Mereka tetap terdaftar tanpa iuran; "
                + "dinas perlu memperbaiki datanya agar dapat didaftarkan kembali.</p>\n"
        }
        let chart = ReportChart(
            id: "chart-rejections", tableID: "table-rejections", caption: "Pekerja ditolak menurut alasan",
            series: [.init(key: "rejected", label: "Ditolak", colour: Colour.rejected)],
            categories: codes.map { .init(key: $0, label: $0, values: [summary.rejectionsByReason[$0] ?? 0]) },
            layout: .grouped)
        html += figure(chart) + "</div>\n"
        html +=
            "<table id=\"table-rejections\" class=\"keep\">\n<thead><tr><th>Kode alasan</th><th>Arti</th><th class=\"num\">Jumlah</th></tr></thead>\n<tbody>\n"
        for code in codes {
            html +=
                "<tr><td>\(ReportText.escape(code))</td><td>\(ReportText.escape(LedgerWorkbook.reasonMeaning(code)))</td>"
                + cell(summary.rejectionsByReason[code] ?? 0, code, "rejected") + "</tr>\n"
        }
        html += "<tr class=\"total\"><td>Jumlah</td><td></td>" + totalCell(summary.rejected, key: "rejected") + "</tr>\n"
        return html + "</tbody>\n</table>\n</section>\n"
    }

    private func adjustments() -> String {
        let adjustments = parts.adjustments
        var html = "<section id=\"penyesuaian\">\n<h2>Penyesuaian untuk bulan yang sudah ditutup</h2>\n"
        guard !adjustments.groups.isEmpty else {
            return html
                + "<p>Tidak ada penyesuaian: jawaban BPJS yang datang bulan ini tidak mengubah bulan yang sudah ditutup.</p>\n</section>\n"
        }
        html +=
            "<p>Bulan yang sudah ditutup tidak pernah diubah. Jawaban BPJS yang datang kemudian dihitung sebagai penyesuaian dan "
            + "ikut dibayar (atau diperhitungkan kembali) pada \(monthName):</p>\n<ul class=\"adjustments\">\n"
        for group in adjustments.groups {
            // The sentence ends with ": <amount>."; the amount is set apart.
            let sentence = adjustments.sentence(group)
            let amount = ReportText.signedRupiah(group.premium)
            let text = sentence.hasSuffix(": \(amount).") ? String(sentence.dropLast(amount.count + 1)) : sentence
            let style = group.premium > 0 ? " pos" : group.premium < 0 ? " neg" : ""
            html +=
                "<li class=\"adjustment\" data-for-month=\"\(group.forMonth)\" data-from=\"\(group.previousStatus?.rawValue ?? "")\""
                + " data-to=\"\(group.status.rawValue)\" data-count=\"\(group.count)\" data-value=\"\(group.premium)\">"
                + ReportText.escape(text)
                + (text == sentence ? "" : "<span class=\"amount\(style)\">\(ReportText.escape(amount))</span>.") + "</li>\n"
        }
        html += "</ul>\n"
        html +=
            "<p>Seluruhnya <strong data-key=\"adjustments_count\" data-value=\"\(summary.adjustmentsCount)\">"
            + "\(ReportText.count(summary.adjustmentsCount)) baris</strong> senilai <strong data-key=\"adjustments_premium\" "
            + "data-value=\"\(summary.adjustmentsPremium)\">\(ReportText.signedRupiah(summary.adjustmentsPremium))</strong>, sudah termasuk "
            + "dalam total dibayar \(monthName).</p>\n"
        html += "<h3>Rincian penyesuaian</h3>\n"
        html += detailTable(
            header: ["NIK", "Nama", "Dinas", "Untuk bulan", "Status semula", "Status kini", "Selisih iuran"],
            rows: adjustments.lines.map {
                [
                    Masking.nik($0.nik), $0.name, $0.source, ReportText.monthName($0.forMonth), ReportText.status($0.previousStatus),
                    ReportText.status($0.status), ReportText.signedRupiah($0.premium),
                ]
            }, masked: 0, numeric: [6])
        return html + "</section>\n"
    }

    private func dataQuality() -> String {
        var html = "<section id=\"kualitas\">\n<div class=\"keep\">\n<h2>Kualitas data</h2>\n"
        let findings = parts.findings
        let errors = findings.errors
        let warnings = findings.warnings
        if findings.total == 0 {
            html +=
                "<p>Berkas yang diterima bulan ini tidak menghasilkan temuan: tidak ada kesalahan atau peringatan, "
                + "<span data-key=\"quarantined_rows\" data-value=\"\(summary.quarantinedRows)\">\(ReportText.count(summary.quarantinedRows)) baris</span> "
                + "dikarantina.</p>\n"
        } else {
            html +=
                "<p>Berkas yang diterima bulan ini menghasilkan <strong>\(ReportText.count(findings.total)) temuan</strong>: "
                + "\(ReportText.count(errors)) kesalahan dan \(ReportText.count(warnings)) peringatan. "
                + "<span data-key=\"quarantined_rows\" data-value=\"\(summary.quarantinedRows)\">\(ReportText.count(summary.quarantinedRows)) baris</span> "
                + "dikarantina: baris dengan kesalahan tidak diproses sampai dinas mengirim ulang, berkas yang tidak terbaca diganti "
                + "daftar bulan sebelumnya; baris dengan peringatan tetap diproses. Dinas yang barisnya bermasalah menerima berkas "
                + "koreksi (koreksi/&lt;DINAS&gt;.xlsx) yang menandai sel-selnya.</p>\n"
        }
        if findings.byCode != summary.findingsByCode.filter({ $0.value != 0 }) {
            html +=
                "<p class=\"note\"><strong>Perhatian:</strong> jumlah temuan per kode di findings.csv berbeda dengan summary.json.</p>\n"
        }
        guard findings.total > 0 else { return html + "</div>\n</section>\n" }

        let sources = sourceCodes(Array(findings.bySource.keys)).filter { findings.bySource[$0] != nil }
        let chart = ReportChart(
            id: "chart-quality", tableID: "table-quality", caption: "Temuan menurut dinas",
            series: [
                .init(key: "errors", label: "Kesalahan", colour: Colour.errors),
                .init(key: "warnings", label: "Peringatan", colour: Colour.warnings),
            ],
            categories: sources.map { code in
                let own = findings.bySource[code] ?? (0, 0)
                return .init(key: code, label: code, values: [own.errors, own.warnings])
            },
            layout: .stacked)
        html += figure(chart) + "</div>\n"
        html +=
            "<table id=\"table-quality\" class=\"keep\">\n<thead><tr><th>Kode</th><th>Dinas</th><th class=\"num\">Kesalahan</th>"
            + "<th class=\"num\">Peringatan</th></tr></thead>\n<tbody>\n"
        for code in sources {
            let own = findings.bySource[code] ?? (0, 0)
            html +=
                "<tr><td>\(ReportText.escape(code))</td><td>\(ReportText.escape(code == "BPJS" ? "BPJS Ketenagakerjaan" : sourceName(code)))</td>"
                + cell(own.errors, code, "errors") + cell(own.warnings, code, "warnings") + "</tr>\n"
        }
        html += "<tr class=\"total\"><td>Jumlah</td><td></td>" + totalCell(errors) + totalCell(warnings) + "</tr>\n"
        html += "</tbody>\n</table>\n"
        html += "<h3>Menurut dinas dan kode temuan</h3>\n"
        html +=
            "<table id=\"table-quality-codes\">\n<thead><tr><th>Dinas</th><th>Kode</th><th>Arti</th><th>Tingkat</th>"
            + "<th class=\"num\">Jumlah</th></tr></thead>\n<tbody>\n"
        let order = FindingCode.allCases.map(\.rawValue)
        for code in sources {
            let counts = findings.bySourceAndCode[code] ?? [:]
            let sorted = counts.keys.sorted {
                (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1)
            }
            for finding in sorted {
                html +=
                    "<tr><td>\(ReportText.escape(code))</td><td>\(ReportText.escape(finding))</td>"
                    + "<td>\(ReportText.escape(ReportText.findingMeaning(finding)))</td>"
                    + "<td>\(ReportText.escape(ReportText.severity(counts[finding]!.severity)))</td>"
                    + "<td class=\"num\" data-code=\"\(ReportText.escape(finding))\" data-value=\"\(counts[finding]!.count)\">"
                    + "\(ReportText.count(counts[finding]!.count))</td></tr>\n"
            }
        }
        html += "</tbody>\n</table>\n"
        let unreadable = findings.unreadable
        if !unreadable.isEmpty {
            html += "<h3>Berkas yang tidak dapat dibaca</h3>\n"
            html += detailTable(
                header: ["Dinas", "Berkas", "Penyebab dan tindakan"], rows: unreadable.map { [$0.source, $0.file, $0.message] }, masked: nil
            )
        }
        return html + "</section>\n"
    }

    private func footer() -> String {
        var html = "<footer class=\"trace\">\n<h2>Jejak data</h2>\n"
        html +=
            "<p>Laporan ini disusun ulang dari penyimpanan (store) tanpa membaca berkas masukan; setiap angka sama dengan "
            + "summary.json \(monthName). Proses yang menghitung bulan ini: <strong class=\"mono\" id=\"run-id\">\(ReportText.escape(stored.runID))</strong>"
        if let run {
            html +=
                " (mulai \(ReportText.escape(ReportText.timestamp(run.startedAt))), selesai "
                + "\(ReportText.escape(ReportText.timestamp(run.finishedAt))), sampai bulan "
                + "\(ReportText.escape(run.throughMonth)), kode keluar \(run.exitCode), sigap \(ReportText.escape(run.toolVersion)), "
                + "definisi \(ReportText.data(run.pipeline)))."
        } else {
            html += ". Catatan proses ini tidak ada di penyimpanan."
        }
        html += "</p>\n"
        if let run, !run.inputs.isEmpty {
            html += "<p>Sidik jari (SHA-256) berkas masukan yang dibaca proses tersebut, relatif terhadap folder inbox:</p>\n"
            html +=
                "<table id=\"inputs\">\n<thead><tr><th>Berkas</th><th class=\"num\">Ukuran (bita)</th><th class=\"num\">Baris</th><th>Hasil</th><th>SHA-256</th></tr></thead>\n<tbody>\n"
            for input in run.inputs {
                html +=
                    "<tr><td>\(ReportText.data(input.name))</td><td class=\"num\">\(ReportText.count(Int(input.size)))</td>"
                    + "<td class=\"num\">\(ReportText.count(input.rows))</td><td>\(ReportText.escape(ReportText.outcome(input.outcome)))</td>"
                    + "<td class=\"hash\" data-file=\"\(ReportText.data(input.name))\">\(ReportText.escape(input.sha256))</td></tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        html +=
            "<p class=\"note\">NIK ditampilkan tersamar (6 digit pertama dan 4 digit terakhir); nomor telepon tidak pernah ditampilkan. "
            + "Rincian lengkap ada di ledger.csv, findings.csv dan ledger.xlsx bulan ini.</p>\n"
        return html + "</footer>\n"
    }
}
