import Foundation
import SIGAPDomain

/// What a month's stored result was computed from (SPEC §15, `docs/incremental.md`): the
/// fingerprints a later run compares to decide whether the month may be reused as it is.
public struct ResultBasis: Sendable, Hashable, Codable {
    /// The month's own fingerprint: its inputs, the pipeline and the program (`MonthFingerprint`).
    public var own: String
    /// Everything the result depends on: `own`, plus, for the first open month, the closed
    /// months it adjusted.
    public var full: String
    /// The parts of `own` by name (`program`, `inputs`, `late_acknowledgements`), to say what changed.
    public var components: [String: String]
    /// The own fingerprints of the closed months whose recomputation its ADJUSTMENT lines come
    /// from (`YYYY-MM` → fingerprint).
    public var closed: [String: String]
    /// Per source, the month whose roster folder was used (`YYYY-MM`); absent: no roster yet.
    public var rosterMonths: [String: String]
    /// The problems of the month's own inputs (unreadable files): a run that reuses the month
    /// reports them again, as long as they are in the inbox.
    public var problems: [String]

    public init(
        own: String, full: String, components: [String: String], closed: [String: String], rosterMonths: [String: String],
        problems: [String]
    ) {
        self.own = own
        self.full = full
        self.components = components
        self.closed = closed
        self.rosterMonths = rosterMonths
        self.problems = problems
    }
}

extension ResultBasis {
    /// As the stores keep it: JSON with sorted keys.
    package func storedJSON() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// From the stores' JSON; nil when it cannot be read (a result then counts as computed
    /// before fingerprints).
    package init?(storedJSON text: String) {
        guard let basis = try? JSONDecoder().decode(ResultBasis.self, from: Data(text.utf8)) else { return nil }
        self = basis
    }
}
