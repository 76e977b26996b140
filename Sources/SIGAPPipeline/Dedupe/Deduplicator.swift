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

    public init(priority: [String], severity: Severity = .warning) {
        self.priority = priority
        self.severity = severity
    }

    public struct Result: Sendable {
        /// Workers sorted by NIK.
        public var workers: [Worker]
        /// `IDENTITY_CONFLICT` findings, on the later rows.
        public var conflicts: [(entry: RosterEntry, finding: Finding)]
    }

    /// `entries` holds each source's rows in input order (duplicates included, flagged).
    public func merge(_ entries: [RosterEntry]) -> Result {
        let rank = Dictionary(uniqueKeysWithValues: priority.enumerated().map { ($1, $0) })
        var byNIK: [String: [Int]] = [:]
        for (index, entry) in entries.enumerated() {
            byNIK[entry.nik.digits, default: []].append(index)
        }
        var workers: [Worker] = []
        workers.reserveCapacity(byNIK.count)
        var conflicts: [(entry: RosterEntry, finding: Finding)] = []
        for (nik, indices) in byNIK {
            // Priority, then input order (indices are already in input order within a source).
            let ordered = indices.sorted { (rank[entries[$0].source] ?? .max, $0) < (rank[entries[$1].source] ?? .max, $1) }
            let rows = ordered.map { entries[$0] }
            var conflict = false
            for position in rows.indices.dropFirst() {
                let later = rows[position].validated
                if rows[..<position].contains(where: { later.conflicts(with: $0.validated) }) {
                    conflict = true
                    conflicts.append(
                        (rows[position], Finding(code: .identityConflict, severity: severity, field: .nik, value: later.nik?.digits)))
                }
            }
            workers.append(Self.survivor(nik: nik, rows: rows, priority: priority, conflict: conflict))
        }
        workers.sort { $0.nik < $1.nik }
        conflicts.sort { ($0.entry.file, $0.entry.row) < ($1.entry.file, $1.entry.row) }
        return Result(workers: workers, conflicts: conflicts)
    }

    private static func survivor(nik: String, rows: [RosterEntry], priority: [String], conflict: Bool) -> Worker {
        let first = rows[0]
        func fill<Value>(_ field: RosterField, _ value: (ValidatedRow) -> Value?) -> Value? {
            for row in rows where !row.validated.isEmpty(field) {
                return value(row.validated)
            }
            return nil
        }
        let listing = Set(rows.map(\.source))
        return Worker(
            nik: nik, owner: first.source, sources: priority.filter { listing.contains($0) },
            name: first.validated.displayName ?? "", comparisonName: first.validated.comparisonName,
            birthPlace: fill(.birthPlace) { $0.birthPlace },
            birthDate: fill(.birthDate) { $0.birthDate },
            sex: fill(.sex) { $0.sex },
            address: fill(.address) { $0.address },
            kelurahan: fill(.kelurahan) { $0.kelurahan },
            kecamatan: fill(.kecamatan) { $0.kecamatan },
            phone: fill(.phone) { $0.phoneE164 ?? $0.original.phone },
            occupation: fill(.occupation) { $0.occupation },
            identityConflict: conflict, file: first.file, row: first.row)
    }
}
