import SIGAPDomain
import XLSX

/// A roster row that passed validation (possibly with warnings): the worker as one source listed
/// them in one month and where the row is. Its findings go to the month's `FindingList` as the row is
/// read, not with the entry: a month may hold a million entries, each with a warning.
public struct RosterEntry: Sendable {
    public var source: String
    public var file: String
    public var sheet: String
    public var row: Int
    /// The NIK's column (1-based), where row-level findings about the person point.
    public var nikColumn: Int?
    public var person: ValidatedPerson
    /// A later row of a NIK this source already listed this month (`DUPLICATE_ROW`): not a worker
    /// of its own, but its values still fill the survivor's empty fields (SPEC §14).
    public var isDuplicate: Bool

    public var nik: String { person.nik }

    /// The NIK's cell (`B7`), made when a finding needs it.
    public var nikCell: String? { nikColumn.map { CellReference.name(row: row, column: $0) } }

    public init(
        source: String, file: String, sheet: String, row: Int, nikColumn: Int?, person: ValidatedPerson, isDuplicate: Bool
    ) {
        self.source = source
        self.file = file
        self.sheet = sheet
        self.row = row
        self.nikColumn = nikColumn
        self.person = person
        self.isDuplicate = isDuplicate
    }

    /// From a validated row that has a valid NIK.
    public init(source: String, file: String, sheet: String, row: Int, nikColumn: Int?, validated: ValidatedRow, isDuplicate: Bool) {
        self.init(
            source: source, file: file, sheet: sheet, row: row, nikColumn: nikColumn, person: validated.person!,
            isDuplicate: isDuplicate)
    }
}
