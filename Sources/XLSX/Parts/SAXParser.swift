import CXMLBridge

/// A libxml2 SAX2 push parser behind CXMLBridge's opaque interface. Fed chunk by chunk; after each
/// feed the caller reads the batch the bridge collected, then it is cleared.
final class SAXParser {
    let handle: OpaquePointer
    let part: String

    init(mode: cxb_mode, limits: ReaderLimits, part: String) throws(XLSXError) {
        let bridgeLimits = cxb_limits(
            max_depth: UInt32(clamping: limits.maxDepth), max_text_characters: UInt32(clamping: limits.maxTextCharacters))
        guard let handle = cxb_parser_create(mode, bridgeLimits, part) else {
            throw XLSXError(.io, "out of memory creating an XML parser", part: part)
        }
        self.handle = handle
        self.part = part
    }

    deinit { cxb_parser_destroy(handle) }

    func feed(_ chunk: UnsafeRawBufferPointer, last: Bool = false) throws(XLSXError) {
        let status = cxb_parser_feed(handle, chunk.baseAddress?.assumingMemoryBound(to: CChar.self), chunk.count, last ? 1 : 0)
        guard status == CXB_OK else {
            throw XLSXError(.invalidXML, String(cString: cxb_parser_error_message(handle)), part: part)
        }
    }

    func finish() throws(XLSXError) {
        try feed(UnsafeRawBufferPointer(start: nil, count: 0), last: true)
    }

    var text: UnsafeBufferPointer<UInt8> {
        var length = 0
        let base = cxb_parser_text(handle, &length)
        return UnsafeBufferPointer(start: base, count: length)
    }

    var cells: UnsafeBufferPointer<cxb_cell> {
        var count = 0
        return UnsafeBufferPointer(start: cxb_parser_cells(handle, &count), count: count)
    }

    var merges: UnsafeBufferPointer<cxb_merge> {
        var count = 0
        return UnsafeBufferPointer(start: cxb_parser_merges(handle, &count), count: count)
    }

    var strings: UnsafeBufferPointer<cxb_string> {
        var count = 0
        return UnsafeBufferPointer(start: cxb_parser_strings(handle, &count), count: count)
    }

    var events: UnsafeBufferPointer<cxb_event> {
        var count = 0
        return UnsafeBufferPointer(start: cxb_parser_events(handle, &count), count: count)
    }

    var attributes: UnsafeBufferPointer<cxb_attribute> {
        var count = 0
        return UnsafeBufferPointer(start: cxb_parser_attributes(handle, &count), count: count)
    }

    func clearBatch() { cxb_parser_clear_batch(handle) }

    var sawSheetData: Bool { cxb_parser_saw_sheet_data(handle) != 0 }
}
