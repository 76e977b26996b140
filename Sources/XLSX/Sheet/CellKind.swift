/// The type of a non-empty cell, as `xlsx dump` and `xlsx stat` name them.
public enum CellKind: String, Sendable, CaseIterable {
    case string = "s"
    case number = "n"
    case bool = "b"
    case error = "e"
    case date = "d"
}

extension CellValue {
    public var kind: CellKind {
        switch self {
        case .string: .string
        case .number: .number
        case .bool: .bool
        case .error: .error
        case .date: .date
        }
    }
}
