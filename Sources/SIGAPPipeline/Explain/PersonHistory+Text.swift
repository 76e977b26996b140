import SIGAPDomain

/// `sigap explain`'s text (SPEC §17): the person's path month by month, in Bahasa Indonesia or
/// (`--lang en`) English. It prints the full NIK: an operator's tool, like `findings.csv`.
extension PersonHistory {
    /// `sources`: the pipeline's sources in priority order (why a source owned the worker).
    public func text(language: Language, month only: YearMonth? = nil, sources: [String]) -> [String] {
        let id = language == .id
        let name = lines.first { !$0.name.isEmpty }?.name ?? listings.first?.name ?? ""
        var out = ["NIK \(nik)\(name.isEmpty ? "" : " · \(name)")"]
        for month in months where only == nil || month == only {
            out.append("")
            out.append("\(month)\(closedMonths.contains(month) ? (id ? " (ditutup)" : " (closed)") : "")")
            // Who listed it, who owned it and why, which row was kept.
            if let listing = listings.first(where: { $0.month == month }) {
                let others = listing.sources.filter { $0 != listing.owner }
                let why: String
                if others.isEmpty {
                    why = id ? "satu-satunya dinas yang mencantumkannya" : "the only agency that listed it"
                } else {
                    let order = sources.filter { listing.sources.contains($0) }.joined(separator: " > ")
                    why =
                        id
                        ? "juga dicantumkan oleh \(others.joined(separator: ", ")); \(listing.owner) didahulukan menurut urutan dinas di pipeline (\(order))"
                        : "also listed by \(others.joined(separator: ", ")); \(listing.owner) comes first in the pipeline's order (\(order))"
                }
                out.append(id ? "  Dinas pemilik: \(listing.owner) (\(why))" : "  Owner: \(listing.owner) (\(why))")
                let carried = !listing.file.hasPrefix("\(month)/")
                let from =
                    carried
                    ? (id ? ", daftar dibawa dari bulan \(listing.file.prefix(7))" : ", roster carried from \(listing.file.prefix(7))") : ""
                out.append(
                    id
                        ? "  Baris yang dipakai: \(listing.file), lembar \(listing.sheet), baris \(listing.row)\(from)"
                        : "  Row kept: \(listing.file), sheet \(listing.sheet), row \(listing.row)\(from)")
            }
            let found = findings.filter { $0.month == month }
            if !found.isEmpty {
                out.append(id ? "  Temuan:" : "  Findings:")
                for finding in found {
                    let place = [
                        finding.file, finding.sheet.isEmpty ? nil : (id ? "lembar \(finding.sheet)" : "sheet \(finding.sheet)"),
                        finding.cell.isEmpty
                            ? finding.row.map { id ? "baris \($0)" : "row \($0)" } : (id ? "sel \(finding.cell)" : "cell \(finding.cell)"),
                    ]
                    .compactMap { $0 }.joined(separator: ", ")
                    let severity = finding.severity == "error" ? (id ? "kesalahan" : "error") : (id ? "peringatan" : "warning")
                    let damaged =
                        finding.damagedNIK
                        ? (id
                            ? " — NIK di baris itu \(finding.value) (digit terakhir hilang): mungkin orang ini; barisnya dikarantina"
                            : " — the NIK there is \(finding.value) (last digit lost): perhaps this person; the row was quarantined")
                        : ""
                    out.append("    \(finding.code) (\(severity)) \(place)\(damaged)")
                    let message =
                        id ? finding.message : (FindingCode(rawValue: finding.code)?.message(.en, value: finding.value) ?? finding.message)
                    if !message.isEmpty { out.append("      \(message)") }
                }
            }
            let answered = answers.filter { $0.arrivedMonth == month }
            if !answered.isEmpty {
                out.append(id ? "  Konfirmasi BPJS yang datang bulan ini:" : "  BPJS acknowledgements that arrived this month:")
                for answer in answered {
                    let status =
                        answer.status == "ACCEPTED"
                        ? (id ? "DITERIMA" : "ACCEPTED") : answer.status == "REJECTED" ? (id ? "DITOLAK" : "REJECTED") : "?"
                    var parts = [
                        "\(answer.file) \(id ? "baris" : "row") \(answer.row): \(id ? "untuk" : "for") \(answer.period.isEmpty ? "?" : answer.period) \(status)"
                    ]
                    if !answer.reasonCode.isEmpty { parts.append(answer.reasonCode) }
                    if !answer.reason.isEmpty { parts.append("\"\(answer.reason)\"") }
                    if let premium = answer.premium { parts.append((id ? "iuran " : "premium ") + Rupiah.format(premium)) }
                    out.append("    " + parts.joined(separator: ", "))
                }
            }
            for line in lines where line.month == month {
                let status = id ? Glossary.status(line.status) : line.status.rawValue
                var text: String
                if line.entry == .regular {
                    text =
                        (id ? "  Buku besar: " : "  Ledger: ") + status + ", " + (id ? "iuran " : "premium ") + Rupiah.format(line.premium)
                    if !line.source.isEmpty { text += ", \(line.source)" }
                } else {
                    let before = line.previousStatus.map { id ? Glossary.status($0) : $0.rawValue } ?? "?"
                    text =
                        (id ? "  Penyesuaian untuk \(line.forMonth): " : "  Adjustment for \(line.forMonth): ") + "\(before) → \(status), "
                        + (line.premium < 0 ? "-" + Rupiah.format(-line.premium) : "+" + Rupiah.format(line.premium))
                }
                if !line.kpj.isEmpty { text += ", KPJ \(line.kpj)" }
                if !line.reasonCode.isEmpty { text += ", \(line.reasonCode)" }
                if !line.flags.isEmpty {
                    text += " [" + line.flags.map { id ? Glossary.flag($0) : $0.rawValue }.joined(separator: "; ") + "]"
                }
                out.append(text)
            }
            if !lines.contains(where: { $0.month == month && $0.entry == .regular })
                && listings.contains(where: { $0.month == month }) == false
                && found.contains(where: { $0.severity == "error" })
            {
                out.append(
                    id ? "  Tidak terdaftar bulan ini: barisnya dikarantina." : "  Not enrolled this month: its row was quarantined.")
            }
        }
        return out
    }
}
