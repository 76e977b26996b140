import SIGAPDomain

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension AcknowledgementReader {
    /// Reads a CSV acknowledgement file in chunks of `chunkSize` bytes. The separator is the one
    /// (`,` or `;`) that makes a header line of one of the first 30 records; when both do, the one
    /// giving the earlier header (then more columns) wins.
    public func readCSV(path: String, file: String, month: YearMonth) throws -> AcknowledgementReport {
        let (separator, layout) = try detectHeader(path: path)
        var list = AcknowledgementList()
        var findings: [RosterFinding] = []
        var quarantined: [AcknowledgementRecord] = []
        var rowsRead = 0
        var rowsQuarantined = 0
        let origin = list.addOrigin(file: file, received: month, sheet: nil)
        let interpreter = AcknowledgementRowInterpreter(
            layout: layout, month: month, file: file, sheet: nil, origin: origin)

        try scan(path: path, separator: separator) { record in
            guard record.number > layout.headerRow else { return true }
            if record.number == layout.headerRow + 1 && Self.isNumbering(record) { return true }
            let outcome = record.bytes.withUnsafeBufferPointer { buffer in
                interpreter.interpret(row: record.number, into: &list, findings: &findings, quarantined: &quarantined) { column in
                    guard column <= record.fieldCount else { return nil }
                    let field = record.field(column - 1, in: buffer)
                    return field.isEmpty ? nil : .text(field)
                }
            }
            switch outcome {
            case .skipped:
                break
            case .kept:
                rowsRead += 1
            case .quarantined:
                rowsRead += 1
                rowsQuarantined += 1
            }
            return true
        }

        var report = AcknowledgementReport(
            file: file, month: month, format: .csv(separator: Character(Unicode.Scalar(separator))))
        report.headers = [AcknowledgementReport.Header(sheet: nil, layout: layout)]
        report.acknowledgements = list
        report.findings = findings
        report.quarantinedRows = quarantined
        report.rowsRead = rowsRead
        report.rowsQuarantined = rowsQuarantined
        return report
    }

    // MARK: - Header and separator

    private func detectHeader(path: String) throws -> (separator: UInt8, layout: AcknowledgementLayout) {
        var best: (separator: UInt8, layout: AcknowledgementLayout, fields: Int)?
        for separator in [UInt8(ascii: ","), UInt8(ascii: ";")] {
            var found: (layout: AcknowledgementLayout, fields: Int)?
            try scan(path: path, separator: separator) { record in
                guard record.number <= AcknowledgementLayout.searchRows else { return false }
                let labels = record.strings.enumerated().map { (column: $0.offset + 1, text: $0.element) }
                guard let layout = AcknowledgementLayout(headerRow: record.number, labels: labels) else { return true }
                found = (layout, record.fieldCount)
                return false
            }
            guard let found else { continue }
            if let current = best,
                (current.layout.headerRow, -current.fields) <= (found.layout.headerRow, -found.fields)
            {
                continue
            }
            best = (separator, found.layout, found.fields)
        }
        guard let best else { throw AcknowledgementReadError(path: path, reason: .noHeader) }
        return (best.separator, best.layout)
    }

    /// The column numbering row of government forms under a header: its non-empty fields are
    /// 1, 2, 3, ... in order (at least two of them).
    private static func isNumbering(_ record: CSVRecordScanner.Record) -> Bool {
        record.bytes.withUnsafeBufferPointer { buffer in
            var expected = 1
            for index in 0..<record.fieldCount {
                let field = AcknowledgementValues.trimmed(record.field(index, in: buffer))
                if field.isEmpty { continue }
                guard field.count <= 4, field.allSatisfy(AcknowledgementValues.isDigit),
                    field.reduce(0, { $0 * 10 + Int($1 - 0x30) }) == expected
                else { return false }
                expected += 1
            }
            return expected > 2
        }
    }

    // MARK: - Streaming bytes

    /// The longest record accepted (a file whose quote never closes would otherwise be held whole).
    static let maxRecordBytes = 4 << 20

    /// Streams the file through a UTF-8 check and the CSV scanner, calling `body` with each record
    /// until it returns false. A UTF-8 byte order mark is skipped; other signatures are refused.
    private func scan(path: String, separator: UInt8, _ body: (CSVRecordScanner.Record) throws -> Bool) throws {
        let descriptor: Int32
        do {
            descriptor = try RegularFile.open(path)
        } catch {
            throw AcknowledgementReadError(path: path, reason: .io("\(error)"))
        }
        defer { close(descriptor) }
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(chunkSize, 4))
        defer { buffer.deallocate() }

        var scanner = CSVRecordScanner(separator: separator)
        var validator = UTF8StreamValidator()
        var skipped = 0
        var first = true
        while true {
            let count = try Self.fill(buffer, from: descriptor, path: path)
            if count == 0 { break }
            var chunk = UnsafeBufferPointer(rebasing: buffer[0..<count])
            if first {
                first = false
                skipped = try Self.signatureLength(chunk, path: path)
                chunk = UnsafeBufferPointer(rebasing: chunk[skipped...])
            }
            if let bad = validator.feed(chunk) {
                throw Self.notUTF8(path: path, offset: skipped + bad)
            }
            guard try scanner.feed(chunk, body) else { return }
            if scanner.pendingByteCount > Self.maxRecordBytes {
                throw AcknowledgementReadError(path: path, reason: .recordTooLong(record: scanner.pendingRecordNumber))
            }
        }
        if let bad = validator.finish() {
            throw Self.notUTF8(path: path, offset: skipped + bad)
        }
        _ = try scanner.finish(body)
    }

    /// Reads until `buffer` is full or the file ends; returns the bytes read.
    private static func fill(_ buffer: UnsafeMutableBufferPointer<UInt8>, from descriptor: Int32, path: String) throws -> Int {
        var total = 0
        while total < buffer.count {
            #if canImport(Glibc)
                let result = Glibc.read(descriptor, buffer.baseAddress! + total, buffer.count - total)
            #else
                let result = Darwin.read(descriptor, buffer.baseAddress! + total, buffer.count - total)
            #endif
            if result < 0 {
                if errno == EINTR { continue }
                throw AcknowledgementReadError(path: path, reason: .io(String(cString: strerror(errno))))
            }
            if result == 0 { break }
            total += result
        }
        return total
    }

    /// The length of a UTF-8 byte order mark at the start (3, else 0); throws for the marks of
    /// other encodings and for workbooks and archives under a CSV name.
    private static func signatureLength(_ start: UnsafeBufferPointer<UInt8>, path: String) throws -> Int {
        func starts(with signature: [UInt8]) -> Bool {
            start.count >= signature.count && zip(signature, start).allSatisfy { $0 == $1 }
        }
        if starts(with: [0xEF, 0xBB, 0xBF]) { return 3 }
        if starts(with: [0xFF, 0xFE, 0x00, 0x00]) || starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            throw AcknowledgementReadError(path: path, reason: .wrongEncoding("UTF-32"))
        }
        if starts(with: [0xFF, 0xFE]) || starts(with: [0xFE, 0xFF]) {
            throw AcknowledgementReadError(path: path, reason: .wrongEncoding("UTF-16"))
        }
        if starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            throw AcknowledgementReadError(path: path, reason: .notText("a zip archive (an XLSX workbook named .csv?)"))
        }
        if starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw AcknowledgementReadError(
                path: path, reason: .notText("an Excel 97-2003 (.xls) or password-protected workbook"))
        }
        return 0
    }

    /// The error for invalid UTF-8 at byte `offset`, with the line it is on (counted again from
    /// the start of the file: this happens once).
    private static func notUTF8(path: String, offset: Int) -> AcknowledgementReadError {
        var line = 1
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor >= 0 {
            defer { close(descriptor) }
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 16)
            defer { buffer.deallocate() }
            var position = 0
            while position < offset, let count = try? fill(buffer, from: descriptor, path: path), count > 0 {
                let used = min(count, offset - position)
                line += buffer[0..<used].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                position += count
            }
        }
        return AcknowledgementReadError(path: path, reason: .notUTF8(offset: offset, line: line))
    }
}
