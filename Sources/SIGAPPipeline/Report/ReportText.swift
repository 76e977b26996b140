import Foundation
import SIGAPDomain

/// Words and number forms of the month-end report, in Bahasa Indonesia.
enum ReportText {
    /// Escapes text for HTML content and attribute values.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Escapes text that came from the data (names, file names, messages) after masking every run
    /// of ten or more digits the way NIKs are masked: the report never shows a full NIK or phone
    /// number, whatever an agency typed where.
    static func data(_ text: String) -> String {
        escape(Masking.longDigitRuns(text))
    }

    /// A count with Indonesian thousands separators: `11.666`.
    static func count(_ value: Int) -> String {
        (value < 0 ? "-" : "") + Rupiah.grouped(value.magnitude)
    }

    /// A change in rupiah with its sign: `+Rp 16.800`, `-Rp 16.800`, `Rp 0`.
    static func signedRupiah(_ amount: Int) -> String {
        amount > 0 ? "+" + Rupiah.format(amount) : Rupiah.format(amount)
    }

    /// A change in a count with its sign: `+3`, `-1`, `0`.
    static func signedCount(_ value: Int) -> String {
        value > 0 ? "+" + count(value) : count(value)
    }

    /// `Desember 2025`.
    static func monthName(_ month: YearMonth) -> String {
        "\(IndonesianCalendar.monthName(month.month)) \(month.year)"
    }

    /// `Des 2025`, for chart axes.
    static func shortMonthName(_ month: YearMonth) -> String {
        "\(IndonesianCalendar.monthName(month.month).prefix(3)) \(month.year)"
    }

    /// A stored UTC timestamp (`2025-12-01T01:30:00Z`) in Jakarta time: `1 Desember 2025 pukul 08.30 WIB`
    /// (the text as it is when it cannot be read).
    static func timestamp(_ text: String) -> String {
        guard let date = ISO8601DateFormatter().date(from: text), let jakarta = TimeZone(secondsFromGMT: 7 * 3600) else { return text }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = jakarta
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        guard let year = parts.year, let month = parts.month, let day = parts.day, let hour = parts.hour, let minute = parts.minute
        else { return text }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(day) \(IndonesianCalendar.monthName(month)) \(year) pukul \(two(hour)).\(two(minute)) WIB"
    }

    /// A ledger status in words.
    static func status(_ status: LedgerStatus?) -> String {
        // The glossary's term, starting in lower case as it stands inside a sentence.
        status.map { term in Glossary.status(term).prefix(1).lowercased() + Glossary.status(term).dropFirst() } ?? "tanpa status"
    }

    /// What a finding code means, in a few words.
    static func findingMeaning(_ code: String) -> String {
        switch FindingCode(rawValue: code) {
        case .nikMissing?: "NIK kosong"
        case .nikPrecisionLost?: "NIK rusak oleh Excel (digit terakhir hilang)"
        case .nikStoredAsNumber?: "NIK disimpan sebagai angka (masih utuh)"
        case .nikNotDigits?: "NIK mengandung karakter selain angka"
        case .nikLength?: "NIK tidak 16 digit"
        case .nikRegionInvalid?: "Kode wilayah pada NIK tidak valid"
        case .nikDateInvalid?: "Tanggal lahir pada NIK tidak valid"
        case .nikSerialInvalid?: "Nomor urut NIK 0000"
        case .nikOutsideRegion?: "NIK diterbitkan di luar Kota Bekasi"
        case .nikDOBMismatch?: "Tanggal lahir berbeda dengan NIK"
        case .nikSexMismatch?: "Jenis kelamin berbeda dengan NIK"
        case .nameMissing?: "Nama kosong"
        case .dobInvalid?: "Tanggal lahir tidak terbaca"
        case .ageOutOfRange?: "Usia di luar batas program"
        case .sexInvalid?: "Jenis kelamin tidak dikenali"
        case .kecamatanUnknown?: "Kecamatan tidak dikenal"
        case .kelurahanUnknown?: "Kelurahan tidak dikenal"
        case .wilayahMismatch?: "Kelurahan tidak terletak di kecamatan yang tertulis"
        case .phoneInvalid?: "Nomor HP tidak valid"
        case .duplicateRow?: "Baris ganda dalam daftar yang sama"
        case .identityConflict?: "Identitas berbeda untuk NIK yang sama"
        case .fileUnreadable?: "Berkas tidak dapat dibaca"
        case .fileIgnored?: "Berkas bukan daftar pekerja (tidak dibaca)"
        case .ackPeriodInvalid?: "Periode konfirmasi BPJS tidak terbaca"
        case .ackStatusInvalid?: "Status konfirmasi BPJS tidak dikenali"
        case .ackKPJMissing?: "Diterima BPJS tanpa nomor KPJ"
        case nil: code
        }
    }

    /// A severity in words.
    static func severity(_ severity: String) -> String {
        switch severity {
        case "error": "kesalahan"
        case "warning": "peringatan"
        default: severity
        }
    }

    /// A run input's outcome in words.
    static func outcome(_ outcome: String) -> String {
        if outcome == "read" { return "dibaca" }
        if outcome.hasPrefix("unreadable") { return "tidak terbaca" }
        if outcome.hasPrefix("carried") { return "dibawa dari bulan sebelumnya" }
        return outcome
    }
}
