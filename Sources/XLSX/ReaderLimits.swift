/// Caps that keep hostile files from exhausting memory or time. Absolute caps, so that highly
/// compressible but legitimate parts (styles at 1:100) still pass.
public struct ReaderLimits: Sendable, Equatable {
    /// Most bytes one zip entry may inflate to.
    public var maxInflatedPerEntry: Int64
    /// Most bytes all entries read from one file may inflate to, together.
    public var maxInflatedPerFile: Int64
    /// Deepest XML element nesting.
    public var maxDepth: Int
    /// Longest cell or shared string, in characters (Excel's own limit).
    public var maxTextCharacters: Int

    public static let `default` = ReaderLimits(
        maxInflatedPerEntry: 2 << 30,
        maxInflatedPerFile: 4 << 30,
        maxDepth: 256,
        maxTextCharacters: 32_767
    )

    public init(maxInflatedPerEntry: Int64, maxInflatedPerFile: Int64, maxDepth: Int, maxTextCharacters: Int) {
        self.maxInflatedPerEntry = maxInflatedPerEntry
        self.maxInflatedPerFile = maxInflatedPerFile
        self.maxDepth = maxDepth
        self.maxTextCharacters = maxTextCharacters
    }

    /// The defaults with the per-file cap set to `bytes` (and the per-entry cap no higher).
    public static func capped(at bytes: Int64) -> ReaderLimits {
        var limits = ReaderLimits.default
        limits.maxInflatedPerFile = bytes
        limits.maxInflatedPerEntry = min(limits.maxInflatedPerEntry, bytes)
        return limits
    }
}
