/// The 12 kecamatan and 56 kelurahan of Kota Bekasi (Kemendagri region 32.75) with their codes,
/// as listed in `shared/reference/wilayah-3275.csv` (Kepmendagri No. 300.2.2-2138 Tahun 2025).
///
/// Codes have gaps (Bantargebang: 1003, 1004, 1007, 1008): never derive one from a position.
/// The two digits after `32.75.` are digits 5-6 of a NIK first issued in that kecamatan.
public enum BekasiDistricts {
    /// The decree the table follows.
    public static let source = "Kepmendagri No. 300.2.2-2138 Tahun 2025"

    public struct Kelurahan: Sendable, Hashable {
        /// Full Kemendagri code, e.g. `32.75.08.1001`.
        public let code: String
        /// Reference spelling, e.g. `Jatiwaringin`.
        public let name: String
    }

    public struct Kecamatan: Sendable, Hashable {
        /// Full Kemendagri code, e.g. `32.75.08`.
        public let code: String
        /// Reference spelling, e.g. `Pondokgede`.
        public let name: String
        /// The kelurahan that lie in this kecamatan, in code order.
        public let kelurahan: [Kelurahan]

        /// The district pair as it appears in a NIK (digits 5-6), e.g. `08`.
        public var nikCode: String { String(code.suffix(2)) }
    }

    /// All 12 kecamatan in code order.
    public static let kecamatan: [Kecamatan] = [
        Kecamatan(
            code: "32.75.01",
            name: "Bekasi Timur",
            kelurahan: [
                Kelurahan(code: "32.75.01.1001", name: "Bekasijaya"),
                Kelurahan(code: "32.75.01.1002", name: "Margahayu"),
                Kelurahan(code: "32.75.01.1003", name: "Durenjaya"),
                Kelurahan(code: "32.75.01.1004", name: "Arenjaya"),
            ]
        ),
        Kecamatan(
            code: "32.75.02",
            name: "Bekasi Barat",
            kelurahan: [
                Kelurahan(code: "32.75.02.1001", name: "Bintara"),
                Kelurahan(code: "32.75.02.1002", name: "Kranji"),
                Kelurahan(code: "32.75.02.1003", name: "Kotabaru"),
                Kelurahan(code: "32.75.02.1004", name: "Bintarajaya"),
                Kelurahan(code: "32.75.02.1005", name: "Jakasampurna"),
            ]
        ),
        Kecamatan(
            code: "32.75.03",
            name: "Bekasi Utara",
            kelurahan: [
                Kelurahan(code: "32.75.03.1001", name: "Kaliabang Tengah"),
                Kelurahan(code: "32.75.03.1002", name: "Perwira"),
                Kelurahan(code: "32.75.03.1003", name: "Harapanbaru"),
                Kelurahan(code: "32.75.03.1004", name: "Teluk Pucung"),
                Kelurahan(code: "32.75.03.1005", name: "Margamulya"),
                Kelurahan(code: "32.75.03.1006", name: "Harapanjaya"),
            ]
        ),
        Kecamatan(
            code: "32.75.04",
            name: "Bekasi Selatan",
            kelurahan: [
                Kelurahan(code: "32.75.04.1001", name: "Pekayonjaya"),
                Kelurahan(code: "32.75.04.1002", name: "Margajaya"),
                Kelurahan(code: "32.75.04.1003", name: "Jakamulya"),
                Kelurahan(code: "32.75.04.1004", name: "Jakasetia"),
                Kelurahan(code: "32.75.04.1005", name: "Kayuringinjaya"),
            ]
        ),
        Kecamatan(
            code: "32.75.05",
            name: "Rawalumbu",
            kelurahan: [
                Kelurahan(code: "32.75.05.1001", name: "Bojong Rawalumbu"),
                Kelurahan(code: "32.75.05.1002", name: "Pengasinan"),
                Kelurahan(code: "32.75.05.1003", name: "Sepanjangjaya"),
                Kelurahan(code: "32.75.05.1004", name: "Bojongmenteng"),
            ]
        ),
        Kecamatan(
            code: "32.75.06",
            name: "Medansatria",
            kelurahan: [
                Kelurahan(code: "32.75.06.1001", name: "Medansatria"),
                Kelurahan(code: "32.75.06.1002", name: "Harapanmulya"),
                Kelurahan(code: "32.75.06.1003", name: "Pejuang"),
                Kelurahan(code: "32.75.06.1004", name: "Kalibaru"),
            ]
        ),
        Kecamatan(
            code: "32.75.07",
            name: "Bantargebang",
            kelurahan: [
                Kelurahan(code: "32.75.07.1003", name: "Bantargebang"),
                Kelurahan(code: "32.75.07.1004", name: "Cikiwul"),
                Kelurahan(code: "32.75.07.1007", name: "Ciketingudik"),
                Kelurahan(code: "32.75.07.1008", name: "Sumurbatu"),
            ]
        ),
        Kecamatan(
            code: "32.75.08",
            name: "Pondokgede",
            kelurahan: [
                Kelurahan(code: "32.75.08.1001", name: "Jatiwaringin"),
                Kelurahan(code: "32.75.08.1002", name: "Jatibening"),
                Kelurahan(code: "32.75.08.1003", name: "Jatimakmur"),
                Kelurahan(code: "32.75.08.1006", name: "Jatibening Baru"),
                Kelurahan(code: "32.75.08.1007", name: "Jaticempaka"),
            ]
        ),
        Kecamatan(
            code: "32.75.09",
            name: "Jatiasih",
            kelurahan: [
                Kelurahan(code: "32.75.09.1001", name: "Jatimekar"),
                Kelurahan(code: "32.75.09.1002", name: "Jatiasih"),
                Kelurahan(code: "32.75.09.1003", name: "Jatikramat"),
                Kelurahan(code: "32.75.09.1004", name: "Jatirasa"),
                Kelurahan(code: "32.75.09.1005", name: "Jatiluhur"),
                Kelurahan(code: "32.75.09.1006", name: "Jatisari"),
            ]
        ),
        Kecamatan(
            code: "32.75.10",
            name: "Jatisampurna",
            kelurahan: [
                Kelurahan(code: "32.75.10.1001", name: "Jatisampurna"),
                Kelurahan(code: "32.75.10.1002", name: "Jatikarya"),
                Kelurahan(code: "32.75.10.1003", name: "Jatiranggon"),
                Kelurahan(code: "32.75.10.1004", name: "Jatirangga"),
                Kelurahan(code: "32.75.10.1005", name: "Jatiraden"),
            ]
        ),
        Kecamatan(
            code: "32.75.11",
            name: "Mustikajaya",
            kelurahan: [
                Kelurahan(code: "32.75.11.1001", name: "Padurenan"),
                Kelurahan(code: "32.75.11.1002", name: "Cimuning"),
                Kelurahan(code: "32.75.11.1003", name: "Mustikajaya"),
                Kelurahan(code: "32.75.11.1004", name: "Mustikasari"),
            ]
        ),
        Kecamatan(
            code: "32.75.12",
            name: "Pondokmelati",
            kelurahan: [
                Kelurahan(code: "32.75.12.1001", name: "Jatirahayu"),
                Kelurahan(code: "32.75.12.1002", name: "Jatiwarna"),
                Kelurahan(code: "32.75.12.1003", name: "Jatimelati"),
                Kelurahan(code: "32.75.12.1004", name: "Jatimurni"),
            ]
        ),
    ]
}
