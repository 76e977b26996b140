/// What reading one NIK cell gave: a valid NIK, or the single NIK error of the row (SPEC §14:
/// the first in §5.1's table order).
public struct NIKReading: Hashable, Sendable {
    /// The NIK when it is structurally valid (no error).
    public let nik: NIK?
    /// The first NIK structure or content error, if any (`NIK_MISSING` … `NIK_SERIAL_INVALID`).
    public let error: FindingCode?
    /// The cell was a 16-digit number whose last digit is not 0: kept, with `NIK_STORED_AS_NUMBER`.
    public let storedAsNumber: Bool
    /// The text after cleaning (spaces, apostrophe and separators removed), nil for an empty cell.
    public let cleaned: String?

    init(nik: NIK?, error: FindingCode?, storedAsNumber: Bool = false, cleaned: String?) {
        self.nik = nik
        self.error = error
        self.storedAsNumber = storedAsNumber
        self.cleaned = cleaned
    }

    /// No NIK error: the NIK can identify a worker.
    public var isValid: Bool { nik != nil }

    /// The warnings a kept NIK carries by itself: `NIK_STORED_AS_NUMBER` (numeric cell) and
    /// `NIK_OUTSIDE_REGION` (first issued outside `region`). None for an invalid NIK.
    public func warnings(region: String) -> [FindingCode] {
        guard let nik else { return [] }
        var codes: [FindingCode] = []
        if storedAsNumber { codes.append(.nikStoredAsNumber) }
        if !nik.isIssued(in: region) { codes.append(.nikOutsideRegion) }
        return codes
    }
}
