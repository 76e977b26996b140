import SIGAPDomain

/// A roster row that passed validation (possibly with warnings): the worker as one source listed
/// them in one month, and where the row is.
public struct RosterEntry: Sendable {
    public var source: String
    public var file: String
    public var sheet: String
    public var row: Int
    /// The NIK's cell (`B7`), where row-level findings about the person point.
    public var nikCell: String?
    public var validated: ValidatedRow
    /// A later row of a NIK this source already listed this month (`DUPLICATE_ROW`): not a worker
    /// of its own, but its values still fill the survivor's empty fields (SPEC §14).
    public var isDuplicate: Bool

    public var nik: NIK { validated.nik! }
}
