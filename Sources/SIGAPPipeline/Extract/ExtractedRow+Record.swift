import SIGAPDomain
import XLSX

extension ExtractedRow {
    /// The row's raw values by field, as the validator takes them.
    public var record: RosterRecord {
        RosterRecord(
            nik: nikInput, name: text(.name), birthPlace: text(.birthPlace), birthDate: dateInput,
            birthPlaceDate: text(.birthPlaceDate), sex: text(.sex), address: text(.address), rt: text(.rt),
            rw: text(.rw), rtRw: text(.rtRw), kelurahan: text(.kelurahan), kecamatan: text(.kecamatan),
            phone: text(.phone), occupation: text(.occupation))
    }

    /// A field's cell as text (numbers without a fraction when integral).
    public func text(_ field: RosterField) -> String? {
        RosterValues.text(value(field))
    }

    /// The NIK cell: a numeric cell stays a number (its precision matters, SPEC §5.1).
    var nikInput: NIKInput {
        switch value(.nik) {
        case nil: .empty
        case .number(let number)?: .number(number)
        case let other?: RosterValues.text(other).map { NIKInput.text($0) } ?? .empty
        }
    }

    /// The birth date cell: a date-formatted cell is a date; a plain number is not (SPEC §6).
    var dateInput: DateInput {
        switch value(.birthDate) {
        case nil: .empty
        case .date(let date)?:
            CivilDate(year: date.year, month: date.month, day: date.day).map { .date($0) } ?? .text(date.description)
        case .number(let number)?: .number(number)
        case let other?: RosterValues.text(other).map { DateInput.text($0) } ?? .empty
        }
    }
}
