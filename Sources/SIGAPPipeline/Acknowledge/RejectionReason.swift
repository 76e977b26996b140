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

    /// Keywords (upper-case ASCII, one space between words) in the order they are tried; the first
    /// that starts a word of the reason wins.
    private static let keywords: [(keyword: [UInt8], reason: RejectionReason)] = {
        let table: [(String, RejectionReason)] = [
            ("TIDAK PADAN", .nikTidakPadan), ("TIDAK DITEMUKAN", .nikTidakPadan), ("TIDAK VALID", .nikTidakPadan),
            ("SUDAH TERDAFTAR", .terdaftarAktif), ("AKTIF DI", .terdaftarAktif),
            ("USIA", .usia), ("UMUR", .usia),
            ("TIDAK LENGKAP", .dataTidakLengkap), ("KOSONG", .dataTidakLengkap),
        ]
        return table.map { (Array($0.0.utf8), $0.1) }
    }()

    /// The codes as words (`NIK TIDAK PADAN`).
    private static let codeWords: [(words: [UInt8], reason: RejectionReason)] = allCases.map { reason in
        (reason.rawValue.utf8.map { $0 == 0x5F ? 0x20 : $0 }, reason)
    }

    /// The code for a rejection's reason text.
    ///
    /// The text is compared in upper case, with punctuation and line breaks as spaces and spaces
    /// collapsed. A text equal to a code is that code (`USIA`, `nik_tidak_padan`,
    /// `Data Tidak Lengkap`). Otherwise the first keyword of SPEC §8.2 that starts a word of the
    /// text decides, in the spec's order (`Usianya melebihi batas` → `USIA`; `NIK tidak padan
    /// dengan Dukcapil` → `NIK_TIDAK_PADAN`). No text, or no keyword, is `LAINNYA`.
    public static func classify(_ text: String?) -> RejectionReason {
        guard var text else { return .lainnya }
        return text.withUTF8 { classify(bytes: $0) }
    }

    static func classify(bytes: UnsafeBufferPointer<UInt8>) -> RejectionReason {
        // Words: ASCII letters upper-cased, digits and other non-ASCII text kept; ASCII
        // punctuation, blanks and no-break spaces separate.
        var words: [UInt8] = [0x20]
        words.reserveCapacity(bytes.count + 1)
        for (index, byte) in bytes.enumerated() {
            let upper = byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte
            let isNoBreakSpace =
                (byte == 0xC2 && index + 1 < bytes.count && bytes[index + 1] == 0xA0)
                || (byte == 0xA0 && index > 0 && bytes[index - 1] == 0xC2)
            let isWordByte =
                (upper >= 0x41 && upper <= 0x5A) || (upper >= 0x30 && upper <= 0x39) || (upper >= 0x80 && !isNoBreakSpace)
            if isWordByte {
                words.append(upper)
            } else if words.last != 0x20 {
                words.append(0x20)
            }
        }
        if words.last == 0x20 { words.removeLast() }
        guard !words.isEmpty else { return .lainnya }
        // `words` starts with a space, so that every word starts after one.
        let text = words[1...]
        for (code, reason) in codeWords where text.elementsEqual(code) {
            return reason
        }
        for (keyword, reason) in keywords where containsWord(startingWith: keyword, in: words) {
            return reason
        }
        return .lainnya
    }

    /// True when `keyword` occurs in `words` right after a space.
    private static func containsWord(startingWith keyword: [UInt8], in words: [UInt8]) -> Bool {
        guard words.count > keyword.count else { return false }
        for start in 1...(words.count - keyword.count) where words[start - 1] == 0x20 && words[start] == keyword[0] {
            if words[start..<(start + keyword.count)].elementsEqual(keyword) { return true }
        }
        return false
    }
}
