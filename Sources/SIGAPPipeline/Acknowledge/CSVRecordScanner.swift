/// Splits CSV bytes, fed in chunks of any size, into records of fields (RFC 4180): a separator
/// byte (`,` or `;`), quoted fields with doubled quotes and embedded line breaks, CRLF, LF or CR
/// line ends. Works on bytes, never on `Character`s; only the record being read is held.
///
/// Lenient where files are broken: a quote inside an unquoted field is a character, text after a
/// closing quote is kept, a quote after leading blanks opens a quoted field, and the end of the
/// file closes an unterminated quoted field.
struct CSVRecordScanner {
    /// One record: its fields' bytes back to back, unescaped.
    struct Record {
        /// 1-based, counting every record (title lines and blank lines included): the row a
        /// spreadsheet shows when it opens the file.
        let number: Int
        let bytes: [UInt8]
        /// Where each field ends in `bytes`.
        let ends: [Int]

        var fieldCount: Int { ends.count }

        /// The bytes of field `index` (0-based) in `buffer` (the record's `bytes`).
        func field(_ index: Int, in buffer: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
            let start = index == 0 ? 0 : ends[index - 1]
            return UnsafeBufferPointer(rebasing: buffer[start..<ends[index]])
        }

        /// Every field as a string (for header rows).
        var strings: [String] {
            bytes.withUnsafeBufferPointer { buffer in
                (0..<fieldCount).map { String(decoding: field($0, in: buffer), as: UTF8.self) }
            }
        }
    }

    private enum State {
        case fieldStart
        case unquoted
        case quoted
        /// A quote inside a quoted field: doubled, or the end of the field.
        case quoteInQuoted
        /// After a CR that ended a record: a following LF belongs to it.
        case afterCR
    }

    let separator: UInt8
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var fieldStart = 0
    private var state = State.fieldStart
    private(set) var recordCount = 0

    private static let quote: UInt8 = 0x22
    private static let lineFeed: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D

    /// Bytes of the record being read so far (a record that never ends grows without bound: the
    /// reader caps it).
    var pendingByteCount: Int { bytes.count }

    /// The number the record being read will have.
    var pendingRecordNumber: Int { recordCount + 1 }

    init(separator: UInt8) {
        self.separator = separator
        bytes.reserveCapacity(4096)
        ends.reserveCapacity(64)
    }

    /// Scans `chunk`, calling `body` with each record completed in it. Returns false as soon as
    /// `body` does (the scan stops there).
    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (Record) throws -> Bool) rethrows -> Bool {
        let count = chunk.count
        let separator = separator
        var index = 0
        while index < count {
            switch state {
            case .afterCR:
                if chunk[index] == Self.lineFeed { index += 1 }
                state = .fieldStart
            case .fieldStart:
                if chunk[index] == Self.quote {
                    state = .quoted
                    index += 1
                } else {
                    state = .unquoted
                }
            case .unquoted:
                var end = index
                while end < count {
                    let byte = chunk[end]
                    if byte == separator || byte == Self.lineFeed || byte == Self.carriageReturn || byte == Self.quote {
                        break
                    }
                    end += 1
                }
                if end > index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[index..<end])) }
                guard end < count else {
                    index = count
                    break
                }
                index = end + 1
                switch chunk[end] {
                case separator:
                    endField()
                    state = .fieldStart
                case Self.lineFeed, Self.carriageReturn:
                    state = chunk[end] == Self.lineFeed ? .fieldStart : .afterCR
                    endField()
                    guard try endRecord(body) else { return false }
                default:  // a quote
                    if bytes[fieldStart...].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                        bytes.removeSubrange(fieldStart...)
                        state = .quoted
                    } else {
                        bytes.append(Self.quote)
                    }
                }
            case .quoted:
                var end = index
                while end < count, chunk[end] != Self.quote { end += 1 }
                if end > index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[index..<end])) }
                if end < count { state = .quoteInQuoted }
                index = min(end + 1, count)
            case .quoteInQuoted:
                let byte = chunk[index]
                if byte == Self.quote {
                    bytes.append(Self.quote)
                    state = .quoted
                    index += 1
                } else if byte == separator {
                    endField()
                    state = .fieldStart
                    index += 1
                } else if byte == Self.lineFeed || byte == Self.carriageReturn {
                    state = byte == Self.lineFeed ? .fieldStart : .afterCR
                    index += 1
                    endField()
                    guard try endRecord(body) else { return false }
                } else {
                    state = .unquoted
                }
            }
        }
        return true
    }

    /// Ends the last record at the end of the input (unless the input ended with a line break).
    mutating func finish(_ body: (Record) throws -> Bool) rethrows -> Bool {
        switch state {
        case .afterCR:
            return true
        case .fieldStart where ends.isEmpty:
            return true
        default:
            endField()
            state = .fieldStart
            return try endRecord(body)
        }
    }

    private mutating func endField() {
        ends.append(bytes.count)
        fieldStart = bytes.count
    }

    private mutating func endRecord(_ body: (Record) throws -> Bool) rethrows -> Bool {
        recordCount += 1
        let proceed = try body(Record(number: recordCount, bytes: bytes, ends: ends))
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        fieldStart = 0
        return proceed
    }
}
