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
/// over thousands of rows. One cache per validator; a validator is used on one thread.
final class DistrictCache: @unchecked Sendable {
    private struct Key: Hashable {
        var kecamatan: String?
        var kelurahan: String?
    }

    private var resolved: [Key: DistrictResolution] = [:]

    func resolve(kecamatan: String?, kelurahan: String?) -> DistrictResolution {
        let key = Key(kecamatan: kecamatan, kelurahan: kelurahan)
        if let known = resolved[key] { return known }
        let resolution = DistrictResolution(kecamatan: kecamatan, kelurahan: kelurahan)
        if resolved.count < 100_000 { resolved[key] = resolution }
        return resolution
    }
}
