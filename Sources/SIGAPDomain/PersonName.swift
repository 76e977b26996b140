/// Names of people (SPEC §6): the display form for outputs, the comparison form for matching.
public enum PersonName {
    /// Trimmed, whitespace collapsed, upper-case; titles kept (`H. Ahmad  Fauzi, S.Pd.` →
    /// `H. AHMAD FAUZI, S.PD.`). Nil when nothing is left.
    public static func display(_ text: String) -> String? {
        let collapsed = text.collapsingWhitespace().uppercased()
        return collapsed.isEmpty ? nil : collapsed
    }

    /// The form names are compared in (duplicates, IDENTITY_CONFLICT, NAME_MISMATCH): upper-case,
    /// without titles and degrees (before the name, after it, or after a comma; with or without
    /// dots), then without anything but letters and spaces (`Hj. Siti Nur'aini, S.Pd.I` →
    /// `SITI NURAINI`). Dots and commas separate words. Empty when nothing is left.
    public static func comparison(_ text: String) -> String {
        guard let display = display(text) else { return "" }
        var segments = display.split(separator: ",", omittingEmptySubsequences: false).map(words)
        // Segments after the first that hold only degrees (`…, S.PD., M.PD.`) go.
        let first = segments.removeFirst()
        var kept = first
        for segment in segments where !segment.isEmpty && !isOnlyTitles(segment) {
            kept += segment
        }
        kept = strippingTitles(kept)
        return kept.map { word in String(word.filter { $0.isLetterFast }) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }

    /// The words of a segment, split at whitespace and dots.
    private static func words(_ segment: Substring) -> [String] {
        segment.split(whereSeparator: { $0.isWhitespaceFast || $0 == "." }).map(String.init)
    }

    /// Removes titles from the front and degrees from the back, keeping at least one word.
    private static func strippingTitles(_ words: [String]) -> [String] {
        var words = words
        while words.count > 1, prefixTitles.contains(words[0]) {
            words.removeFirst()
        }
        while words.count > 1, let length = trailingDegreeLength(words), length < words.count {
            words.removeLast(length)
        }
        return words
    }

    private static func isOnlyTitles(_ words: [String]) -> Bool {
        var words = words
        while let first = words.first, prefixTitles.contains(first) {
            words.removeFirst()
        }
        while let length = trailingDegreeLength(words) {
            words.removeLast(length)
        }
        return words.isEmpty
    }

    /// How many words at the end spell a degree (`S PD I`, `S PDI`, `SPD I`, `SPDI` for S.Pd.I),
    /// longest match first; nil when none does.
    private static func trailingDegreeLength(_ words: [String]) -> Int? {
        guard !words.isEmpty else { return nil }
        var joined = ""
        var best: Int?
        for length in 1...min(4, words.count) {
            joined = words[words.count - length] + joined
            if degrees.contains(joined) { best = length }
        }
        return best
    }

    /// Titles written before a name, without dots: Haji, Hajjah, Kyai Haji, Doktor, Doktorandus/a,
    /// Insinyur, Profesor, dokter gigi, Nyonya.
    private static let prefixTitles: Set<String> = ["H", "HJ", "KH", "DR", "DRS", "DRA", "IR", "PROF", "DRG", "NY"]

    /// Degrees written after a name, without dots (SPEC §6's list and the other common ones).
    private static let degrees: Set<String> = [
        // diplomas
        "AMA", "AMD", "AMDKEB", "AMDKEP", "AMDKOM", "AMDAK", "AMDPAR", "AMDFARM", "AMDGZ", "AMDKES",
        // bachelors
        "SAG", "SAK", "SE", "SFARM", "SH", "SHI", "SHUT", "SIKOM", "SIP", "SKED", "SKEP", "SKG", "SKM", "SKOM",
        "SPD", "SPDI", "SPSI", "SSI", "SSOS", "SSOSI", "SST", "ST", "STP", "SPT", "SP", "SS", "SSN", "SGZ",
        "SKEB", "SSTP", "SHUM",
        // masters and doctorates
        "MAG", "MAK", "ME", "MH", "MHUM", "MKES", "MKOM", "MM", "MPD", "MPDI", "MSI", "MSC", "MT", "MKN",
        "MBA", "MSOS", "MIKOM", "MFARM", "MPH", "MKEP", "PHD", "LC",
        // specialists
        "SPOG", "SPA", "SPPD", "SPB",
    ]
}
