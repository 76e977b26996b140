/// Kota Bekasi's 12 kecamatan and 56 kelurahan with their Kemendagri codes (SPEC §7), embedded
/// from `reference/wilayah-3275.csv` (a test checks that the two agree). Codes have gaps: never
/// assume they are contiguous.
public enum Wilayah3275 {
    /// The version of the reference data, recorded in each run's manifest.
    public static let version = "kepmendagri-300.2.2-2138-2025"

    /// The region code of Kota Bekasi (province 32, city 75), as NIKs and `region` write it.
    public static let regionCode = "3275"

    /// The kecamatan in code order.
    public static let kecamatan: [Kecamatan] = [
        Kecamatan(code: "32.75.01", name: "Bekasi Timur"),
        Kecamatan(code: "32.75.02", name: "Bekasi Barat"),
        Kecamatan(code: "32.75.03", name: "Bekasi Utara"),
        Kecamatan(code: "32.75.04", name: "Bekasi Selatan"),
        Kecamatan(code: "32.75.05", name: "Rawalumbu"),
        Kecamatan(code: "32.75.06", name: "Medansatria"),
        Kecamatan(code: "32.75.07", name: "Bantargebang"),
        Kecamatan(code: "32.75.08", name: "Pondokgede"),
        Kecamatan(code: "32.75.09", name: "Jatiasih"),
        Kecamatan(code: "32.75.10", name: "Jatisampurna"),
        Kecamatan(code: "32.75.11", name: "Mustikajaya"),
        Kecamatan(code: "32.75.12", name: "Pondokmelati"),
    ]

