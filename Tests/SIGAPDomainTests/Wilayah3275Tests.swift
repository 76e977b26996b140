import Foundation
import Testing

@testable import SIGAPDomain

@Suite("Reference data: Kota Bekasi (SPEC §7)")
struct Wilayah3275Tests {
    /// `reference/wilayah-3275.csv` of this repository.
    static let csvURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("reference/wilayah-3275.csv")

    @Test("the Swift table equals reference/wilayah-3275.csv")
    func tableEqualsCSV() throws {
        let text = try String(contentsOf: Self.csvURL, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        #expect(lines.removeFirst() == "level,code,name,kecamatan_code")
        var expected: [String] = []
        for kecamatan in Wilayah3275.kecamatan {
            expected.append("kecamatan,\(kecamatan.code),\(kecamatan.name),\(kecamatan.code)")
            for kelurahan in Wilayah3275.kelurahan where kelurahan.kecamatanCode == kecamatan.code {
                expected.append("kelurahan,\(kelurahan.code),\(kelurahan.name),\(kelurahan.kecamatanCode)")
            }
        }
        #expect(lines == expected)
        #expect(Wilayah3275.kecamatan.count == 12)
        #expect(Wilayah3275.kelurahan.count == 56)
        #expect(Wilayah3275.version == "kepmendagri-300.2.2-2138-2025")
    }

    @Test("codes are unique and every kelurahan code extends its kecamatan's")
    func codes() {
        #expect(Set(Wilayah3275.kecamatan.map(\.code)).count == 12)
        #expect(Set(Wilayah3275.kelurahan.map(\.code)).count == 56)
        for kelurahan in Wilayah3275.kelurahan {
            #expect(kelurahan.code.hasPrefix(kelurahan.kecamatanCode + "."))
            #expect(Wilayah3275.kecamatan(code: kelurahan.kecamatanCode) != nil)
        }
    }

    @Test("every reference name matches itself, in any case")
    func referenceNames() {
        for kecamatan in Wilayah3275.kecamatan {
            #expect(Wilayah3275.kecamatan(matching: kecamatan.name) == kecamatan)
            #expect(Wilayah3275.kecamatan(matching: kecamatan.name.uppercased()) == kecamatan)
            #expect(Wilayah3275.kecamatan(matching: "Kec. " + kecamatan.name) == kecamatan)
            #expect(Wilayah3275.kecamatan(matching: kecamatan.code) == kecamatan)
        }
        for kelurahan in Wilayah3275.kelurahan {
            #expect(Wilayah3275.kelurahan(matching: kelurahan.name) == kelurahan)
            #expect(Wilayah3275.kelurahan(matching: "KEL. " + kelurahan.name.lowercased()) == kelurahan)
            #expect(Wilayah3275.kelurahanCandidates(matching: kelurahan.name) == [kelurahan])
        }
    }

    @Test(
        "SPEC §6 spellings of Pondokgede",
        arguments: [
            "Pondok Gede", "PONDOKGEDE", "Kec. Pondok Gede", "KEC PONDOK GEDE", "Kecamatan Pondok Gede",
            "kecamatan pondokgede", "  pondok  gede ", "Pondok-Gede", "KEC.PONDOKGEDE", "32.75.08",
        ])
    func pondokgede(spelling: String) {
        #expect(Wilayah3275.kecamatan(matching: spelling)?.code == "32.75.08")
        #expect(Wilayah3275.kecamatan(matching: spelling)?.name == "Pondokgede")
    }

    @Test(
        "kecamatan spellings of reference/README.md",
        arguments: [
            ("PONDOK GEDE", "32.75.08"), ("BANTAR GEBANG", "32.75.07"), ("MEDAN SATRIA", "32.75.06"),
            ("RAWA LUMBU", "32.75.05"), ("MUSTIKA JAYA", "32.75.11"), ("PONDOK MELATI", "32.75.12"),
            ("BEKASI TIMUR", "32.75.01"), ("BEKASI BARAT", "32.75.02"), ("BEKASI UTARA", "32.75.03"),
            ("BEKASI SELATAN", "32.75.04"), ("JATI ASIH", "32.75.09"), ("JATI SAMPURNA", "32.75.10"),
        ])
    func kecamatanSpellings(spelling: String, code: String) {
        #expect(Wilayah3275.kecamatan(matching: spelling)?.code == code)
    }

    @Test(
        "kelurahan spellings of reference/README.md",
        arguments: [
            ("BEKASI JAYA", "32.75.01.1001"), ("DUREN JAYA", "32.75.01.1003"), ("KOTA BARU", "32.75.02.1003"),
            ("KALI BARU", "32.75.06.1004"), ("SUMUR BATU", "32.75.07.1008"), ("JAKA MULYA", "32.75.04.1003"),
            ("PEKAYON JAYA", "32.75.04.1001"), ("KAYURINGIN JAYA", "32.75.04.1005"), ("BOJONG MENTENG", "32.75.05.1004"),
            ("MEDAN SATRIA", "32.75.06.1001"), ("BANTAR GEBANG", "32.75.07.1003"), ("MUSTIKA JAYA", "32.75.11.1003"),
            ("Kel. Jatibening Baru", "32.75.08.1006"), ("JATIBENING", "32.75.08.1002"), ("CIKETING UDIK", "32.75.07.1007"),
            ("KALIABANG TENGAH", "32.75.03.1001"), ("TELUKPUCUNG", "32.75.03.1004"), ("Jatirangga", "32.75.10.1004"),
            ("Jatiranggon", "32.75.10.1003"),
        ])
    func kelurahanSpellings(spelling: String, code: String) {
        #expect(Wilayah3275.kelurahan(matching: spelling)?.code == code)
    }

    @Test("unknown names match nothing", arguments: ["Cibitung", "Tambun Selatan", "KEC", "", "-", "Bekasi", "Kelapa Dua"])
    func unknown(text: String) {
        #expect(Wilayah3275.kecamatan(matching: text) == nil)
        #expect(Wilayah3275.kelurahan(matching: text) == nil)
    }

    @Test("district keys (SPEC §6)")
    func keys() {
        #expect(DistrictName.key("Kec. Pondok Gede") == "PONDOKGEDE")
        #expect(DistrictName.key("KELURAHAN Jati Bening Baru") == "JATIBENINGBARU")
        #expect(DistrictName.key("Kelapa Dua") == "KELAPADUA")
        #expect(DistrictName.key("Kecapi") == "KECAPI")
    }

    @Test("kelurahan in kecamatan")
    func containment() throws {
        let pondokgede = try #require(Wilayah3275.kecamatan(matching: "Pondok Gede"))
        let jatiasih = try #require(Wilayah3275.kecamatan(matching: "Jatiasih"))
        let jatibening = try #require(Wilayah3275.kelurahan(matching: "Jatibening"))
        #expect(Wilayah3275.contains(kelurahan: jatibening, in: pondokgede))
        #expect(!Wilayah3275.contains(kelurahan: jatibening, in: jatiasih))
        #expect(Wilayah3275.contains(kelurahan: "Jati Bening", in: pondokgede))
        #expect(!Wilayah3275.contains(kelurahan: "Jati Bening", in: jatiasih))
        #expect(!Wilayah3275.contains(kelurahan: "Cibitung", in: jatiasih))
        // A kelurahan named like its kecamatan is still a kelurahan of it.
        #expect(Wilayah3275.kelurahan(matching: "Jatiasih", in: jatiasih)?.code == "32.75.09.1002")
    }

    @Test("every kelurahan spelling of the 2025 data is unambiguous")
    func unambiguous() {
        let keys = Wilayah3275.kelurahan.map { DistrictName.key($0.name) }
        #expect(Set(keys).count == keys.count)
    }
}
