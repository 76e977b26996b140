import SIGAPDomain

/// One person enrolled in a month after deduplication by NIK (SPEC §8.1): the survivor row of the
/// owner source, its empty fields filled from the other rows. The person's values read straight
/// through (`worker.name`, `worker.kecamatan`, ...).
@dynamicMemberLookup
public struct Worker: Sendable {
    /// The survivor's values, empty fields filled.
    public var person: ValidatedPerson
    /// The declared source with the highest priority among those listing the NIK.
    public var owner: String
    /// Every source listing the NIK, in pipeline order.
    public var sources: [String]
    /// Two rows of this NIK disagree on name or birth date.
    public var identityConflict: Bool
    /// Where the survivor row is (input order of the owner's first row).
    public var file: String
    public var sheet: String
    public var row: Int

    public subscript<Value>(dynamicMember value: KeyPath<ValidatedPerson, Value>) -> Value {
        person[keyPath: value]
    }
}
