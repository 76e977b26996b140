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
        public var workers: WorkerList
        /// `IDENTITY_CONFLICT` findings, on the later rows.
        public var conflicts: [(entry: RosterEntry, finding: Finding)]
        /// Rows set aside because IDENTITY_CONFLICT is an error in this pipeline (SPEC §5: an
        /// error quarantines the row): they neither list their source nor fill fields.
        public var quarantined: [RosterEntry] = []
    }

    /// `entries` holds each source's rows in input order (duplicates included, flagged).
    public func merge(_ entries: [RosterEntry]) -> Result {
        merge(RosterEntryList(entries))
    }

    /// `entries` holds each source's rows in input order (duplicates included, flagged). The
    /// workers refer to `entries` rather than copy them.
    public func merge(_ entries: RosterEntryList) -> Result {
        precondition(entries.count < Int(UInt32.max), "too many roster rows for one month")
        // Each row's NIK, then its (priority, input position): sorted, each NIK's rows come
        // together in survivorship order. NIKs are 16 digits: as integers they sort in the same
        // order as the text.
        let rank = Dictionary(uniqueKeysWithValues: priority.enumerated().map { ($1, UInt64($0)) })
        let originRank = (0..<entries.originCount).map { rank[entries.source(ofOrigin: $0)] ?? UInt64(UInt32.max) }
        var keys: [Key] = []
        keys.reserveCapacity(entries.count)
        for position in entries.indices {
            keys.append(Key(nik: entries.nik(at: position), order: originRank[entries.origin(at: position)] << 32 | UInt64(position)))
        }
        keys.sort()
        // Where each NIK's rows start in `keys` (and, last, their end).
        var starts: [Int] = []
        starts.reserveCapacity(keys.count + 1)
        for index in keys.indices where index == 0 || keys[index - 1].nik != keys[index].nik { starts.append(index) }
        starts.append(keys.count)
        // The two halves of the NIKs are merged on both cores, each worker written in its place.
        var (slots, parts) = SplitWork.fill(starts.count - 1, threshold: splitThreshold) { range, output in
            mergeRange(range, of: starts, keys, into: output, entries: entries)
        }
        var conflicts: [(index: Int, entry: RosterEntry, finding: Finding)] = []
        var quarantined: [RosterEntry] = []
        var merged: [ValidatedPerson] = []
        var sourceLists: [[String]] = []
        for part in parts {
            // The part's merged values and lists of sources go after the earlier parts'.
            for position in part.range {
                if slots[position].merged != .max { slots[position].merged += UInt32(merged.count) }
                slots[position].sources += UInt32(sourceLists.count)
            }
            merged += part.merged
            sourceLists += part.sourceLists
            conflicts += part.conflicts
            quarantined += part.quarantined
        }
        // Input order, whatever the NIKs.
        conflicts.sort { $0.index < $1.index }
        return Result(
            workers: WorkerList(rows: entries, slots: slots, merged: merged, sourceLists: sourceLists),
            conflicts: conflicts.map { ($0.entry, $0.finding) },
            quarantined: quarantined)
    }

    private struct Key: Comparable {
        var nik: UInt64
        /// Source priority in the high half, input position in the low half.
        var order: UInt64

        var position: Int { Int(order & 0xFFFF_FFFF) }

        static func < (left: Key, right: Key) -> Bool {
            (left.nik, left.order) < (right.nik, right.order)
        }
    }

    private struct Part {
        var range: Range<Int>
        var merged: [ValidatedPerson] = []
        var sourceLists: [[String]] = []
        var conflicts: [(index: Int, entry: RosterEntry, finding: Finding)] = []
        var quarantined: [RosterEntry] = []
    }

    /// The workers of the NIKs `range` (positions in `starts`), each initialized at its position in
    /// `output`.
    private func mergeRange(
        _ range: Range<Int>, of starts: [Int], _ keys: [Key], into output: UnsafeMutableBufferPointer<WorkerList.Slot>,
        entries: RosterEntryList
    ) -> Part {
        var part = Part(range: range)
        // One list per source (lone rows) or per distinct combination of sources.
        var lone: [UInt32?] = Array(repeating: nil, count: entries.originCount)
        var combined: [Set<String>: UInt32] = [:]
        for position in range {
            let first = keys[starts[position]]
            guard starts[position + 1] - starts[position] > 1 else {
                // The usual case: one row, one worker, its own values.
                let origin = entries.origin(at: first.position)
                let sources =
                    lone[origin]
                    ?? {
                        part.sourceLists.append([entries.source(ofOrigin: origin)])
                        lone[origin] = UInt32(part.sourceLists.count - 1)
                        return UInt32(part.sourceLists.count - 1)
                    }()
                (output.baseAddress! + position).initialize(
                    to: .init(survivor: UInt32(first.position), merged: .max, sources: sources, identityConflict: false))
                continue
            }
            // Priority, then input order.
            let ordered = keys[starts[position]..<starts[position + 1]].map(\.position)
            var rows = ordered.map { entries[$0] }
            var kept = ordered
            var conflict = false
            var setAside: Set<Int> = []
            for index in rows.indices.dropFirst() {
                let later = rows[index].person
                if rows[..<index].contains(where: { later.conflicts(with: $0.person) }) {
                    conflict = true
                    part.conflicts.append(
                        (
                            ordered[index], rows[index],
                            Finding(code: .identityConflict, severity: severity, field: .nik, value: later.nik)
                        ))
                    if severity == .error { setAside.insert(index) }
                }
            }
            if !setAside.isEmpty {
                part.quarantined += setAside.sorted().map { rows[$0] }
                kept = rows.indices.filter { !setAside.contains($0) }.map { ordered[$0] }
                rows = rows.indices.filter { !setAside.contains($0) }.map { rows[$0] }
            }
            let listing = Set(rows.map(\.source))
            let sources =
                combined[listing]
                ?? {
                    part.sourceLists.append(priority.filter { listing.contains($0) })
                    combined[listing] = UInt32(part.sourceLists.count - 1)
                    return UInt32(part.sourceLists.count - 1)
                }()
            var slot = WorkerList.Slot(survivor: UInt32(kept[0]), merged: .max, sources: sources, identityConflict: conflict)
            if rows.count > 1 {
                slot.merged = UInt32(part.merged.count)
                part.merged.append(Self.filled(rows))
            }
            (output.baseAddress! + position).initialize(to: slot)
        }
        return part
    }

    /// The first row's values, its empty fields filled from the other rows in order.
    private static func filled(_ rows: [RosterEntry]) -> ValidatedPerson {
        func fill<Value>(_ field: RosterField, _ value: (ValidatedPerson) -> Value?) -> Value? {
            for row in rows where !row.person.isEmpty(field) {
                return value(row.person)
            }
            return nil
        }
        var person = rows[0].person
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
        return person
    }
}
