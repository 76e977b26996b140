import SIGAPDomain

/// The kept roster rows of a month, stored compactly: a 40-byte record per row (the NIK as a
/// number, the birth date as a day number, small indexes for where the row is and its districts)
/// and one shared buffer for the row's texts. A million rows take about 130 MB instead of about
/// 480 MB as separate `RosterEntry` values with their strings; an entry is built on access.
public struct RosterEntryList: RandomAccessCollection, Sendable {
    /// Where rows are: the source, its file and sheet, and the NIK's column.
    struct Origin: Sendable {
        var source: String
        var file: String
        var sheet: String
        var nikColumn: Int?

        /// The same place, to the byte (`SameBytes`).
        func isSame(as other: Origin) -> Bool {
            nikColumn == other.nikColumn && source.hasSameBytes(as: other.source) && file.hasSameBytes(as: other.file)
                && sheet.hasSameBytes(as: other.sheet)
        }
    }

    struct Record: Sendable {
        /// The NIK as a number (`0` when it is kept as text, see `Flag.nikText`).
        var nik: UInt64
        /// Where the row's texts start in `text`: (the NIK when not a number), the name, birth place,
        /// address, phone and occupation, each a length then its UTF-8 bytes.
        var textStart: Int
        var row: UInt32
        var origin: UInt32
        /// Days since 1970-01-01; `Int32.min` when absent.
        var birthDate: Int32
        /// Positions in `districts`, plus 1 (0: absent).
        var kelurahan: UInt32
        var kecamatan: UInt32
        var emptyFields: UInt16
        /// 0: absent, else the position in `Sex.allCases`, plus 1.
        var sex: UInt8
        var flags: UInt8
    }

    enum Flag {
        static let duplicate: UInt8 = 1
        static let nikText: UInt8 = 2
    }

    private(set) var records = GrowingBuffer<Record>()
    private(set) var text = PackedText()
    private(set) var origins: [Origin] = []
    private(set) var districts = PackedValues<DistrictValue>()

    public init() {}

