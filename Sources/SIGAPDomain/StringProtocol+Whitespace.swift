extension StringProtocol {
    /// Without leading and trailing whitespace of any kind (no-break spaces and line breaks included).
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespaceFast }),
            let last = lastIndex(where: { !$0.isWhitespaceFast })
        else { return "" }
        return String(self[first...last])
    }

    /// Whitespace runs of any kind collapsed to one space, and trimmed.
    func collapsingWhitespace() -> String {
        split(whereSeparator: \.isWhitespaceFast).joined(separator: " ")
    }

    /// True when the text holds a letter or a digit (`-` and blanks are placeholders for nothing).
    var hasContent: Bool {
        contains { $0.isLetterFast || $0.isNumberFast }
    }
}
