import CZlib

/// Workbooks whose parts inflate to far more than they occupy, built without ever holding the
/// inflated bytes: a part is an XML start, gigabytes of spaces (still well-formed XML), and an end.
///
/// The deflate stream is made of independently compressed pieces, each ended with a full flush
/// (byte-aligned, no final block, no references into earlier pieces), so one compressed piece of
/// spaces can be repeated as often as needed; the CRC-32 is combined the same way.
public enum ZipBomb {
    /// Uncompressed bytes per repeated piece.
    static let pieceSize = 8 << 20

    /// `.deflated` zip content inflating to `head`, then `fill` spaces, then `tail`.
    public static func content(head: String, fill: UInt64, tail: String) -> ZipWriter.Content {
        let headBytes = Array(head.utf8)
        let tailBytes = Array(tail.utf8)
        let piece = [UInt8](repeating: 0x20, count: pieceSize)
        let pieceCount = fill / UInt64(pieceSize)
        let remainder = [UInt8](repeating: 0x20, count: Int(fill % UInt64(pieceSize)))

        let compressedPiece = Zlib.deflateRaw(piece, level: 9, flush: Z_FULL_FLUSH)
        var compressed = Zlib.deflateRaw(headBytes, level: 9, flush: Z_FULL_FLUSH)
        compressed.reserveCapacity(compressed.count + compressedPiece.count * Int(pieceCount) + 4096)
        for _ in 0..<pieceCount { compressed += compressedPiece }
        if !remainder.isEmpty { compressed += Zlib.deflateRaw(remainder, level: 9, flush: Z_FULL_FLUSH) }
        compressed += Zlib.deflateRaw(tailBytes, level: 9, flush: Z_FINISH)

        var crc = Zlib.crc32(headBytes)
        let fillCRC = Zlib.crc32Combine(
            Zlib.crc32(repeating: Zlib.crc32(piece), pieceLength: UInt64(pieceSize), count: pieceCount),
            Zlib.crc32(remainder), secondLength: UInt64(remainder.count))
        crc = Zlib.crc32Combine(crc, fillCRC, secondLength: fill)
        crc = Zlib.crc32Combine(crc, Zlib.crc32(tailBytes), secondLength: UInt64(tailBytes.count))
        let size = UInt64(headBytes.count) + fill + UInt64(tailBytes.count)
        return .deflated(compressed, crc32: crc, uncompressedSize: size)
    }

    public static let sheetPart = "xl/worksheets/sheet1.xml"
    public static let sharedStringsPart = "xl/sharedStrings.xml"

    /// A one-sheet workbook whose A1 is the shared string "bom" and whose sheet part holds
    /// `sheetFill` spaces (and shared strings part `sharedStringsFill` spaces) between its elements.
    /// With `declaredSheetSize`, the sheet's headers state that size instead of the true one.
    public static func workbook(sheetFill: UInt64, sharedStringsFill: UInt64 = 0, declaredSheetSize: UInt64? = nil)
        -> [UInt8]
    {
        let book = XLSXBuilder(rows: "", sharedStrings: "")
        let main = XLSXBuilder.mainNamespace
        let sheet = content(
            head: XLSXBuilder.declaration + "<worksheet xmlns=\"\(main)\"><sheetData>"
                + "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>",
            fill: sheetFill, tail: "</sheetData></worksheet>")
        let strings = content(
            head: XLSXBuilder.declaration + "<sst xmlns=\"\(main)\" count=\"1\" uniqueCount=\"1\"><si><t>bom</t></si>",
            fill: sharedStringsFill, tail: "</sst>")

        var writer = ZipWriter()
        if let declaredSheetSize {
            writer.options.corruptions = [.declaredUncompressedSize(entry: sheetPart, size: declaredSheetSize)]
        }
        for part in book.parts() {
            switch part.name {
            case sheetPart: writer.entries.append(ZipWriter.Entry(name: part.name, content: sheet))
            case sharedStringsPart: writer.entries.append(ZipWriter.Entry(name: part.name, content: strings))
            default: writer.add(part.name, text: part.xml)
            }
        }
        return writer.archive()
    }
}
