import Testing

@testable import SIGAPDomain

@Suite("Names (SPEC §6)")
struct PersonNameTests {
    @Test("display: trimmed, spaces collapsed, upper-case, titles kept")
    func display() {
        #expect(PersonName.display("  h. Ahmad   Fauzi, S.Pd. ") == "H. AHMAD FAUZI, S.PD.")
        #expect(PersonName.display("siti\u{00A0}aminah\n") == "SITI AMINAH")
        #expect(PersonName.display("   ") == nil)
        #expect(PersonName.display("") == nil)
    }

    @Test(
        "comparison: titles and degrees removed, letters and spaces only",
        arguments: [
            ("H. Ahmad Fauzi", "AHMAD FAUZI"),
            ("H Ahmad Fauzi", "AHMAD FAUZI"),
            ("HJ. SITI AMINAH", "SITI AMINAH"),
            ("Hj Siti Aminah", "SITI AMINAH"),
            ("Dr. Budi Santoso", "BUDI SANTOSO"),
            ("DRS. AGUS SALIM", "AGUS SALIM"),
            ("Dra. Ani Suryani", "ANI SURYANI"),
            ("Ir. Joko Widodo", "JOKO WIDODO"),
            ("Prof. Dr. H. Bambang Sutrisno", "BAMBANG SUTRISNO"),
            ("Prof Dr Ir Bambang", "BAMBANG"),
            ("Budi Santoso, S.Pd.", "BUDI SANTOSO"),
            ("Budi Santoso S.Pd", "BUDI SANTOSO"),
            ("Budi Santoso SPd", "BUDI SANTOSO"),
            ("Siti Nur'aini, S.Pd.I", "SITI NURAINI"),
            ("Siti Nuraini S.Pd.I.", "SITI NURAINI"),
            ("Rina Marlina, S.E.", "RINA MARLINA"),
            ("Rina Marlina SE", "RINA MARLINA"),
            ("Joko Susilo, S.H.", "JOKO SUSILO"),
            ("Dedi Kurnia, S.Sos.", "DEDI KURNIA"),
            ("Tono Hartono, S.T.", "TONO HARTONO"),
            ("Wati Susanti, S.Kom", "WATI SUSANTI"),
            ("Eka Putri, A.Md.", "EKA PUTRI"),
            ("Ani Lestari, M.Pd.", "ANI LESTARI"),
            ("Hendra Gunawan, S.E., M.M.", "HENDRA GUNAWAN"),
            ("Yuni Astuti, S.Si., M.Si.", "YUNI ASTUTI"),
            ("Dr. Ir. H. Agus Salim, M.Si.", "AGUS SALIM"),
            ("M. Rizki Ramadhan", "M RIZKI RAMADHAN"),
            ("Muhammad Rizki", "MUHAMMAD RIZKI"),
            ("Nur-Aini", "NURAINI"),
            ("Siti  Aminah 2", "SITI AMINAH"),
            ("H.", "H"),
            ("Sri S", "SRI S"),
            ("Santoso, Budi", "SANTOSO BUDI"),
        ])
    func comparison(raw: String, expected: String) {
        #expect(PersonName.comparison(raw) == expected)
    }

    @Test("names match once normalised")
    func matching() {
        #expect(PersonName.matches("H. Ahmad Fauzi", "AHMAD FAUZI, S.Pd."))
        #expect(PersonName.matches("Siti Aminah", "SITI AMINAH"))
        #expect(PersonName.matches("Muhamad Rizki", "Muhammad Rizki"))
        #expect(!PersonName.matches("Budi Santoso", "Agus Salim"))
    }
}

@Suite("Jaro-Winkler")
struct JaroWinklerTests {
    @Test(
        "classic pairs",
        arguments: [
            ("MARTHA", "MARHTA", 0.9611), ("DWAYNE", "DUANE", 0.84), ("DIXON", "DICKSONX", 0.8133),
            ("JELLYFISH", "SMELLYFISH", 0.8963), ("CRATE", "TRACE", 0.7333), ("ABC", "ABC", 1.0),
            ("ABC", "XYZ", 0.0), ("", "", 1.0), ("ABC", "", 0.0), ("A", "A", 1.0),
        ])
    func pairs(a: String, b: String, expected: Double) {
        #expect(abs(JaroWinkler.similarity(a, b) - expected) < 0.0001)
        #expect(abs(JaroWinkler.similarity(b, a) - expected) < 0.0001)
    }

    @Test("prefix bonus counts at most 4 characters")
    func prefix() {
        let jaro = JaroWinkler.jaroSimilarity("ABCDEFGH", "ABCDEXYZ")
        #expect(abs(JaroWinkler.similarity("ABCDEFGH", "ABCDEXYZ") - (jaro + 0.4 * (1 - jaro))) < 1e-12)
    }

    @Test("threshold 0.85 on both sides")
    func threshold() {
        #expect(JaroWinkler.sameNameThreshold == 0.85)
        #expect(PersonName.sameName("SITI AMINAH", "SITI AMINA"))
        #expect(!PersonName.sameName("DWAYNE", "DUANE"))
    }
}
