/// Jaro–Winkler similarity of two strings, compared character by character: 1 for equal strings,
/// 0 when nothing matches. Used on comparison names (`PersonName.comparison`) with the threshold
/// of SPEC §5.2 and §8.3.
public enum JaroWinkler {
    /// Names at least this similar are the same person's (below it: IDENTITY_CONFLICT, NAME_MISMATCH).
    public static let sameNameThreshold = 0.85

    /// The Jaro similarity raised for a common prefix of up to 4 characters, with scale 0.1.
    public static func similarity(_ first: String, _ second: String) -> Double {
        let a = Array(first)
        let b = Array(second)
        let jaro = jaroSimilarity(a, b)
        var prefix = 0
        while prefix < min(4, a.count, b.count), a[prefix] == b[prefix] {
            prefix += 1
        }
        return jaro + Double(prefix) * 0.1 * (1 - jaro)
    }

    /// The Jaro similarity: matches within half the longer length less one, and half-transpositions.
    public static func jaroSimilarity(_ first: String, _ second: String) -> Double {
        jaroSimilarity(Array(first), Array(second))
    }

    private static func jaroSimilarity(_ a: [Character], _ b: [Character]) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        if a.isEmpty || b.isEmpty { return 0 }
        let window = max(0, max(a.count, b.count) / 2 - 1)
        var aMatched = [Bool](repeating: false, count: a.count)
        var bMatched = [Bool](repeating: false, count: b.count)
        var matches = 0
        for i in a.indices {
            let low = max(0, i - window)
            let high = min(b.count - 1, i + window)
            guard low <= high else { continue }
            for j in low...high where !bMatched[j] && a[i] == b[j] {
                aMatched[i] = true
                bMatched[j] = true
                matches += 1
                break
            }
        }
        if matches == 0 { return 0 }
        var transpositions = 0
        var j = 0
        for i in a.indices where aMatched[i] {
            while !bMatched[j] { j += 1 }
            if a[i] != b[j] { transpositions += 1 }
            j += 1
        }
        let m = Double(matches)
        return (m / Double(a.count) + m / Double(b.count) + (m - Double(transpositions / 2)) / m) / 3
    }
}
