import SIGAPDomain

/// A month's workers sorted by NIK, kept as references into the month's roster rows rather than
/// copies of them: for each worker the survivor row, the sources listing the NIK and whether two
/// of its rows conflict; for the few workers merged from several rows, their merged values. A
/// `Worker` is built on access (16 bytes a worker instead of 256 plus a copy of the row).
public struct WorkerList: RandomAccessCollection, Sendable {
    struct Slot: Sendable {
        /// The survivor's position in `rows`.
        var survivor: UInt32
        /// A position in `merged`, or `UInt32.max` when the survivor's own values stand.
        var merged: UInt32
        /// A position in `sourceLists`.
        var sources: UInt32
        var identityConflict: Bool
    }

    let rows: RosterEntryList
    let slots: [Slot]
    let merged: [ValidatedPerson]
    /// The distinct lists of sources listing a NIK.
    let sourceLists: [[String]]

    public init() {
        self.init(rows: RosterEntryList(), slots: [], merged: [], sourceLists: [])
    }

    init(rows: RosterEntryList, slots: [Slot], merged: [ValidatedPerson], sourceLists: [[String]]) {
        self.rows = rows
        self.slots = slots
        self.merged = merged
        self.sourceLists = sourceLists
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { slots.count }

    public subscript(position: Int) -> Worker {
        let slot = slots[position]
        let survivor = rows.survivor(at: Int(slot.survivor))
        let person = slot.merged == .max ? Self.clearingEmpty(survivor.person) : merged[Int(slot.merged)]
        return Worker(
            person: person, owner: survivor.source, sources: sourceLists[Int(slot.sources)], identityConflict: slot.identityConflict,
            file: survivor.file, sheet: survivor.sheet, row: survivor.row)
    }

    /// The worker's NIK as a number (nil when it is not 16 digits, which validation never keeps),
    /// owner, sources, whether its rows conflict, and what its ledger line takes of its values: the
    /// worker without the rest of its person (`self[position]` makes every value).
    func line(at position: Int) -> (
        nik: UInt64?, owner: String, sources: [String], identityConflict: Bool, values: RosterEntryList.LineValues
    ) {
        let slot = slots[position]
        let survivor = Int(slot.survivor)
        let values: RosterEntryList.LineValues
        if slot.merged == .max {
            values = rows.lineValues(at: survivor)
        } else {
            let person = merged[Int(slot.merged)]
            values = RosterEntryList.LineValues(
                name: person.name, occupation: person.occupation, kecamatan: person.kecamatan, kelurahan: person.kelurahan)
        }
        return (
            rows.numericNIK(at: survivor), rows.source(ofOrigin: rows.origin(at: survivor)),
            sourceLists[Int(slot.sources)], slot.identityConflict, values
        )
    }

    /// The position in `sourceLists` of the worker's sources.
    func sourceList(at position: Int) -> Int {
        Int(slots[position].sources)
    }

    /// The worker's NIK as a number (0 when it is kept as text), without building the worker.
    public func nik(at position: Int) -> UInt64 {
        rows.nik(at: Int(slots[position].survivor))
    }

    /// A lone row's values: what was sent as empty is cleared, as filling from other rows would
    /// (a phone sent as `-` keeps its text in the row, not in the worker).
    static func clearingEmpty(_ row: ValidatedPerson) -> ValidatedPerson {
        var person = row
        guard person.emptyFields != 0 else { return person }
        if person.isEmpty(.birthPlace) { person.birthPlace = nil }
        if person.isEmpty(.birthDate) { person.birthDate = nil }
        if person.isEmpty(.sex) { person.sex = nil }
        if person.isEmpty(.address) { person.address = nil }
        if person.isEmpty(.kelurahan) { person.kelurahan = nil }
        if person.isEmpty(.kecamatan) { person.kecamatan = nil }
        if person.isEmpty(.phone) { person.phone = nil }
        if person.isEmpty(.occupation) { person.occupation = nil }
        return person
    }
}
