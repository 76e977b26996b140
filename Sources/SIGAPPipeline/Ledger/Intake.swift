import SIGAPDomain

/// What arrived for a month (SPEC §3, §8.5 `intake`): per source, whether its folder was read,
/// its roster carried forward, kept because a file could not be read, or never sent; for BPJS, the
/// readable files that arrived in the month's folder and their data rows.
public struct Intake: Sendable, Hashable {
    public enum State: String, Sendable, Hashable {
        /// The month's folder had readable roster files, all read.
        case received
        /// No folder, or no roster file in it: the roster of `fromMonth` was used.
        case carriedForward = "carried_forward"
        /// A file of the folder could not be read: the roster of `fromMonth` was kept.
        case unreadable
        /// Nothing ever sent.
        case none
    }

    public struct Source: Sendable, Hashable {
        public var state: State
        /// Readable roster files of the month's folder and their rows read (0 unless `received`).
        public var files = 0
        public var rows = 0
        /// The month whose roster was used ("" when `none`).
        public var fromMonth = ""

        public init(state: State, files: Int = 0, rows: Int = 0, fromMonth: String = "") {
            self.state = state
            self.files = files
            self.rows = rows
            self.fromMonth = fromMonth
        }
    }

    public var sources: [String: Source] = [:]
    /// BPJS: readable acknowledgement files that arrived in the month's folder, and their data rows
    /// (quarantined ones included).
    public var acknowledgementFiles = 0
    public var acknowledgementRows = 0

    public init(sources: [String: Source] = [:], acknowledgementFiles: Int = 0, acknowledgementRows: Int = 0) {
        self.sources = sources
        self.acknowledgementFiles = acknowledgementFiles
        self.acknowledgementRows = acknowledgementRows
    }
}
