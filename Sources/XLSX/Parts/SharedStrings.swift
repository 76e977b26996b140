import CXMLBridge

/// The shared strings table, stored compactly: one UTF-8 buffer and one end offset per string
/// (escapes already decoded). Never sized from the part's `count`/`uniqueCount`; an empty `<si/>`
/// still takes its index. Immutable once read.
public final class SharedStrings: Sendable {
    private let bytes: [UInt8]
    private let ends: [UInt32]

    public var count: Int { ends.count }

    static let empty = SharedStrings(bytes: [], ends: [])

    private init(bytes: [UInt8], ends: [UInt32]) {
        self.bytes = bytes
        self.ends = ends
    }

    /// The UTF-8 bytes of string `index`, or nil when out of range.
    @inline(__always)
    func withBytes<Result>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        guard index >= 0, index < ends.count else { return nil }
        let start = index == 0 ? 0 : Int(ends[index - 1])
        let end = Int(ends[index])
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    public func string(at index: Int) -> String? {
        withBytes(at: index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Byte length of string `index`; nil when out of range.
    @inline(__always)
    func length(at index: Int) -> Int? {
        guard index >= 0, index < ends.count else { return nil }
        return Int(ends[index]) - (index == 0 ? 0 : Int(ends[index - 1]))
    }

    static func read(_ reader: EntryReader, part: String, limits: ReaderLimits) throws(XLSXError) -> SharedStrings {
        var builder = Builder()
        let parser = try SAXParser(mode: CXB_MODE_SHARED_STRINGS, limits: limits, part: part)
        try reader.read { (chunk) throws(XLSXError) -> Bool in
            try parser.feed(chunk)
            builder.take(parser)
            return true
        }
        try parser.finish()
        builder.take(parser)
        return SharedStrings(bytes: builder.bytes, ends: builder.ends)
    }

    private struct Builder {
        var bytes: [UInt8] = []
        var ends: [UInt32] = []

        mutating func take(_ parser: SAXParser) {
            let text = parser.text
            for item in parser.strings {
                let slice = UnsafeBufferPointer(rebasing: text[Int(item.text_offset)..<Int(item.text_offset + item.text_length)])
                if ExcelEscapes.mayContainEscape(slice) {
                    ExcelEscapes.decode(slice, into: &bytes)
                } else {
                    bytes.append(contentsOf: slice)
                }
                ends.append(UInt32(bytes.count))
            }
            parser.clearBatch()
        }
    }
}
