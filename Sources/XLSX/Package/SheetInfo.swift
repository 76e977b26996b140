/// A sheet as the workbook lists it.
public struct SheetInfo: Sendable, Hashable {
    public enum State: String, Sendable {
        case visible, hidden, veryHidden
    }

    public enum Kind: String, Sendable {
        case worksheet, chartsheet, dialogsheet, macrosheet
    }

    /// 1-based position in workbook order.
    public var index: Int
    public var name: String
    public var state: State
    public var kind: Kind
    /// The sheet's part, resolved through the workbook's relationships; nil when missing.
    public var part: String?

    public init(index: Int, name: String, state: State, kind: Kind, part: String?) {
        self.index = index
        self.name = name
        self.state = state
        self.kind = kind
        self.part = part
    }
}
