import Crypto
import Foundation
import SIGAPDomain

/// What a month's results are a function of, as fingerprints (SPEC §15; `docs/incremental.md`).
/// Equal fingerprint, equal results: a run reuses the stored month instead of recomputing it.
///
/// A month's **own** fingerprint hashes, in a fixed order:
/// - `program`: the pipeline definition's bytes, the tool version, the reference-data version and
///   the fingerprint scheme's version;
/// - `inputs`: every file (name and SHA-256) of every inbox month folder up to the month, and every
///   folder the run does not read (undeclared sources): its own files, its rosters — carried ones
///   too, whatever month they came from — and the acknowledgement files that arrived by then;
/// - `late_acknowledgements`: every acknowledgement file that arrived after the month (up to the
///   through month) and holds a row for a period up to it (late answers for the month, and the
///   acceptances `submission.csv` checks).
///
/// The KPJ history before a month is a function of the same inputs, so it needs no part of its
/// own. The first open month's **full** fingerprint adds each closed month it must adjust (its own
/// fingerprint now, and the one at which its book was last settled); any other month's full
/// fingerprint is its own.
struct MonthFingerprints {
    /// Bumped whenever what a month is computed from changes meaning.
    static let scheme = "sigap-month-fingerprint-1"

    struct Own: Sendable, Hashable {
        var fingerprint: String
        var components: [String: String]
    }

    /// The program part, shared by every month.
    let program: String
    /// Per inbox month (in order), the lines `name\tsha256` of its files and stray folders.
    let folders: [(month: YearMonth, lines: [String])]
    /// Acknowledgement files with where they arrived, their line and the periods they hold.
    let acknowledgements: [(arrived: YearMonth, line: String, periods: Set<YearMonth>)]
    /// Lines of folders outside any month (a stray `notes/` folder): part of every month.
    let undated: [String]

    init(
        definitionSHA256: String, toolVersion: String, referenceVersion: String, folders: [(month: YearMonth, lines: [String])],
        acknowledgements: [(arrived: YearMonth, line: String, periods: Set<YearMonth>)], undated: [String]
    ) {
        program = Self.hash([Self.scheme, definitionSHA256, toolVersion, referenceVersion])
        self.folders = folders
        self.acknowledgements = acknowledgements
        self.undated = undated
    }

    func own(_ month: YearMonth) -> Own {
        var inputs = undated
        for folder in folders where folder.month <= month { inputs += ["#\(folder.month)"] + folder.lines }
        var late: [String] = []
        for file in acknowledgements where file.arrived > month && file.periods.contains(where: { $0 <= month }) {
            late.append(file.line)
        }
        let components = ["program": program, "inputs": Self.hash(inputs), "late_acknowledgements": Self.hash(late)]
        return Own(
            fingerprint: Self.hash([components["program"]!, components["inputs"]!, components["late_acknowledgements"]!]),
            components: components)
    }

    /// The full fingerprint: `own`, and for the first open month each closed month it adjusts
    /// (month, its own fingerprint now, the fingerprint its book was settled at).
    static func full(own: String, adjusting closed: [(month: YearMonth, own: String, settled: String?)]) -> String {
        guard !closed.isEmpty else { return own }
        return hash([own] + closed.map { "\($0.month)\t\($0.own)\t\($0.settled ?? "-")" })
    }

    /// SHA-256 of the lines, each ended by a newline, as lowercase hex.
    static func hash(_ lines: [String]) -> String {
        var hasher = SHA256()
        for line in lines {
            hasher.update(data: Array(line.utf8))
            hasher.update(data: [0x0A])
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
