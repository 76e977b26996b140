/// A kelurahan (sub-district) of the reference data: Kemendagri code (`32.75.08.1001`), reference
/// name, and the code of the kecamatan it lies in.
public struct Kelurahan: Hashable, Sendable {
    public let code: String
    public let name: String
    public let kecamatanCode: String

    public init(code: String, name: String, kecamatanCode: String) {
        self.code = code
        self.name = name
        self.kecamatanCode = kecamatanCode
    }
}
