import XLSX

/// Reading the values of acknowledgement cells (SPEC §8.2). Each reader has a `String` form (and a
/// `CellValue` form where a workbook cell can be a number or a date) and works internally on UTF-8
/// bytes, so that a CSV field is never turned into a `String` just to be checked.
public enum AcknowledgementValues {
    // MARK: - Status

    /// DITERIMA, AKTIF, BERHASIL, SUKSES → accepted; DITOLAK, GAGAL, TIDAK AKTIF → rejected. Case,
    /// punctuation and repeated spaces are ignored (`Tidak-Aktif`); anything else is nil
    /// (ACK_STATUS_INVALID).
    public static func status(_ text: String) -> Acknowledgement.Status? {
        var text = text
        return text.withUTF8 { status(bytes: $0) }
    }

    /// The status words as upper-case ASCII.
    private static let statusWords: [(word: [UInt8], status: Acknowledgement.Status)] = {
        let words: [(String, Acknowledgement.Status)] = [
            ("DITERIMA", .accepted), ("AKTIF", .accepted), ("BERHASIL", .accepted), ("SUKSES", .accepted),
            ("DITOLAK", .rejected), ("GAGAL", .rejected), ("TIDAK AKTIF", .rejected),
        ]
        return words.map { (Array($0.0.utf8), $0.1) }
    }()

    static func status(bytes: UnsafeBufferPointer<UInt8>) -> Acknowledgement.Status? {
        let capacity = 16
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer -> Acknowledgement.Status? in
            // Words of ASCII letters and digits, upper-cased, one space between them.
            var count = 0
            var pendingSpace = false
            for byte in bytes {
                let upper = byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte
                let isWordByte = (upper >= 0x41 && upper <= 0x5A) || (upper >= 0x30 && upper <= 0x39)
                if !isWordByte {
                    pendingSpace = count > 0
                    continue
                }
                if pendingSpace {
                    guard count < capacity else { return nil }
                    buffer[count] = 0x20
                    count += 1
                    pendingSpace = false
                }
                guard count < capacity else { return nil }
                buffer[count] = upper
                count += 1
            }
            let word = UnsafeBufferPointer(rebasing: buffer[0..<count])
            for entry in statusWords where entry.word.count == count && entry.word.elementsEqual(word) {
                return entry.status
            }
            return nil
        }
    }

    // MARK: - KPJ

    /// The 11-digit KPJ number: spaces, a leading apostrophe and `.` `-` separators are removed;
    /// nil unless exactly 11 digits remain.
    public static func kpj(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { kpj(bytes: $0) }.map { digits($0, width: 11) }
    }

    /// The KPJ in a workbook cell: text as `kpj(_:)`, or a whole number of 11 digits.
    public static func kpj(_ value: CellValue) -> String? {
        switch value {
        case .string(let text): return kpj(text)
        case .number(let number): return kpj(number: number).map { digits($0, width: 11) }
        default: return nil
        }
    }

    static func kpj(number: Double) -> UInt64? {
        guard number.isFinite, number == number.rounded(.towardZero), number >= 1e10, number < 1e11 else { return nil }
        return UInt64(number)
    }

    static func kpj(bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        var value: UInt64 = 0
        var count = 0
        var seenContent = false
        for byte in trimmed(bytes) {
            if byte >= 0x30 && byte <= 0x39 {
                count += 1
                guard count <= 11 else { return nil }
                value = value * 10 + UInt64(byte - 0x30)
                seenContent = true
            } else if byte == 0x27 && !seenContent {
                seenContent = true  // one leading apostrophe (Excel's text marker)
            } else if byte == 0x20 || byte == 0x2E || byte == 0x2D {
                continue
            } else {
                return nil
            }
        }
        return count == 11 ? value : nil
    }

    // MARK: - Bytes

    /// `value` in decimal, zero-padded to `width` digits.
    static func digits(_ value: UInt64, width: Int) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            let start = writeDigits(value, width: width, endingAt: 20, in: buffer)
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<20]), as: UTF8.self)
        }
    }

    /// Writes `value` in decimal, zero-padded to `width` digits, into `buffer` just before `end`;
    /// returns where the digits start. Twenty bytes before `end` hold any value (and `width` up to
    /// 20).
    static func writeDigits(_ value: UInt64, width: Int, endingAt end: Int, in buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var rest = value
        var position = end
        repeat {
            position -= 1
            buffer[position] = UInt8(rest % 10) + 0x30
            rest /= 10
        } while rest > 0
        while end - position < width {
            position -= 1
            buffer[position] = 0x30
        }
        return position
    }

    /// The value of exactly 16 ASCII digits after trimming (the common NIK, read without the
    /// general cleaning), else nil.
    static func sixteenDigits(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        let text = trimmed(bytes)
        guard text.count == 16 else { return nil }
        var value: UInt64 = 0
        for byte in text {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + UInt64(byte - 0x30)
        }
        return value
    }

    /// Without leading and trailing whitespace: ASCII blanks and line breaks, and no-break spaces.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = bytes.count
        while start < end {
            if isBlank(bytes[start]) {
                start += 1
            } else if bytes[start] == 0xC2, start + 1 < end, bytes[start + 1] == 0xA0 {
                start += 2
            } else {
                break
            }
        }
        while end > start {
            if isBlank(bytes[end - 1]) {
                end -= 1
            } else if end - start >= 2, bytes[end - 2] == 0xC2, bytes[end - 1] == 0xA0 {
                end -= 2
            } else {
                break
            }
        }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= 0x30 && byte <= 0x39
    }

    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}
