/// A structurally valid NIK (Nomor Induk Kependudukan): `PP KK CC DDMMYY SSSS` (SPEC §5.1).
///
/// Build one with `NIK.read(_:month:)` (a cell) or `NIK(_:month:)` (16 digits). The birth year is
/// resolved by the century rule relative to the month being processed, so the same digits can give
/// different dates in different months. `description` is the masked form: string interpolation of a
/// NIK never prints it in full; use `digits` where the full number is meant (ledger, findings.csv).
public struct NIK: Hashable, Comparable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The 16 digits.
    public let digits: String
    /// The birth date, with 40 removed from the day for women and the century resolved.
    public let birthDate: CivilDate
    /// Female when the encoded day is 41–71.
    public let sex: Sex

    init(validatedDigits digits: String, birthDate: CivilDate, sex: Sex) {
        self.digits = digits
        self.birthDate = birthDate
        self.sex = sex
    }

    /// The province code, digits 1–2 (`32`).
    public var provinceCode: String { String(digits.prefix(2)) }
    /// The regency or city code with its province, digits 1–4 (`3275`): what `region` is compared with.
    public var regencyCode: String { String(digits.prefix(4)) }
    /// The district (kecamatan) code with its regency, digits 1–6 (`327508`).
    public var districtCode: String { String(digits.prefix(6)) }
    /// The district code in Kemendagri notation (`32.75.08`), as in the reference data.
    public var kemendagriDistrictCode: String {
        let code = Array(digits.utf8.prefix(6))
        return String(decoding: code[0..<2], as: UTF8.self) + "." + String(decoding: code[2..<4], as: UTF8.self)
            + "." + String(decoding: code[4..<6], as: UTF8.self)
    }
    /// The serial, digits 13–16 (`0001`).
    public var serial: String { String(digits.suffix(4)) }

    /// The form for logs and reports: first 6 digits, 6 stars, last 4 (`327508******0001`).
    public var masked: String { Masking.nik(digits) }

    /// True when the NIK was first issued inside `region` (a code prefix such as `3275`).
    public func isIssued(in region: String) -> Bool {
        // Byte by byte: `digits` is ASCII; a region such as `32.75` counts by its digits.
        var own = digits.utf8.makeIterator()
        for byte in region.utf8 where (0x30...0x39).contains(byte) {
            guard own.next() == byte else { return false }
        }
        return true
    }

    public var description: String { masked }
    public var debugDescription: String { "NIK(\(masked))" }

    public static func < (lhs: NIK, rhs: NIK) -> Bool { lhs.digits < rhs.digits }
}
