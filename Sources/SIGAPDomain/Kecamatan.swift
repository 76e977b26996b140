/// A kecamatan (district) of the reference data: Kemendagri code (`32.75.08`) and reference name.
public struct Kecamatan: Hashable, Sendable {
    public let code: String
    public let name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}
