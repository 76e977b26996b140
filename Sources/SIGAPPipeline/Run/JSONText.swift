import XLSX

/// JSON strings for the run's own outputs (the reader's escaping rules).
enum JSONText {
    static func string(_ text: String) -> String { JSON.string(text) }
}
