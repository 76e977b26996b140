/// District names as compared with the reference data (SPEC §6).
public enum DistrictName {
    /// The comparison key: upper-case, a leading `KECAMATAN`, `KELURAHAN`, `KEC` or `KEL` removed
    /// (the short forms only when a non-letter follows: `Kec. Pondok Gede`, `KEL JATIBENING`), then
    /// everything but letters and digits removed. `Pondok Gede`, `PONDOKGEDE` and `Kec. Pondok Gede`
    /// all give `PONDOKGEDE`.
    public static func key(_ text: String) -> String {
        var upper = Substring(text.uppercased().trimmingWhitespace())
        for prefix in ["KECAMATAN", "KELURAHAN", "KEC", "KEL"] where upper.hasPrefix(prefix) {
            let rest = upper.dropFirst(prefix.count)
            if prefix.count > 3 || rest.first.map({ !$0.isLetterFast }) ?? false {
                upper = rest
                break
            }
        }
        return String(upper.filter { $0.isLetterFast || $0.isNumberFast })
    }
}
