/// A kecamatan or kelurahan of a row: the reference code and spelling when it matched the
/// reference data, else no code and the text as sent (trimmed, spaces collapsed).
public struct DistrictValue: Hashable, Sendable {
    /// The Kemendagri code (`32.75.08`, `32.75.08.1001`), nil when the text matched nothing.
    public let code: String?
    /// The reference name when matched (`Pondokgede`), else the text as sent.
    public let name: String

    public init(code: String?, name: String) {
        self.code = code
        self.name = name
    }

    public var isKnown: Bool { code != nil }
}
