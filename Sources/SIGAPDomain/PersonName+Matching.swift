extension PersonName {
    /// True when two comparison names are the same person's: Jaro–Winkler at least 0.85.
    public static func sameName(_ comparisonName: String, _ other: String) -> Bool {
        JaroWinkler.similarity(comparisonName, other) >= JaroWinkler.sameNameThreshold
    }

    /// True when two names as written are the same person's once normalised (`comparison`)
    /// (NAME_MISMATCH when false).
    public static func matches(_ name: String, _ other: String) -> Bool {
        sameName(comparison(name), comparison(other))
    }
}
