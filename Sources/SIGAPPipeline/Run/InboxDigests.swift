import SIGAPDomain

/// The SHA-256 and size of every inbox file up to the through month, each file hashed once a run:
/// what the months' fingerprints and the manifest are made of.
struct InboxDigests {
    struct Digest: Sendable, Hashable {
        var sha256: String
        var size: Int64
    }

    /// By name relative to the inbox (`2025-12/DINSOS/a.xlsx`); a file that cannot be read has
    /// `unhashed` for its digest.
    private(set) var byName: [String: Digest] = [:]
    let inbox: Inbox
    let through: YearMonth

    /// The digest of a file that could not be read: it names no content (never kept, never taken
    /// for another file with the same digest).
    static let unhashed = "unreadable"

    init(inbox: Inbox, through: YearMonth) {
        self.inbox = inbox
        self.through = through
        let files = inbox.folders.filter { $0.key <= through }.values.flatMap { $0.values.flatMap { $0 } }
        let digests = SplitWork.map(files.count, threshold: 2) { range in
            files[range].map { file in
                // A file refused by the scan (SPEC §2) is never opened, not even to hash it.
                (
                    file.name,
                    file.refusal != nil ? nil : (try? Fingerprint.sha256(path: file.path)).map { Digest(sha256: $0.digest, size: $0.size) }
                )
            }
        }
        for part in digests {
            for (name, digest) in part { byName[name] = digest ?? Digest(sha256: Self.unhashed, size: 0) }
        }
    }

    func sha256(of name: String) -> String { byName[name]?.sha256 ?? Self.unhashed }

    /// The acknowledgement files up to the through month, with their digests.
    var acknowledgementFiles: [(month: YearMonth, file: Inbox.File, sha256: String)] {
        inbox.acknowledgementFiles(through: through).map { ($0.month, $0.file, sha256(of: $0.file.name)) }
    }

    /// The months' fingerprints, given the periods of the acknowledgement files by SHA-256.
    func fingerprints(definitionSHA256: String, toolVersion: String, periods: [String: Set<YearMonth>]) -> MonthFingerprints {
        var folders: [(month: YearMonth, lines: [String])] = []
        var undated: [String] = []
        var strays: [YearMonth: [String]] = [:]
        for stray in inbox.strays {
            if let month = YearMonth(String(stray.name.prefix(7))), stray.name.count > 7 {
                strays[month, default: []].append("stray\t\(stray.name)")
            } else {
                undated.append("stray\t\(stray.name)")
            }
        }
        let months = Set(inbox.folders.keys).union(strays.keys).filter { $0 <= through }.sorted()
        for month in months {
            var lines: [String] = strays[month] ?? []
            for folder in (inbox.folders[month] ?? [:]).keys.sorted() {
                for file in inbox.folders[month]![folder]! { lines.append("\(file.name)\t\(sha256(of: file.name))") }
            }
            folders.append((month, lines))
        }
        let acknowledgements = acknowledgementFiles.map { month, file, sha256 in
            (arrived: month, line: "\(file.name)\t\(sha256)", periods: periods[sha256] ?? [])
        }
        return MonthFingerprints(
            definitionSHA256: definitionSHA256, toolVersion: toolVersion, referenceVersion: Wilayah3275.version, folders: folders,
            acknowledgements: acknowledgements, undated: undated)
    }
}
