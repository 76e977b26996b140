import SIGAPDomain

/// Merges the roster rows of all sources for one month into workers, one per NIK (SPEC §8.1, §14):
/// the owner is the highest-priority source listing the NIK, its first row survives, and empty
/// fields of the survivor are filled from the other rows in priority then input order. A later row
/// that conflicts with an earlier one (name or stated birth date) gets an `IDENTITY_CONFLICT`
/// finding, and the worker's line is flagged.
public struct Deduplicator: Sendable {
    /// Source codes in priority order.
    public var priority: [String]
    public var severity: Severity
    /// From how many NIKs the work is split over two threads (tests force it lower).
    var splitThreshold = SplitWork.threshold

    public init(priority: [String], severity: Severity = .warning) {
        self.priority = priority
        self.severity = severity
    }

    public struct Result: Sendable {
        /// Workers sorted by NIK.
        public var workers: [Worker]
        /// `IDENTITY_CONFLICT` findings, on the later rows.
        public var conflicts: [(entry: RosterEntry, finding: Finding)]
        /// Rows set aside because IDENTITY_CONFLICT is an error in this pipeline (SPEC §5: an
        /// error quarantines the row): they neither list their source nor fill fields.
        public var quarantined: [RosterEntry] = []
    }

    /// `entries` holds each source's rows in input order (duplicates included, flagged).
    public func merge(_ entries: [RosterEntry]) -> Result {
        let rank = Dictionary(uniqueKeysWithValues: priority.enumerated().map { ($1, $0) })
        // NIKs are 16 digits: as integers they hash and sort fast, in the same order as the text.
        var first: [UInt64: Int] = [:]
        first.reserveCapacity(entries.count)
        var more: [UInt64: [Int]] = [:]
        for index in entries.indices {
            let key = UInt64(entries[index].nik) ?? 0
            if let earlier = first[key] {
                more[key, default: [earlier]].append(index)
            } else {
                first[key] = index
            }
        }
        let keys = first.keys.sorted()
        // The two halves of the NIKs are merged on both cores, each worker written in its place.
        let (workers, parts) = SplitWork.fill(keys.count, threshold: splitThreshold) { range, output in
            mergeRange(keys, range, into: output, entries: entries, first: first, more: more, rank: rank)
        }
        var conflicts: [(index: Int, entry: RosterEntry, finding: Finding)] = []
        var quarantined: [RosterEntry] = []
        for part in parts {
            conflicts += part.conflicts
            quarantined += part.quarantined
        }
        // Input order, whatever the NIKs.
        conflicts.sort { $0.index < $1.index }
        return Result(workers: workers, conflicts: conflicts.map { ($0.entry, $0.finding) }, quarantined: quarantined)
    }

    private struct Part {
        var conflicts: [(index: Int, entry: RosterEntry, finding: Finding)]
        var quarantined: [RosterEntry]
    }

    /// The workers of `keys[range]` (sorted NIKs), each initialized at its key's position in `output`.
    private func mergeRange(
        _ keys: [UInt64], _ range: Range<Int>, into output: UnsafeMutableBufferPointer<Worker>, entries: [RosterEntry],
        first: [UInt64: Int], more: [UInt64: [Int]], rank: [String: Int]
    ) -> Part {
        var sourceLists: [UInt64: [String]] = [:]
        var conflicts: [(index: Int, entry: RosterEntry, finding: Finding)] = []
        var quarantined: [RosterEntry] = []
        for position in range {
            let key = keys[position]
            guard let indices = more[key] else {
                // The usual case: one row, one worker.
                let entry = entries[first[key]!]
                let mask: UInt64 = 1 << UInt64(min(rank[entry.source] ?? 63, 63))
                let sources =
                    sourceLists[mask]
                    ?? {
                        let list = [entry.source]
                        sourceLists[mask] = list
                        return list
                    }()
                (output.baseAddress! + position).initialize(
                    to: Self.survivor(rows: CollectionOfOne(entry), sources: sources, conflict: false))
                continue
            }
            // Priority, then input order (indices are already in input order within a source).
            let ordered =
                indices.count == 1
                ? indices
                : indices.sorted {
                    (rank[entries[$0].source] ?? .max, $0) < (rank[entries[$1].source] ?? .max, $1)
                }
            var rows = ordered.map { entries[$0] }
            var conflict = false
            var setAside: Set<Int> = []
            for position in rows.indices.dropFirst() {
                let later = rows[position].person
                if rows[..<position].contains(where: { later.conflicts(with: $0.person) }) {
                    conflict = true
                    conflicts.append(
                        (
                            ordered[position], rows[position],
                            Finding(code: .identityConflict, severity: severity, field: .nik, value: later.nik)
                        ))
                    if severity == .error { setAside.insert(position) }
                }
            }
            if !setAside.isEmpty {
                quarantined += setAside.sorted().map { rows[$0] }
                rows = rows.indices.filter { !setAside.contains($0) }.map { rows[$0] }
            }
            // One shared array per distinct combination of sources.
            var mask: UInt64 = 0
            for row in rows { mask |= 1 << UInt64(min(rank[row.source] ?? 63, 63)) }
            let sources =
                sourceLists[mask]
                ?? {
                    let listing = Set(rows.map(\.source))
                    let list = priority.filter { listing.contains($0) }
                    sourceLists[mask] = list
                    return list
                }()
            (output.baseAddress! + position).initialize(to: Self.survivor(rows: rows, sources: sources, conflict: conflict))
        }
        return Part(conflicts: conflicts, quarantined: quarantined)
    }

    private static func survivor(rows: some Collection<RosterEntry>, sources: [String], conflict: Bool) -> Worker {
        let first = rows.first!
        if rows.count == 1 {
            // Nothing to fill from: only what was sent as empty is cleared, as `fill` below does (a
            // phone sent as `-` keeps its text in the row, not in the worker).
            var person = first.person
            if person.emptyFields != 0 {
                if person.isEmpty(.birthPlace) { person.birthPlace = nil }
                if person.isEmpty(.birthDate) { person.birthDate = nil }
                if person.isEmpty(.sex) { person.sex = nil }
                if person.isEmpty(.address) { person.address = nil }
                if person.isEmpty(.kelurahan) { person.kelurahan = nil }
                if person.isEmpty(.kecamatan) { person.kecamatan = nil }
                if person.isEmpty(.phone) { person.phone = nil }
                if person.isEmpty(.occupation) { person.occupation = nil }
            }
            return Worker(
                person: person, owner: first.source, sources: sources, identityConflict: conflict, file: first.file, row: first.row)
        }
        func fill<Value>(_ field: RosterField, _ value: (ValidatedPerson) -> Value?) -> Value? {
            for row in rows where !row.person.isEmpty(field) {
                return value(row.person)
            }
            return nil
        }
        var person = first.person
        person.birthPlace = fill(.birthPlace) { $0.birthPlace }
        person.birthDate = fill(.birthDate) { $0.birthDate }
        person.sex = fill(.sex) { $0.sex }
        person.address = fill(.address) { $0.address }
        person.kelurahan = fill(.kelurahan) { $0.kelurahan }
        person.kecamatan = fill(.kecamatan) { $0.kecamatan }
        person.phone = fill(.phone) { $0.phone }
        person.occupation = fill(.occupation) { $0.occupation }
        // Empty now only where every row was.
        person.emptyFields = rows.reduce(UInt16.max) { $0 & $1.person.emptyFields }
        return Worker(person: person, owner: first.source, sources: sources, identityConflict: conflict, file: first.file, row: first.row)
    }
}
