extension Sex {
    /// Reads a sex cell (SPEC §5.2): L, LAKI-LAKI, LAKI LAKI, PRIA, M → male; P, PEREMPUAN, WANITA,
    /// F → female. Case, dots, hyphens and spacing do not matter (`Laki-laki`, `l.`, `LAKILAKI`); the
    /// common forms LK, LAKI, LAKI2, PR, MALE and FEMALE are read too. Nil when not readable.
    public init?(parsing text: String) {
        let key = String(text.uppercased().filter { $0.isLetterFast || $0.isNumberFast })
        switch key {
        case "L", "LK", "LAKI", "LAKILAKI", "LAKI2", "PRIA", "M", "MALE": self = .male
        case "P", "PR", "PEREMPUAN", "WANITA", "F", "FEMALE": self = .female
        default: return nil
        }
    }
}
