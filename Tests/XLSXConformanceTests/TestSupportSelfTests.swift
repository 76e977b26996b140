import Testing
import XLSXTestSupport

/// Checks of the fixture machinery itself, independent of the reader under test.
@Suite("Test support")
struct TestSupportSelfTests {
    @Test func deflateRoundTrips() throws {
        let text = Array(String(repeating: "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>", count: 500).utf8)
        let compressed = Zlib.deflateRaw(text)
        #expect(compressed.count < text.count / 10)
        #expect(Zlib.inflateRaw(compressed, limit: text.count) == text)
    }

    @Test func repeatedCRCEqualsDirectCRC() {
        let piece = Array("sigap ".utf8)
        for count in [0, 1, 2, 3, 7, 64, 1000] {
            let direct = Zlib.crc32(Array([[UInt8]](repeating: piece, count: count).joined()))
            #expect(
                Zlib.crc32(repeating: Zlib.crc32(piece), pieceLength: UInt64(piece.count), count: UInt64(count))
                    == direct, "count \(count)")
        }
    }

    @Test func bombContentInflatesToWhatItDeclares() throws {
        // Two whole pieces and a remainder, small enough to inflate here.
        let fill: UInt64 = 2 * 8 * 1_048_576 + 12_345
        guard case .deflated(let compressed, let crc, let size) = ZipBomb.content(head: "<a>", fill: fill, tail: "</a>")
        else {
            Issue.record("expected deflated content")
            return
        }
        let inflated = try #require(Zlib.inflateRaw(compressed, limit: Int(size)))
        #expect(UInt64(inflated.count) == size)
        #expect(size == 3 + fill + 4)
        #expect(Array(inflated.prefix(3)) == Array("<a>".utf8))
        #expect(Array(inflated.suffix(4)) == Array("</a>".utf8))
        #expect(inflated[3..<(inflated.count - 4)].allSatisfy { $0 == 0x20 })
        #expect(Zlib.crc32(inflated) == crc)
    }

    @Test func fixturesAreDeterministic() {
        for fixture in ConformanceFixtures.all {
            #expect(fixture.bytes() == fixture.bytes(), "\(fixture.path)")
        }
    }

    @Test func corruptionsChangeOnlyWhatTheySay() {
        var writer = ZipWriter()
        writer.add("a.xml", text: "<a/>")
        writer.add("b.xml", text: "<b/>")
        let clean = writer.archive()
        writer.options.corruptions = [.wrongCRC(entry: "b.xml")]
        let wrong = writer.archive()
        #expect(clean.count == wrong.count)
        // The CRC sits in b's local header and central directory record: eight bytes differ.
        #expect(zip(clean, wrong).filter { $0 != $1 }.count <= 8)
        writer.options.corruptions = [.truncate(bytes: 40)]
        #expect(writer.archive() == Array(clean.prefix(40)))
    }

    @Test func compoundFileHasSignatureAndUTF16Names() {
        let file = CompoundFile.make(streams: [("Workbook", [1, 2, 3])])
        #expect(Array(file.prefix(8)) == CompoundFile.signature)
        let name = Array("Workbook".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        // Directory sector 1 starts at 1024; the stream is its second entry (after Root Entry).
        #expect(Array(file[(1024 + 128)..<(1024 + 128 + name.count)]) == name)
        #expect(file.count == 512 + 512 + 512 + 4096)
    }

    @Test func columnNames() {
        #expect(ConformanceFixtures.columnName(1) == "A")
        #expect(ConformanceFixtures.columnName(26) == "Z")
        #expect(ConformanceFixtures.columnName(27) == "AA")
        #expect(ConformanceFixtures.columnName(16_384) == "XFD")
    }
}
