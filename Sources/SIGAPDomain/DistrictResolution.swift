import Synchronization

/// The districts of one row read against the reference data, and what is wrong with them.
struct DistrictResolution: Sendable {
    var kecamatan: DistrictValue?
    var kelurahan: DistrictValue?
    var kecamatanUnknown = false
    var kelurahanUnknown = false
    var mismatch = false

    /// Reads a (kecamatan, kelurahan) pair as sent; both trimmed and non-blank or nil.
    init(kecamatan kecamatanText: String?, kelurahan kelurahanText: String?) {
        var matchedKecamatan: Kecamatan?
        if let text = kecamatanText {
            matchedKecamatan = Wilayah3275.kecamatan(matching: text)
            kecamatan = DistrictValue(code: matchedKecamatan?.code, name: matchedKecamatan?.name ?? text.collapsingWhitespace())
            kecamatanUnknown = matchedKecamatan == nil
        }
        if let text = kelurahanText {
            let candidates = Wilayah3275.kelurahanCandidates(matching: text)
            let matched = Wilayah3275.kelurahan(matching: text, in: matchedKecamatan)
            kelurahan = DistrictValue(code: matched?.code, name: matched?.name ?? text.collapsingWhitespace())
            if candidates.isEmpty {
                kelurahanUnknown = true
            } else if let matchedKecamatan, !Wilayah3275.contains(kelurahan: text, in: matchedKecamatan) {
                mismatch = true
            }
        }
    }
}

/// Remembers district resolutions by the text pair: agencies repeat the same few dozen spellings
/// over thousands of rows. One cache per validator. A validator is a `Sendable` value that may be
/// shared by threads (the tests share one across test cases run in parallel), so the table is
/// behind a lock; a resolution is made outside it.
final class DistrictCache: Sendable {
    private struct Key: Hashable {
        var kecamatan: String?
        var kelurahan: String?
    }

    private let resolved = Mutex<[Key: DistrictResolution]>([:])

    func resolve(kecamatan: String?, kelurahan: String?) -> DistrictResolution {
        let key = Key(kecamatan: kecamatan, kelurahan: kelurahan)
        if let known = resolved.withLock({ $0[key] }) { return known }
        let resolution = DistrictResolution(kecamatan: kecamatan, kelurahan: kelurahan)
        resolved.withLock { table in
            if table.count < 100_000 { table[key] = resolution }
        }
        return resolution
    }
}
