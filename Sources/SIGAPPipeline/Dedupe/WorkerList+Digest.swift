import SIGAPDomain

extension WorkerList {
    /// SHA-256 of the workers as the store keeps them: two lists with the same digest hold the
    /// same workers, so a roster carried forward is stored once. Made from the packed rows' bytes
    /// without building a worker (a month of a million workers in a fraction of a second); the
    /// same workers packed differently are only stored twice.
    package func contentDigest() -> String {
        var encoder = DigestEncoder(tag: "sigap worker set v2")
        encoder.integer(count)
        rows.text.withUnsafeBytes { texts in
            for slot in slots {
                rows.encodeRow(at: Int(slot.survivor), texts: texts, into: &encoder)
                encoder.integer(slot.merged == .max ? -1 : Int(slot.merged))
                encoder.integer(Int(slot.sources))
                encoder.integer(slot.identityConflict ? 1 : 0)
            }
        }
        rows.encodeTables(into: &encoder)
        // The few workers merged from several rows, and the lists of sources.
        encoder.integer(merged.count)
        for person in merged {
            encoder.text(person.nik)
            encoder.text(person.name)
            encoder.text(person.birthPlace)
            encoder.integer(person.birthDate?.daysSinceEpoch ?? Int.min)
            encoder.text(person.sex?.letter)
            encoder.text(person.address)
            for district in [person.kelurahan, person.kecamatan] {
                encoder.text(district?.code)
                encoder.text(district?.name)
            }
            encoder.text(person.phone)
            encoder.text(person.occupation)
            encoder.integer(Int(person.emptyFields))
        }
        encoder.integer(sourceLists.count)
        for list in sourceLists {
            encoder.integer(list.count)
            for source in list { encoder.text(source) }
        }
        return encoder.finish()
    }
}
