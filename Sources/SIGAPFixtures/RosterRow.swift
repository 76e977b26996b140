import SIGAPDomain

/// One worker as a synthetic agency roster lists them: the values of one data row, in column order.
package struct RosterRow: Sendable, Hashable {
    package enum Sex: String, Sendable, Hashable {
        case male = "L"
        case female = "P"
    }

    /// `No`: 1 for the first data row.
    package var number: Int
    /// `NIK`: 16 digits, written as a text cell.
    package var nik: String
    /// `Nama Lengkap`.
    package var name: String
    /// `Tempat Lahir`.
    package var birthPlace: String
    /// `Tanggal Lahir`: written as a date cell.
    package var birthDate: CivilDate
    /// `Jenis Kelamin`.
    package var sex: Sex
    /// `Alamat`.
    package var address: String
    /// `RT`: three digits, e.g. `007`.
    package var rt: String
    /// `RW`: three digits.
    package var rw: String
    /// `Kelurahan`: reference spelling, upper-case.
    package var kelurahan: String
    /// `Kecamatan`: reference spelling, upper-case.
    package var kecamatan: String
    /// `No HP`: `08` and 9 to 11 more digits.
    package var phone: String
    /// `Jenis Pekerjaan`.
    package var occupation: String
    /// `Keterangan`.
    package var note: String
}
