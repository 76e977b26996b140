/// Sex as recorded on the KTP (and encoded in the NIK: day + 40 for women).
public enum Sex: String, Sendable, CaseIterable {
    case male
    case female

    /// The letter Indonesian forms use: `L` (laki-laki) or `P` (perempuan).
    public var letter: String {
        switch self {
        case .male: "L"
        case .female: "P"
        }
    }
}
