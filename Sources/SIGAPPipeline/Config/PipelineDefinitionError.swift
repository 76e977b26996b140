/// An invalid pipeline definition (exit 78): the file, the key, and the line and column when known.
public struct PipelineDefinitionError: Error, Sendable, CustomStringConvertible {
    public var file: String
    /// The key path (`sources[2].code`), when the problem is about a key.
    public var key: String?
    public var line: Int?
    public var column: Int?
    public var problem: String

    public init(file: String, key: String? = nil, line: Int? = nil, column: Int? = nil, problem: String) {
        self.file = file
        self.key = key
        self.line = line
        self.column = column
        self.problem = problem
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        if let key { return "\(place): key '\(key)': \(problem)" }
        return "\(place): \(problem)"
    }
}
