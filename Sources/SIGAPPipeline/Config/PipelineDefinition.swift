import SIGAPDomain

/// A pipeline definition (`pipelines/*.yaml`, SPEC §9), typed.
public struct PipelineDefinition: Sendable {
    /// One agency that sends rosters, in priority order.
    public struct Source: Sendable, Hashable {
        public var code: String
        public var name: String
        /// Extra header labels per field.
        public var synonyms: [RosterField: [String]]
        /// Read only this sheet.
        public var sheet: String?
        /// The header is on this row.
        public var headerRow: Int?
    }

    /// Premium rates in force from a month on (integer rupiah).
    public struct PremiumRate: Sendable, Hashable {
        public var from: YearMonth
        public var jkk: Int
        public var jkm: Int
        public var total: Int { jkk + jkm }
    }

    public var programme: String
    public var region: String
    public var startMonth: YearMonth
    public var premiums: [PremiumRate]
    public var ageMin: Int
    public var ageMax: Int
    public var sources: [Source]
    public var severityOverrides: [FindingCode: Severity]
    public var inbox: String
    public var out: String
    public var store: String
    public var maxInflatedPerEntry: Int64?
    public var maxInflatedPerFile: Int64?

    /// The rate in force for a month (the latest `from` not after it).
    public func premium(for month: YearMonth) -> PremiumRate? {
        premiums.filter { $0.from <= month }.max { $0.from < $1.from }
    }

    public func source(_ code: String) -> Source? {
        sources.first { $0.code == code }
    }

    public var sourceCodes: [String] { sources.map(\.code) }
}
