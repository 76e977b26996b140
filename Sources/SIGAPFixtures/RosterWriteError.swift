/// libxlsxwriter could not write a fixture workbook.
public struct RosterWriteError: Error, Sendable, CustomStringConvertible {
    /// The workbook being written.
    public let path: String
    /// What failed, with libxlsxwriter's own explanation.
    public let reason: String

    public var description: String {
        "cannot write roster workbook '\(path)': \(reason)"
    }
}
