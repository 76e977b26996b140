import CFuzzSupport

/// Structure-aware mutations, used half of the time (libFuzzer's own byte-level mutations the
/// other half). Byte flips almost never produce the values that break size and offset arithmetic
/// (a 64-bit field set to just below 2^63) or number handling (a date-formatted `1e300`): these
/// mutators set one field or one XML value to a boundary value instead.
public enum Mutators {
    /// Small, fast, seedable (libFuzzer passes the seed, so that runs are reproducible).
    struct Random {
        var state: UInt64
        init(seed: UInt32) { state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1 }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(next() % UInt64(bound)) }
        mutating func chance(_ numerator: Int, in denominator: Int) -> Bool { below(denominator) < numerator }
    }

    /// libFuzzer's `LLVMFuzzerCustomMutator` contract: mutate `data[0..<size]` in place within
    /// `maxSize` bytes and return the new size.
    typealias Mutator = (UnsafeMutablePointer<UInt8>, Int, Int, inout Random) -> Int?

    static func mutate(
        _ data: UnsafeMutablePointer<UInt8>, _ size: Int, _ maxSize: Int, _ seed: UInt32,
        _ structured: Mutator
    ) -> Int {
        var random = Random(seed: seed)
        if random.chance(1, in: 2), let newSize = structured(data, size, maxSize, &random) {
            // Sometimes stack a byte-level mutation on top.
            return random.chance(1, in: 4) ? LLVMFuzzerMutate(data, newSize, maxSize) : newSize
        }
        return LLVMFuzzerMutate(data, size, maxSize)
    }

    // MARK: - Zip records

    /// Sets one numeric field of one zip record (local header, central directory header and its
    /// ZIP64 extra field, end records, ZIP64 locator) to a boundary value.
    public static func mutateZip(_ data: UnsafeMutablePointer<UInt8>, size: Int, maxSize: Int, seed: UInt32) -> Int {
        mutate(data, size, maxSize, seed) { data, size, _, random in
            let bytes = UnsafeMutableBufferPointer(start: data, count: size)
            let fields = zipFields(UnsafeBufferPointer(bytes))
            guard !fields.isEmpty else { return nil }
            let field = fields[random.below(fields.count)]
            let current = read(bytes, field)
            write(bytes, field, boundaryValue(width: field.width, current: current, fileSize: size, &random))
            return size
        }
    }

    struct Field {
        var offset: Int
        var width: Int
    }

    /// Numeric fields of the zip records found by signature.
    static func zipFields(_ bytes: UnsafeBufferPointer<UInt8>) -> [Field] {
        var fields: [Field] = []
        func add(_ base: Int, _ layout: [(Int, Int)], recordLength: Int) {
            guard base + recordLength <= bytes.count else { return }
            for (offset, width) in layout { fields.append(Field(offset: base + offset, width: width)) }
        }
        var index = 0
        while index + 4 <= bytes.count {
            guard bytes[index] == 0x50, bytes[index + 1] == 0x4B else {
                index += 1
                continue
            }
            switch (bytes[index + 2], bytes[index + 3]) {
            case (3, 4):  // local file header
                add(index, [(6, 2), (8, 2), (14, 4), (18, 4), (22, 4), (26, 2), (28, 2)], recordLength: 30)
            case (1, 2):  // central directory header, then its ZIP64 extra field
                add(
                    index, [(8, 2), (10, 2), (16, 4), (20, 4), (24, 4), (28, 2), (30, 2), (32, 2), (42, 4)],
                    recordLength: 46)
                if index + 46 <= bytes.count {
                    let nameLength = Int(bytes[index + 28]) | Int(bytes[index + 29]) << 8
                    let extraLength = Int(bytes[index + 30]) | Int(bytes[index + 31]) << 8
                    var extra = index + 46 + nameLength
                    let end = min(bytes.count, extra + extraLength)
                    while extra + 4 <= end {
                        let id = Int(bytes[extra]) | Int(bytes[extra + 1]) << 8
                        let length = Int(bytes[extra + 2]) | Int(bytes[extra + 3]) << 8
                        fields.append(Field(offset: extra + 2, width: 2))
                        if id == 1 {
                            var value = extra + 4
                            while value + 8 <= min(end, extra + 4 + length) {
                                fields.append(Field(offset: value, width: 8))
                                value += 8
                            }
                        }
                        extra += 4 + length
                    }
                }
            case (5, 6):  // end of central directory
                add(index, [(8, 2), (10, 2), (12, 4), (16, 4), (20, 2)], recordLength: 22)
            case (6, 6):  // ZIP64 end of central directory
                add(index, [(24, 8), (32, 8), (40, 8), (48, 8)], recordLength: 56)
            case (6, 7):  // ZIP64 locator
                add(index, [(8, 8), (16, 4)], recordLength: 20)
            case (7, 8):  // data descriptor
                add(index, [(4, 4), (8, 4), (12, 4)], recordLength: 16)
            default:
                break
            }
            index += 4
        }
        return fields
    }

    static func read(_ bytes: UnsafeMutableBufferPointer<UInt8>, _ field: Field) -> UInt64 {
        var value: UInt64 = 0
        for byte in 0..<field.width { value |= UInt64(bytes[field.offset + byte]) << (8 * UInt64(byte)) }
        return value
    }

    static func write(_ bytes: UnsafeMutableBufferPointer<UInt8>, _ field: Field, _ value: UInt64) {
        for byte in 0..<field.width { bytes[field.offset + byte] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(byte))) }
    }

    static func boundaryValue(width: Int, current: UInt64, fileSize: Int, _ random: inout Random) -> UInt64 {
        let mask: UInt64 = width == 8 ? .max : (1 << UInt64(8 * width)) - 1
        let top = mask >> 1  // the largest value that is still positive when read as signed
        let small = UInt64(1 + random.below(64))
        let candidates: [UInt64] = [
            0, 1, mask, mask &- small, top, top &+ 1, top &- small, current &+ small, current &- small,
            current &* 2, UInt64(fileSize), UInt64(fileSize) &+ small, UInt64(fileSize) &- small,
            random.next(),
        ]
        return candidates[random.below(candidates.count)] & mask
    }

    // MARK: - XML values

    /// Replaces one cell value (`<v>`, `<t>`) or one telling attribute value with a boundary value:
    /// numbers around the date range and the limits of Double and Int, references at and past
    /// XFD1048576, style indices past the table, type letters, merge ranges, format codes.
    public static func mutateXML(_ data: UnsafeMutablePointer<UInt8>, size: Int, maxSize: Int, seed: UInt32) -> Int {
        mutate(data, size, maxSize, seed) { data, size, maxSize, random in
            let bytes = UnsafeBufferPointer(start: data, count: size)
            let spots = xmlSpots(bytes)
            guard !spots.isEmpty else { return nil }
            let spot = spots[random.below(spots.count)]
            let choices = spot.kind.values
            let replacement = Array(choices[random.below(choices.count)].utf8)
            let newSize = size - (spot.end - spot.start) + replacement.count
            guard newSize <= maxSize else { return nil }
            let tail = Array(bytes[spot.end..<size])
            replacement.withUnsafeBufferPointer { (data + spot.start).update(from: $0.baseAddress!, count: $0.count) }
            if !tail.isEmpty {
                tail.withUnsafeBufferPointer {
                    (data + spot.start + replacement.count).update(from: $0.baseAddress!, count: $0.count)
                }
            }
            return newSize
        }
    }

    enum SpotKind {
        case number, reference, style, type, range, formatID, formatCode, flag

        var values: [String] {
            switch self {
            case .number:
                return [
                    "0", "-0", "1", "-1", "0.5", "60", "61", "0.99999999999", "0.999999999999999", "2958465",
                    "2958465.9999999", "2958466", "1462", "1e15", "1E+15", "9.2233720368547758e18", "1e19",
                    "1e300", "-1e300", "1e308", "1.7976931348623157e308", "4.9e-324", "1e-320", "NaN", "inf",
                    "-inf", "0x1p3", "4294967295", "4294967296", "-4294967296", "2147483648", " 7 ", "", "+1",
                    "1e", ".", "-", "1..2", "#N/A", "true", "2025-11-01T08:30:00.5+07:00", "24:00:00",
                    "9999-12-31", "0000-01-01", "2024-02-30", "12:60", "_x000D_", "_xD83D__xDE00_", "_xD800_",
                ]
            case .reference:
                return [
                    "A1", "a1", "XFD1048576", "XFE1", "XFD1048577", "A1048577", "A0", "AAAA1", "ZZZZZZZZZZZZZZ1",
                    "A99999999999999999999", "1", "A", "", "$A$1", "A-1", "A1 ",
                ]
            case .style:
                return ["0", "1", "2", "3", "4", "5", "6", "7", "9", "4294967294", "4294967295", "4294967296", "-1", "", " 1 ", "1.0"]
            case .type:
                return ["s", "n", "b", "e", "d", "str", "inlineStr", "S", "", "x"]
            case .range:
                return ["A1:B2", "A1", "B2:A1", "A1:XFD1048576", "A0:B1", ":", "A1:", ":B2", "XFE1:A1", "A1:B2:C3"]
            case .formatID:
                return ["0", "14", "22", "47", "164", "-1", "99999999999999999999", "", "abc"]
            case .formatCode:
                return [
                    "yyyy-mm-dd", "[h]:mm:ss", "\"d\"0", "[Red]0;d", "0;yyyy", "mm:ss.0", "General", "@", "\\d0", "_d0", "*m0",
                    "[$-409]d", "", "\"", "[", "\\",
                ]
            case .flag:
                return ["1", "0", "true", "false", "TRUE", "", "2"]
            }
        }
    }

    struct Spot {
        var start: Int
        var end: Int
        var kind: SpotKind
    }

    /// Element text of `<v>` and `<t>`, and attribute values by attribute name.
    static func xmlSpots(_ bytes: UnsafeBufferPointer<UInt8>) -> [Spot] {
        let attributes: [([UInt8], SpotKind)] = [
            (Array(" r=\"".utf8), .reference), (Array(" s=\"".utf8), .style), (Array(" t=\"".utf8), .type),
            (Array(" ref=\"".utf8), .range), (Array(" numFmtId=\"".utf8), .formatID),
            (Array(" formatCode=\"".utf8), .formatCode), (Array(" date1904=\"".utf8), .flag),
            (Array(" fillId=\"".utf8), .style), (Array(" state=\"".utf8), .type),
        ]
        func matches(_ pattern: [UInt8], at index: Int) -> Bool {
            guard index + pattern.count <= bytes.count else { return false }
            for offset in 0..<pattern.count where bytes[index + offset] != pattern[offset] { return false }
            return true
        }
        func find(_ byte: UInt8, from index: Int) -> Int? {
            var cursor = index
            while cursor < bytes.count {
                if bytes[cursor] == byte { return cursor }
                cursor += 1
            }
            return nil
        }
        var spots: [Spot] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<"), index + 2 < bytes.count, bytes[index + 2] == UInt8(ascii: ">"),
                bytes[index + 1] == UInt8(ascii: "v") || bytes[index + 1] == UInt8(ascii: "t"),
                let close = find(UInt8(ascii: "<"), from: index + 3)
            {
                spots.append(Spot(start: index + 3, end: close, kind: .number))
                index = close
                continue
            }
            if byte == UInt8(ascii: " ") {
                for (pattern, kind) in attributes where matches(pattern, at: index) {
                    let start = index + pattern.count
                    if let close = find(UInt8(ascii: "\""), from: start) {
                        spots.append(Spot(start: start, end: close, kind: kind))
                        index = close
                    }
                    break
                }
            }
            index += 1
        }
        return spots
    }
}
