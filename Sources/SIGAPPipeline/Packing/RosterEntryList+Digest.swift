import SIGAPDomain

extension RosterEntryList {
    /// Feeds what a row holds (its packed record and text bytes, positions into the list's tables)
    /// to `encoder`; `texts` is the list's text bytes. `encodeTables` then feeds the tables: rows
    /// fed the same with the same tables are the same rows.
    func encodeRow(at position: Int, texts: UnsafeBufferPointer<UInt8>, into encoder: inout DigestEncoder) {
        let record = records[position]
        let end = position + 1 < records.count ? records[position + 1].textStart : texts.count
        encoder.integer(Int(bitPattern: UInt(record.nik)))
        encoder.integer(Int(record.flags & Flag.nikText))
        encoder.integer(Int(record.row))
        encoder.integer(Int(record.origin))
        encoder.integer(Int(record.birthDate))
        encoder.integer(Int(record.kelurahan))
        encoder.integer(Int(record.kecamatan))
        encoder.integer(Int(record.emptyFields))
        encoder.integer(Int(record.sex))
        encoder.bytes(UnsafeBufferPointer(rebasing: texts[record.textStart..<end]))
    }

    /// Feeds the origins and districts rows refer to.
    func encodeTables(into encoder: inout DigestEncoder) {
        encoder.integer(origins.count)
        for origin in origins {
            encoder.text(origin.source)
            encoder.text(origin.file)
            encoder.text(origin.sheet)
        }
        encoder.integer(districts.values.count)
        for district in districts.values {
            encoder.text(district.code)
            encoder.text(district.name)
        }
    }
}
