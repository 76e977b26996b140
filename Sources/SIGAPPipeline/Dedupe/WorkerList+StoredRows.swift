import SIGAPDomain

extension WorkerList {
    /// How many values `forEachStoredRow` hands over for each worker: the columns of
    /// `SQLiteSchema.workerColumns` but `row`.
    static let storedValueCount = 13

    /// Hands `body` each worker's values as the store keeps them (the columns of
    /// `SQLiteSchema.workerColumns` in order, `row` apart) as UTF-8 bytes, nil when there is none,
    /// then its row number. A worker of one row (nearly all) is read straight from the packed rows
    /// without making a string; a worker merged from several rows is built. The bytes are valid
    /// only during the call.
    package func forEachStoredRow(_ body: (_ values: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>?>, _ row: Int) throws -> Void) rethrows
    {
        // The values rows share (places, districts, lists of sources, sexes) as bytes, once: `tables`
        // holds them one after another, each found by its range.
        var tables: [UInt8] = []
        func add(_ text: String?) -> Range<Int>? {
            guard let text else { return nil }
            let start = tables.count
            tables += text.utf8
            return start..<tables.count
        }
        let origins = rows.origins.map { (source: add($0.source)!, file: add($0.file)!, sheet: add($0.sheet)!) }
        let districtCodes = rows.districts.values.map { add($0.code) }
        let sources = sourceLists.map { add($0.joined(separator: ";"))! }
        let sexLetters = Sex.allCases.map { add($0.letter)! }
        try tables.withUnsafeBufferPointer { tables in
            try rows.text.withUnsafeBytes { texts in
                try withUnsafeTemporaryAllocation(of: UnsafeBufferPointer<UInt8>?.self, capacity: Self.storedValueCount) { values in
                    try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { digits in
                        values.initialize(repeating: nil)
                        let digits = UnsafeMutableBufferPointer(rebasing: digits[0..<16])
                        func table(_ range: Range<Int>?) -> UnsafeBufferPointer<UInt8>? {
                            range.map { UnsafeBufferPointer(rebasing: tables[$0]) }
                        }
                        for position in indices {
                            let slot = slots[position]
                            guard slot.merged == .max else {
                                try Self.storedRow(of: self[position], body)
                                continue
                            }
                            let record = rows.records[Int(slot.survivor)]
                            let empty = record.emptyFields
                            func kept(_ field: RosterField, _ value: UnsafeBufferPointer<UInt8>?) -> UnsafeBufferPointer<UInt8>? {
                                empty & ValidatedPerson.bit(field) == 0 ? value : nil
                            }
                            var reader = PackedText.Reader(bytes: texts, cursor: record.textStart)
                            if record.flags & RosterEntryList.Flag.nikText != 0 {
                                values[0] = reader.nextBytes()
                            } else {
                                var number = record.nik
                                for index in (0..<16).reversed() {
                                    digits[index] = UInt8(ascii: "0") + UInt8(number % 10)
                                    number /= 10
                                }
                                values[0] = UnsafeBufferPointer(digits)
                            }
                            values[1] = reader.nextBytes()  // name
                            values[4] = kept(.birthPlace, reader.nextBytes())
                            _ = reader.nextBytes()  // address (not stored)
                            values[9] = kept(.phone, reader.nextBytes())
                            values[10] = kept(.occupation, reader.nextBytes())
                            let origin = origins[Int(record.origin)]
                            values[2] = table(origin.source)
                            values[3] = table(sources[Int(slot.sources)])
                            values[6] =
                                record.sex == 0 || empty & ValidatedPerson.bit(.sex) != 0
                                ? nil : table(sexLetters[Int(record.sex) - 1])
                            values[7] = record.kecamatan == 0 ? nil : kept(.kecamatan, table(districtCodes[Int(record.kecamatan) - 1]))
                            values[8] = record.kelurahan == 0 ? nil : kept(.kelurahan, table(districtCodes[Int(record.kelurahan) - 1]))
                            values[11] = table(origin.file)
                            values[12] = table(origin.sheet)
                            if record.birthDate == .min || empty & ValidatedPerson.bit(.birthDate) != 0 {
                                values[5] = nil
                                try body(UnsafeBufferPointer(values), Int(record.row))
                            } else {
                                var date = CivilDate(daysSinceEpoch: Int(record.birthDate)).description
                                try date.withUTF8 { date in
                                    values[5] = date
                                    try body(UnsafeBufferPointer(values), Int(record.row))
                                }
                                values[5] = nil
                            }
                        }
                    }
                }
            }
        }
    }

    /// A built worker's values, as `forEachStoredRow` hands them.
    private static func storedRow(
        of worker: Worker, _ body: (UnsafeBufferPointer<UnsafeBufferPointer<UInt8>?>, Int) throws -> Void
    ) rethrows {
        let person = worker.person
        let texts: [String?] = [
            person.nik, person.name, worker.owner, worker.sources.joined(separator: ";"), person.birthPlace,
            person.birthDate?.description, person.sex?.letter, person.kecamatan?.code, person.kelurahan?.code, person.phone,
            person.occupation, worker.file, worker.sheet,
        ]
        var bytes: [UInt8] = []
        let ranges = texts.map { text in
            text.map { text in
                let start = bytes.count
                bytes += text.utf8
                return start..<bytes.count
            }
        }
        try bytes.withUnsafeBufferPointer { bytes in
            let values = ranges.map { range in range.map { UnsafeBufferPointer(rebasing: bytes[$0]) } }
            try values.withUnsafeBufferPointer { try body($0, worker.row) }
        }
    }
}
