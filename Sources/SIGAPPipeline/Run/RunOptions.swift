import SIGAPDomain

/// How a run was asked for: the definition, the command line's overrides and the clock.
public struct RunOptions: Sendable {
    public var definition: PipelineDefinition
    public var definitionPath: String
    public var inbox: String
    public var out: String
    public var store: String
    public var through: YearMonth
    /// Compute and report, publish nothing.
    public var dryRun = false
    /// Compute every month, whatever the store says of it (`--full`): the oracle of the
    /// incremental runs.
    public var full = false
    /// Unix time of the run's start (tests pass a fixed one).
    public var now: Int
    public var toolVersion: String
    /// Tests only: alters each computed summary before the invariant checks, to prove that a broken
    /// invariant publishes nothing (exit 70).
    package var summaryFault: (@Sendable (MonthSummary) -> MonthSummary)?

    public init(
        definition: PipelineDefinition, definitionPath: String, inbox: String? = nil, out: String? = nil, store: String? = nil,
        through: YearMonth, dryRun: Bool = false, now: Int, toolVersion: String
    ) {
        self.definition = definition
        self.definitionPath = definitionPath
        self.inbox = inbox ?? definition.inbox
        self.out = out ?? definition.out
        self.store = store ?? definition.store
        self.through = through
        self.dryRun = dryRun
        self.now = now
        self.toolVersion = toolVersion
    }

    /// The months processed: start month through the through month.
    public var months: [YearMonth] {
        var months: [YearMonth] = []
        var month = definition.startMonth
        while month <= through {
            months.append(month)
            month = month.next
        }
        return months
    }
}