    /// The kelurahan in code order.
    public static let kelurahan: [Kelurahan] = [
        Kelurahan(code: "32.75.01.1001", name: "Bekasijaya", kecamatanCode: "32.75.01"),
        Kelurahan(code: "32.75.01.1002", name: "Margahayu", kecamatanCode: "32.75.01"),
        Kelurahan(code: "32.75.01.1003", name: "Durenjaya", kecamatanCode: "32.75.01"),
        Kelurahan(code: "32.75.01.1004", name: "Arenjaya", kecamatanCode: "32.75.01"),
        Kelurahan(code: "32.75.02.1001", name: "Bintara", kecamatanCode: "32.75.02"),
        Kelurahan(code: "32.75.02.1002", name: "Kranji", kecamatanCode: "32.75.02"),
        Kelurahan(code: "32.75.02.1003", name: "Kotabaru", kecamatanCode: "32.75.02"),
        Kelurahan(code: "32.75.02.1004", name: "Bintarajaya", kecamatanCode: "32.75.02"),
        Kelurahan(code: "32.75.02.1005", name: "Jakasampurna", kecamatanCode: "32.75.02"),
        Kelurahan(code: "32.75.03.1001", name: "Kaliabang Tengah", kecamatanCode: "32.75.03"),
        Kelurahan(code: "32.75.03.1002", name: "Perwira", kecamatanCode: "32.75.03"),
        Kelurahan(code: "32.75.03.1003", name: "Harapanbaru", kecamatanCode: "32.75.03"),
        Kelurahan(code: "32.75.03.1004", name: "Teluk Pucung", kecamatanCode: "32.75.03"),
        Kelurahan(code: "32.75.03.1005", name: "Margamulya", kecamatanCode: "32.75.03"),
        Kelurahan(code: "32.75.03.1006", name: "Harapanjaya", kecamatanCode: "32.75.03"),
        Kelurahan(code: "32.75.04.1001", name: "Pekayonjaya", kecamatanCode: "32.75.04"),
        Kelurahan(code: "32.75.04.1002", name: "Margajaya", kecamatanCode: "32.75.04"),
        Kelurahan(code: "32.75.04.1003", name: "Jakamulya", kecamatanCode: "32.75.04"),
        Kelurahan(code: "32.75.04.1004", name: "Jakasetia", kecamatanCode: "32.75.04"),
        Kelurahan(code: "32.75.04.1005", name: "Kayuringinjaya", kecamatanCode: "32.75.04"),
        Kelurahan(code: "32.75.05.1001", name: "Bojong Rawalumbu", kecamatanCode: "32.75.05"),
        Kelurahan(code: "32.75.05.1002", name: "Pengasinan", kecamatanCode: "32.75.05"),
        Kelurahan(code: "32.75.05.1003", name: "Sepanjangjaya", kecamatanCode: "32.75.05"),
        Kelurahan(code: "32.75.05.1004", name: "Bojongmenteng", kecamatanCode: "32.75.05"),
        Kelurahan(code: "32.75.06.1001", name: "Medansatria", kecamatanCode: "32.75.06"),
        Kelurahan(code: "32.75.06.1002", name: "Harapanmulya", kecamatanCode: "32.75.06"),
        Kelurahan(code: "32.75.06.1003", name: "Pejuang", kecamatanCode: "32.75.06"),
        Kelurahan(code: "32.75.06.1004", name: "Kalibaru", kecamatanCode: "32.75.06"),
        Kelurahan(code: "32.75.07.1003", name: "Bantargebang", kecamatanCode: "32.75.07"),
        Kelurahan(code: "32.75.07.1004", name: "Cikiwul", kecamatanCode: "32.75.07"),
        Kelurahan(code: "32.75.07.1007", name: "Ciketingudik", kecamatanCode: "32.75.07"),
        Kelurahan(code: "32.75.07.1008", name: "Sumurbatu", kecamatanCode: "32.75.07"),
        Kelurahan(code: "32.75.08.1001", name: "Jatiwaringin", kecamatanCode: "32.75.08"),
        Kelurahan(code: "32.75.08.1002", name: "Jatibening", kecamatanCode: "32.75.08"),
        Kelurahan(code: "32.75.08.1003", name: "Jatimakmur", kecamatanCode: "32.75.08"),
        Kelurahan(code: "32.75.08.1006", name: "Jatibening Baru", kecamatanCode: "32.75.08"),
        Kelurahan(code: "32.75.08.1007", name: "Jaticempaka", kecamatanCode: "32.75.08"),
        Kelurahan(code: "32.75.09.1001", name: "Jatimekar", kecamatanCode: "32.75.09"),
        Kelurahan(code: "32.75.09.1002", name: "Jatiasih", kecamatanCode: "32.75.09"),
        Kelurahan(code: "32.75.09.1003", name: "Jatikramat", kecamatanCode: "32.75.09"),
        Kelurahan(code: "32.75.09.1004", name: "Jatirasa", kecamatanCode: "32.75.09"),
        Kelurahan(code: "32.75.09.1005", name: "Jatiluhur", kecamatanCode: "32.75.09"),
        Kelurahan(code: "32.75.09.1006", name: "Jatisari", kecamatanCode: "32.75.09"),
        Kelurahan(code: "32.75.10.1001", name: "Jatisampurna", kecamatanCode: "32.75.10"),
        Kelurahan(code: "32.75.10.1002", name: "Jatikarya", kecamatanCode: "32.75.10"),
        Kelurahan(code: "32.75.10.1003", name: "Jatiranggon", kecamatanCode: "32.75.10"),
        Kelurahan(code: "32.75.10.1004", name: "Jatirangga", kecamatanCode: "32.75.10"),
        Kelurahan(code: "32.75.10.1005", name: "Jatiraden", kecamatanCode: "32.75.10"),
        Kelurahan(code: "32.75.11.1001", name: "Padurenan", kecamatanCode: "32.75.11"),
        Kelurahan(code: "32.75.11.1002", name: "Cimuning", kecamatanCode: "32.75.11"),
        Kelurahan(code: "32.75.11.1003", name: "Mustikajaya", kecamatanCode: "32.75.11"),
        Kelurahan(code: "32.75.11.1004", name: "Mustikasari", kecamatanCode: "32.75.11"),
        Kelurahan(code: "32.75.12.1001", name: "Jatirahayu", kecamatanCode: "32.75.12"),
        Kelurahan(code: "32.75.12.1002", name: "Jatiwarna", kecamatanCode: "32.75.12"),
        Kelurahan(code: "32.75.12.1003", name: "Jatimelati", kecamatanCode: "32.75.12"),
        Kelurahan(code: "32.75.12.1004", name: "Jatimurni", kecamatanCode: "32.75.12"),
    ]
}
