/// Word lists the synthetic rosters draw from. Every name is made up from common Indonesian given
/// names; no list describes a real person.
enum RosterVocabulary {
    struct Occupation {
        let name: String
        /// Chance in percent that a worker in this occupation is a woman.
        let womenPercent: Int
    }

    static let occupations: [Occupation] = [
        Occupation(name: "OJEK DARING", womenPercent: 8),
        Occupation(name: "OJEK PANGKALAN", womenPercent: 4),
        Occupation(name: "PEDAGANG KAKI LIMA", womenPercent: 45),
        Occupation(name: "PEDAGANG ASONGAN", womenPercent: 30),
        Occupation(name: "BURUH BANGUNAN", womenPercent: 3),
        Occupation(name: "BURUH CUCI", womenPercent: 90),
        Occupation(name: "TUKANG BECAK", womenPercent: 2),
        Occupation(name: "TUKANG PARKIR", womenPercent: 5),
        Occupation(name: "SOPIR ANGKOT", womenPercent: 3),
        Occupation(name: "PEMULUNG", womenPercent: 35),
        Occupation(name: "PETUGAS KEBERSIHAN", womenPercent: 30),
        Occupation(name: "ASISTEN RUMAH TANGGA", womenPercent: 92),
        Occupation(name: "GURU PAUD", womenPercent: 95),
        Occupation(name: "KADER POSYANDU", womenPercent: 97),
        Occupation(name: "MARBOT MASJID", womenPercent: 2),
    ]

    static let teacherOccupation = "GURU PAUD"

    static let menFirstNames = [
        "ADI", "AGUS", "AHMAD", "ANDI", "ARIF", "ASEP", "BAMBANG", "BAYU", "BUDI", "DADANG", "DEDI",
        "DENI", "DIMAS", "EKO", "FAJAR", "GILANG", "HADI", "HENDRA", "HERU", "ILHAM", "IRFAN", "IWAN",
        "JOKO", "KURNIA", "MUHAMMAD", "RAHMAT", "RIZKY", "RUDI", "SAIFUL", "SLAMET", "SUPRIYADI",
        "SUTRISNO", "TAUFIK", "TEGUH", "UJANG", "WAHYU", "YUSUF",
    ]

    static let womenFirstNames = [
        "ANI", "ASIH", "AYU", "DEWI", "DIAN", "ELIS", "ENDAH", "ENI", "EUIS", "FARIDA", "FITRI", "IIS",
        "INDAH", "KARTINI", "LILIS", "LINDA", "MAYA", "NENG", "NINING", "NOVI", "NURHAYATI", "PUTRI",
        "RANI", "RATNA", "RINA", "ROSITA", "SITI", "SRI", "SUMIATI", "SUPARMI", "TITIN", "WULAN",
        "YATI", "YULI",
    ]

    static let middleNames = ["NUR", "DWI", "TRI", "EKA"]

    static let menLastNames = [
        "ALAMSYAH", "FIRMANSYAH", "GUNAWAN", "HAKIM", "HARYANTO", "HERMAWAN", "HIDAYAT", "KURNIAWAN",
        "MULYANA", "NUGROHO", "PRATAMA", "PURNOMO", "RAHMAN", "RAMADHAN", "SANTOSO", "SAPUTRA",
        "SETIAWAN", "SUDRAJAT", "SUGIHARTO", "SUPRIATNA", "SURYANA", "WIBOWO",
    ]

    static let womenLastNames = [
        "AMINAH", "ANGGRAINI", "FATIMAH", "HANDAYANI", "HASANAH", "KOMALASARI", "KURNIASIH",
        "LESTARI", "MARYATI", "MULYANI", "NURJANAH", "PERTIWI", "RAHAYU", "SAPUTRI", "SUSANTI",
        "WULANDARI", "YULIANTI",
    ]

    static let degrees = [", S.E.", ", S.Kom", ", A.Md", ", S.Sos"]
    static let teacherDegree = ", S.Pd"

    static let localBirthPlace = "BEKASI"

    static let otherBirthPlaces = [
        "BANDUNG", "BOGOR", "BREBES", "CIANJUR", "CIREBON", "DEPOK", "GARUT", "INDRAMAYU", "JAKARTA",
        "KARAWANG", "KEBUMEN", "KLATEN", "KUNINGAN", "LAMPUNG", "MAGELANG", "MAKASSAR", "MEDAN",
        "PADANG", "PALEMBANG", "PURWAKARTA", "SEMARANG", "SERANG", "SUBANG", "SUKABUMI", "SURAKARTA",
        "TANGERANG", "TASIKMALAYA", "TEGAL", "WONOGIRI", "YOGYAKARTA",
    ]

    static let streets = [
        "AHMAD YANI", "BINTARA RAYA", "CHAIRIL ANWAR", "CIKUNIR RAYA", "CUT MUTIA", "DAHLIA",
        "DELIMA", "FLAMBOYAN", "HARAPAN INDAH", "IR. H. JUANDA", "KALIABANG", "KARTINI", "KENANGA",
        "KH. NOER ALIE", "MANGGA", "MAWAR", "MELATI", "MUSTIKAJAYA", "NANGKA", "PEKAYON RAYA",
        "PERJUANGAN", "PRAMUKA", "RAMBUTAN", "RAYA BANTARGEBANG", "RAYA JATIASIH", "RAYA NAROGONG",
        "RAYA PONDOK GEDE", "SAWO", "SERSAN AIP", "SILIWANGI",
    ]

    static let phonePrefixes = [
        "0811", "0812", "0813", "0814", "0815", "0816", "0817", "0818", "0819", "0821", "0822",
        "0823", "0831", "0832", "0838", "0852", "0853", "0855", "0856", "0857", "0858", "0859",
        "0877", "0878", "0881", "0882", "0887", "0888", "0895", "0896", "0897", "0898", "0899",
    ]
}
