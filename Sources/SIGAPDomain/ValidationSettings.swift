/// What row validation needs from the pipeline definition (SPEC §9).
public struct ValidationSettings: Hashable, Sendable {
    /// The programme's region: NIKs first issued elsewhere get NIK_OUTSIDE_REGION.
    public var region: String
    /// Youngest age in completed years on the first day of the month (`age.min`).
    public var ageMin: Int
    /// Oldest age in completed years on the first day of the month (`age.max`): 66 is out with 65.
    public var ageMax: Int
    /// Severities in force.
    public var severityPolicy: SeverityPolicy

    public init(
        region: String = Wilayah3275.regionCode, ageMin: Int = 15, ageMax: Int = 65,
        severityPolicy: SeverityPolicy = .standard
    ) {
        self.region = region
        self.ageMin = ageMin
        self.ageMax = ageMax
        self.severityPolicy = severityPolicy
    }

    public static let standard = ValidationSettings()
}
