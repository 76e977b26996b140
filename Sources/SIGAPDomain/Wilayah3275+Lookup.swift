extension Wilayah3275 {
    /// The kecamatan a spelling names (`Pondok Gede`, `KEC. PONDOKGEDE`, or its code `32.75.08`),
    /// or nil.
    public static func kecamatan(matching text: String) -> Kecamatan? {
        let key = DistrictName.key(text)
        guard !key.isEmpty else { return nil }
        return kecamatanByKey[key]
    }

    /// The kecamatan with this code (`32.75.08`), or nil.
    public static func kecamatan(code: String) -> Kecamatan? {
        kecamatan.first { $0.code == code }
    }

    /// Every kelurahan a spelling could name (in code order; empty when none).
    public static func kelurahanCandidates(matching text: String) -> [Kelurahan] {
        let key = DistrictName.key(text)
        guard !key.isEmpty else { return [] }
        return kelurahanByKey[key] ?? []
    }

    /// The kelurahan a spelling names, or nil. A spelling shared by kelurahan of several kecamatan
    /// names the one inside `kecamatan` when it is given and holds one, else it is ambiguous (nil).
    /// (In the 2025 data every kelurahan spelling is unique.)
    public static func kelurahan(matching text: String, in kecamatan: Kecamatan? = nil) -> Kelurahan? {
        let candidates = kelurahanCandidates(matching: text)
        if candidates.count == 1 { return candidates[0] }
        guard let kecamatan else { return nil }
        let inside = candidates.filter { $0.kecamatanCode == kecamatan.code }
        return inside.count == 1 ? inside[0] : nil
    }

    /// True when the kelurahan lies in the kecamatan (false gives WILAYAH_MISMATCH).
    public static func contains(kelurahan: Kelurahan, in kecamatan: Kecamatan) -> Bool {
        kelurahan.kecamatanCode == kecamatan.code
    }

    /// True when a kelurahan spelling can name a kelurahan of the kecamatan (false when it names
    /// none there, including when it names no kelurahan at all).
    public static func contains(kelurahan text: String, in kecamatan: Kecamatan) -> Bool {
        kelurahanCandidates(matching: text).contains { $0.kecamatanCode == kecamatan.code }
    }

    private static let kecamatanByKey: [String: Kecamatan] = {
        var table: [String: Kecamatan] = [:]
        for entry in kecamatan {
            table[DistrictName.key(entry.name)] = entry
            table[DistrictName.key(entry.code)] = entry
        }
        return table
    }()

    private static let kelurahanByKey: [String: [Kelurahan]] = {
        var table: [String: [Kelurahan]] = [:]
        for entry in kelurahan {
            table[DistrictName.key(entry.name), default: []].append(entry)
            table[DistrictName.key(entry.code), default: []].append(entry)
        }
        return table
    }()
}