    public init(_ entries: some Sequence<RosterEntry>) {
        for entry in entries { append(entry) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { records.count }

    public subscript(position: Int) -> RosterEntry {
        let record = records[position]
        let origin = origins[Int(record.origin)]
        return RosterEntry(
            source: origin.source, file: origin.file, sheet: origin.sheet, row: Int(record.row), nikColumn: origin.nikColumn,
            person: person(record), isDuplicate: record.flags & Flag.duplicate != 0)
    }

    // MARK: - Parts of a row, without building the entry

    /// The row's NIK as a number (`0` for a NIK that is not 16 digits, which validation never keeps).
    func nik(at position: Int) -> UInt64 { records[position].nik }

    /// The row's origin (an index shared by the rows of one sheet).
    func origin(at position: Int) -> Int { Int(records[position].origin) }

    /// How many origins there are (`origin(at:)` is below this).
    var originCount: Int { origins.count }

    func source(ofOrigin origin: Int) -> String { origins[origin].source }

    /// The row's person, its source, file and row number.
    func survivor(at position: Int) -> (person: ValidatedPerson, source: String, file: String, sheet: String, row: Int) {
        let record = records[position]
        let origin = origins[Int(record.origin)]
        return (person(record), origin.source, origin.file, origin.sheet, Int(record.row))
    }

    /// What a ledger line takes of a row's person (`lineValues(at:)`).
    struct LineValues {
        var name: String
        var occupation: String?
        var kecamatan: DistrictValue?
        var kelurahan: DistrictValue?
    }

    /// What a ledger line takes of the row (its name, occupation and districts, each nil when
    /// absent or sent as empty, as `WorkerList.clearingEmpty` leaves them), without making the rest
    /// of the person: reconciliation reads a million rows a month.
    func lineValues(at position: Int) -> LineValues {
        let record = records[position]
        func kept(_ field: RosterField) -> Bool { record.emptyFields & ValidatedPerson.bit(field) == 0 }
        let (name, occupation) = text.read(from: record.textStart) { texts -> (String, String?) in
            if record.flags & Flag.nikText != 0 { texts.skip() }
            let name = texts.next() ?? ""
            texts.skip()  // birth place
            texts.skip()  // address
            texts.skip()  // phone
            return (name, texts.next())
        }
        return LineValues(
            name: name, occupation: kept(.occupation) ? occupation : nil,
            kecamatan: record.kecamatan == 0 || !kept(.kecamatan) ? nil : districts[record.kecamatan - 1],
            kelurahan: record.kelurahan == 0 || !kept(.kelurahan) ? nil : districts[record.kelurahan - 1])
    }

    /// The row's NIK as a number, nil when it is kept as text (not 16 digits, which validation never keeps).
    func numericNIK(at position: Int) -> UInt64? {
        let record = records[position]
        return record.flags & Flag.nikText == 0 ? record.nik : nil
    }

    private func person(_ record: Record) -> ValidatedPerson {
        text.read(from: record.textStart) { texts in
            let nik = record.flags & Flag.nikText != 0 ? texts.next() ?? "" : AcknowledgementValues.digits(record.nik, width: 16)
            let name = texts.next() ?? ""
            let birthPlace = texts.next()
            let address = texts.next()
            let phone = texts.next()
            let occupation = texts.next()
            return ValidatedPerson(
                nik: nik, name: name, birthPlace: birthPlace,
                birthDate: record.birthDate == .min ? nil : CivilDate(daysSinceEpoch: Int(record.birthDate)),
                sex: record.sex == 0 ? nil : Sex.allCases[Int(record.sex) - 1], address: address,
                kelurahan: record.kelurahan == 0 ? nil : districts[record.kelurahan - 1],
                kecamatan: record.kecamatan == 0 ? nil : districts[record.kecamatan - 1], phone: phone, occupation: occupation,
                emptyFields: record.emptyFields)
        }
    }

    // MARK: - Building

    public mutating func append(_ entry: RosterEntry) {
        precondition(records.count < Int(UInt32.max) && (0...Int(UInt32.max)).contains(entry.row), "roster row out of range")
        let origin = Origin(source: entry.source, file: entry.file, sheet: entry.sheet, nikColumn: entry.nikColumn)
        if origins.last.map({ !$0.isSame(as: origin) }) ?? true { origins.append(origin) }
        let person = entry.person
        var flags: UInt8 = entry.isDuplicate ? Flag.duplicate : 0
        let number = AcknowledgementBook.value(of: person.nik)
        if number == nil { flags |= Flag.nikText }
        let textStart = text.count
        if number == nil { text.append(person.nik) }
        text.append(person.name)
        text.append(person.birthPlace)
        text.append(person.address)
        text.append(person.phone)
        text.append(person.occupation)
        let days = person.birthDate?.daysSinceEpoch
        records.append(
            Record(
                nik: number ?? 0, textStart: textStart, row: UInt32(entry.row), origin: UInt32(origins.count - 1),
                birthDate: days.map { Int32($0) } ?? .min, kelurahan: district(person.kelurahan), kecamatan: district(person.kecamatan),
                emptyFields: person.emptyFields, sex: person.sex.map { UInt8(Sex.allCases.firstIndex(of: $0)! + 1) } ?? 0,
                flags: flags))
    }

    /// The rows of `other` after these, as appending its entries one by one would give them, but
    /// moved as packed records and texts.
    public mutating func append(contentsOf other: RosterEntryList) {
        if isEmpty {
            self = other
            return
        }
        let textShift = text.count
        text.append(contentsOf: other.text)
        // Its origins follow these (one already last here counts once); its districts by value.
        var originMap: [UInt32] = []
        for origin in other.origins {
            if origins.last.map({ !$0.isSame(as: origin) }) ?? true { origins.append(origin) }
            originMap.append(UInt32(origins.count - 1))
        }
        let districtMap = other.districts.values.map { district($0) }
        func moved(_ position: UInt32) -> UInt32 { position == 0 ? 0 : districtMap[Int(position) - 1] }
        precondition(records.count + other.records.count < Int(UInt32.max), "roster row out of range")
        records.reserveCapacity(records.count + other.records.count)
        for var record in other.records {
            record.textStart += textShift
            record.origin = originMap[Int(record.origin)]
            record.kelurahan = moved(record.kelurahan)
            record.kecamatan = moved(record.kecamatan)
            records.append(record)
        }
    }

    /// A list made of parts another list had (`RosterEntryList+Spool`).
    init(records: GrowingBuffer<Record>, text: PackedText, origins: [Origin], districts: PackedValues<DistrictValue>) {
        self.records = records
        self.text = text
        self.origins = origins
        self.districts = districts
    }

    private mutating func district(_ value: DistrictValue?) -> UInt32 {
        value.map { districts.position(of: $0) + 1 } ?? 0
    }
}
