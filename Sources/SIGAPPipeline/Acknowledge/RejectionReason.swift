/// The reason codes of rejected acknowledgements (SPEC §8.2), mapped from BPJS's free text by
/// keywords; the original text is kept beside the code.
public enum RejectionReason: String, Sendable, Hashable, CaseIterable {
    /// Dukcapil mismatch: "tidak padan", "tidak ditemukan", "tidak valid".
    case nikTidakPadan = "NIK_TIDAK_PADAN"
    /// Already an active participant: "sudah terdaftar", "aktif di".
    case terdaftarAktif = "TERDAFTAR_AKTIF"
    /// Age cap: "usia", "umur".
    case usia = "USIA"
    /// "tidak lengkap", "kosong".
    case dataTidakLengkap = "DATA_TIDAK_LENGKAP"
    /// Anything else, and a rejection without a reason (SPEC §14).
    case lainnya = "LAINNYA"

    /// Keywords in the order they are tried; the first that occurs wins.
    static let keywords: [(keyword: String, reason: RejectionReason)] = [
        ("TIDAK PADAN", .nikTidakPadan), ("TIDAK DITEMUKAN", .nikTidakPadan), ("TIDAK VALID", .nikTidakPadan),
        ("SUDAH TERDAFTAR", .terdaftarAktif), ("AKTIF DI", .terdaftarAktif),
        ("USIA", .usia), ("UMUR", .usia),
        ("TIDAK LENGKAP", .dataTidakLengkap), ("KOSONG", .dataTidakLengkap),
    ]

    /// The code for a rejection's reason text.
    ///
    /// The text is compared as header labels are (`HeaderText`: upper-case, punctuation as spaces,
    /// spaces collapsed). A text equal to a code is that code (`USIA`, `nik_tidak_padan`,
    /// `Data Tidak Lengkap`). Otherwise the first keyword that starts a word of the text decides,
    /// in the order of SPEC §8.2 (`Usianya melebihi batas` → `USIA`; `NIK tidak padan dengan
    /// Dukcapil` → `NIK_TIDAK_PADAN`). No text, or no keyword, is `LAINNYA`.
    public static func classify(_ text: String?) -> RejectionReason {
        guard let text else { return .lainnya }
        let normalized = HeaderText.normalized(text)
        if normalized.isEmpty { return .lainnya }
        for reason in allCases where normalized == String(reason.rawValue.map { $0 == "_" ? " " : $0 }) {
            return reason
        }
        let spaced = " " + normalized
        for (keyword, reason) in keywords where spaced.contains(" " + keyword) {
            return reason
        }
        return .lainnya
    }
}
