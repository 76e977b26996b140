/// One run of the pipeline, as the store remembers it, with the fingerprints of its inputs.
public struct RunRecord: Sendable, Hashable {
    public struct Input: Sendable, Hashable {
        /// Relative to the inbox.
        public var name: String
        public var sha256: String
        public var size: Int64
        public var rows: Int
        /// `read`, `unreadable: …`, `carried`, ...
        public var outcome: String

        public init(name: String, sha256: String, size: Int64, rows: Int, outcome: String) {
            self.name = name
            self.sha256 = sha256
            self.size = size
            self.rows = rows
            self.outcome = outcome
        }
    }

    public var id: String
    public var startedAt: String
    public var finishedAt: String
    public var throughMonth: String
    public var exitCode: Int
    public var toolVersion: String
    public var pipeline: String
    public var inputs: [Input]

    public init(
        id: String, startedAt: String, finishedAt: String, throughMonth: String, exitCode: Int, toolVersion: String,
        pipeline: String, inputs: [Input]
    ) {
        self.id = id
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.throughMonth = throughMonth
        self.exitCode = exitCode
        self.toolVersion = toolVersion
        self.pipeline = pipeline
        self.inputs = inputs
    }
}
