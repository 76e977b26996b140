extension FindingCode {
    /// The message for the data team: what is wrong and what to do, in Bahasa Indonesia (`.id`) or
    /// English (`.en`). `value` is the value as found (it is quoted when given). A NIK is never
    /// quoted in full: values of NIK codes are masked (`327508******0001`), phone values too, and
    /// any run of ten or more digits left in the text is masked as well.
    public func message(_ language: Language = .id, value: String? = nil) -> String {
        let shown = value.flatMap(displayed)
        let text = language == .id ? indonesian(shown, raw: value) : english(shown, raw: value)
        return Masking.longDigitRuns(text)
    }

    /// The value as a message may show it (nil when empty).
    private func displayed(_ value: String) -> String? {
        let trimmed = value.trimmingWhitespace()
        if trimmed.isEmpty { return nil }
        if valueIsNIK { return Masking.nik(trimmed) }
        if self == .phoneInvalid { return Masking.phone(trimmed) }
        return trimmed.count > 200 ? String(trimmed.prefix(197)) + "..." : trimmed
    }

    private func indonesian(_ value: String?, raw: String?) -> String {
        let v = value.map { " \"\($0)\"" } ?? ""
        switch self {
        case .nikMissing:
            return "NIK kosong. Isi NIK 16 digit sesuai KTP, lalu kirim ulang berkasnya."
        case .nikPrecisionLost:
            return "NIK\(v) tersimpan sebagai angka sehingga Excel menghapus digit terakhirnya (Excel hanya "
                + "menyimpan 15 digit angka). Ubah format kolom NIK menjadi Teks (Format Cells > Text), ketik ulang "
                + "NIK sesuai KTP, lalu kirim ulang berkasnya."
        case .nikStoredAsNumber:
            return "NIK\(v) tersimpan sebagai angka. NIK ini masih utuh dan tetap diproses, tetapi ubah format "
                + "kolom NIK menjadi Teks (Format Cells > Text) agar digit terakhir tidak hilang pada kiriman berikutnya."
        case .nikNotDigits:
            return "NIK\(v) mengandung karakter selain angka. NIK terdiri dari 16 angka saja; perbaiki sesuai KTP, "
                + "lalu kirim ulang berkasnya."
        case .nikLength:
            return "NIK\(v) \(FindingCode.lengthPhrase(raw, language: .id)). Periksa NIK dengan KTP (tidak "
                + "boleh ada digit yang kurang atau lebih), lalu kirim ulang berkasnya."
        case .nikRegionInvalid:
            return "Kode wilayah pada NIK\(v) (6 digit pertama) tidak valid: kode provinsi tidak dikenal, atau kode "
                + "kabupaten/kota atau kecamatan bernilai 00. Periksa NIK dengan KTP, lalu kirim ulang berkasnya."
        case .nikDateInvalid:
            return "Tanggal lahir di dalam NIK\(v) (digit 7-12, DDMMYY; perempuan: tanggal ditambah 40) bukan "
                + "tanggal yang ada. Periksa NIK dengan KTP, lalu kirim ulang berkasnya."
        case .nikSerialInvalid:
            return "Nomor urut NIK\(v) (4 digit terakhir) adalah 0000, yang tidak pernah diterbitkan. Periksa NIK "
                + "dengan KTP, lalu kirim ulang berkasnya."
        case .nikOutsideRegion:
            return "NIK\(v) pertama kali diterbitkan di luar wilayah program (4 digit pertama berbeda). Baris tetap "
                + "diproses; pastikan pekerja memang berdomisili di Kota Bekasi."
        case .nikDOBMismatch:
            return "Tanggal lahir\(v) berbeda dengan tanggal lahir di dalam NIK. Baris tetap diproses; periksa "
                + "tanggal lahir dengan KTP."
        case .nikSexMismatch:
            return "Jenis kelamin\(v) berbeda dengan jenis kelamin di dalam NIK (tanggal lahir pada NIK perempuan "
                + "ditambah 40). Baris tetap diproses; periksa dengan KTP."
        case .nameMissing:
            return "Nama kosong. Isi nama lengkap sesuai KTP, lalu kirim ulang berkasnya."
        case .dobInvalid:
            return "Tanggal lahir\(v) tidak dapat dibaca. Tulis sebagai tanggal Excel atau dengan format "
                + "HH-BB-TTTT (misalnya 17-08-1985)."
        case .ageOutOfRange:
            return "Usia pekerja pada tanggal 1 bulan berjalan di luar batas usia program (tanggal lahir\(v)). "
                + "Periksa tanggal lahir; bila sudah benar, pekerja tidak memenuhi syarat usia."
        case .sexInvalid:
            return "Jenis kelamin\(v) tidak dikenali. Tulis L (laki-laki) atau P (perempuan)."
        case .kecamatanUnknown:
            return "Kecamatan\(v) bukan salah satu dari 12 kecamatan Kota Bekasi. Periksa ejaannya "
                + "(misalnya Pondokgede, Bekasi Timur)."
        case .kelurahanUnknown:
            return "Kelurahan\(v) bukan salah satu dari 56 kelurahan Kota Bekasi. Periksa ejaannya "
                + "(misalnya Jatiwaringin, Margahayu)."
        case .wilayahMismatch:
            return "Kelurahan\(v) tidak terletak di kecamatan yang tertulis. Periksa kecamatan dan kelurahan "
                + "sesuai alamat pekerja."
        case .phoneInvalid:
            return "Nomor HP\(v) bukan nomor seluler Indonesia yang valid. Tulis nomor HP yang diawali 08 "
                + "(10 sampai 13 digit), misalnya 08xx-xxxx-xxxx."
        case .duplicateRow:
            return "NIK\(v) sudah tercantum di baris sebelumnya dalam daftar yang sama; hanya baris pertama yang "
                + "dihitung. Hapus baris ganda."
        case .identityConflict:
            return "NIK\(v) juga tercantum di baris lain dengan nama atau tanggal lahir yang berbeda. Pastikan NIK "
                + "dan identitas pekerja sesuai KTP."
        case .fileUnreadable:
            return "Berkas tidak dapat dibaca\(value.map { ": \($0)" } ?? ""). Sementara itu daftar bulan sebelumnya yang dipakai. "
                + "Letakkan berkas pengganti (Excel Workbook .xlsx tanpa kata sandi) dan hapus berkas ini dari folder: selama daftar "
                + "pekerja yang rusak masih ada, seluruh folder dinas itu menunggu."
        case .fileIgnored:
            return "Berkas ini bukan daftar pekerja atau konfirmasi BPJS\(value.map { " (\($0))" } ?? ""), jadi tidak dibaca. "
                + "Daftar pekerja dikirim sebagai Excel Workbook (.xlsx); lampiran seperti surat pengantar tidak perlu disimpan di folder ini."
        case .ackPeriodInvalid:
            return "Periode\(v) tidak dapat dibaca. Tulis periode seperti 2025-11, 11/2025 atau November 2025."
        case .ackStatusInvalid:
            return "Status\(v) tidak dikenali. Gunakan DITERIMA, AKTIF, BERHASIL atau SUKSES untuk peserta yang "
                + "diterima, dan DITOLAK, GAGAL atau TIDAK AKTIF untuk yang ditolak."
        case .ackKPJMissing:
            return "Peserta berstatus diterima tetapi nomor KPJ\(v) kosong atau bukan 11 digit. Minta BPJS "
                + "Ketenagakerjaan mengirim ulang data dengan nomor KPJ."
        }
    }

    private func english(_ value: String?, raw: String?) -> String {
        let v = value.map { " \"\($0)\"" } ?? ""
        switch self {
        case .nikMissing:
            return "The NIK is empty. Fill in the 16-digit NIK from the KTP and send the file again."
        case .nikPrecisionLost:
            return "The NIK\(v) was stored as a number, so Excel dropped its last digit (Excel keeps only 15 digits "
                + "of a number). Format the NIK column as Text (Format Cells > Text), type the NIK again from the "
                + "KTP and send the file again."
        case .nikStoredAsNumber:
            return "The NIK\(v) is stored as a number. It is intact and kept, but format the NIK column as Text "
                + "(Format Cells > Text) so that its last digit is not lost in the next file."
        case .nikNotDigits:
            return "The NIK\(v) contains characters other than digits. A NIK is 16 digits only: correct it from "
                + "the KTP and send the file again."
        case .nikLength:
            return "The NIK\(v) \(FindingCode.lengthPhrase(raw, language: .en)). Check it against the KTP (no "
                + "digit missing or extra) and send the file again."
        case .nikRegionInvalid:
            return "The region code of the NIK\(v) (first 6 digits) is invalid: unknown province, or a regency or "
                + "district code of 00. Check the NIK against the KTP and send the file again."
        case .nikDateInvalid:
            return "The birth date inside the NIK\(v) (digits 7-12, DDMMYY; women: day plus 40) is not a real "
                + "date. Check the NIK against the KTP and send the file again."
        case .nikSerialInvalid:
            return "The serial of the NIK\(v) (last 4 digits) is 0000, which is never issued. Check the NIK "
                + "against the KTP and send the file again."
        case .nikOutsideRegion:
            return "The NIK\(v) was first issued outside the programme's region (its first 4 digits differ). The "
                + "row is kept; make sure the worker lives in Kota Bekasi."
        case .nikDOBMismatch:
            return "The birth date\(v) differs from the birth date inside the NIK. The row is kept; check the "
                + "birth date against the KTP."
        case .nikSexMismatch:
            return "The sex\(v) differs from the sex encoded in the NIK (women's NIK birth day is plus 40). The "
                + "row is kept; check it against the KTP."
        case .nameMissing:
            return "The name is empty. Fill in the full name as on the KTP and send the file again."
        case .dobInvalid:
            return "The birth date\(v) cannot be read. Enter it as an Excel date or as DD-MM-YYYY "
                + "(for example 17-08-1985)."
        case .ageOutOfRange:
            return "The worker's age on the first day of the month is outside the programme's age limits (birth "
                + "date\(v)). Check the birth date; if it is right, the worker is not eligible by age."
        case .sexInvalid:
            return "The sex\(v) is not recognised. Enter L (male, laki-laki) or P (female, perempuan)."
        case .kecamatanUnknown:
            return "The kecamatan\(v) is not one of the 12 kecamatan of Kota Bekasi. Check its spelling "
                + "(for example Pondokgede, Bekasi Timur)."
        case .kelurahanUnknown:
            return "The kelurahan\(v) is not one of the 56 kelurahan of Kota Bekasi. Check its spelling "
                + "(for example Jatiwaringin, Margahayu)."
        case .wilayahMismatch:
            return "The kelurahan\(v) does not lie in the stated kecamatan. Check both against the worker's "
                + "address."
        case .phoneInvalid:
            return "The phone number\(v) is not a valid Indonesian mobile number. Enter a number starting with "
                + "08 (10 to 13 digits), for example 08xx-xxxx-xxxx."
        case .duplicateRow:
            return "The NIK\(v) already appears on an earlier row of the same list; only the first row counts. "
                + "Remove the duplicate row."
        case .identityConflict:
            return "The NIK\(v) also appears on another row with a different name or birth date. Make sure the "
                + "NIK and the worker's identity match the KTP."
        case .fileUnreadable:
            return "The file cannot be read\(value.map { ": \($0)" } ?? ""). Meanwhile the previous month's list is used. "
                + "Put the replacement (an Excel Workbook .xlsx without a password) in the folder and remove this file: while a "
                + "damaged worker list is there, the agency's whole folder waits."
        case .fileIgnored:
            return "This file is not a worker list or a BPJS acknowledgement\(value.map { " (\($0))" } ?? ""), so it is not read. "
                + "Worker lists are sent as Excel Workbooks (.xlsx); attachments such as cover letters need not be put in this folder."
        case .ackPeriodInvalid:
            return "The period\(v) cannot be read. Write it like 2025-11, 11/2025 or November 2025."
        case .ackStatusInvalid:
            return "The status\(v) is not recognised. Use DITERIMA, AKTIF, BERHASIL or SUKSES for accepted "
                + "participants and DITOLAK, GAGAL or TIDAK AKTIF for rejected ones."
        case .ackKPJMissing:
            return "The participant is accepted but the KPJ number\(v) is empty or not 11 digits. Ask BPJS "
                + "Ketenagakerjaan to send the data again with the KPJ number."
        }
    }

    /// `berisi 15 digit, bukan 16` / `has 15 digits instead of 16`, or without the count when the
    /// value holds no digit.
    private static func lengthPhrase(_ value: String?, language: Language) -> String {
        let count = value?.reduce(0) { $0 + (Digits.isDigit($1) ? 1 : 0) } ?? 0
        switch (language, count) {
        case (.id, 0): return "tidak terdiri dari 16 digit"
        case (.id, _): return "berisi \(count) digit, bukan 16"
        case (.en, 0): return "is not 16 digits long"
        case (.en, _): return "has \(count) digits instead of 16"
        }
    }
}
