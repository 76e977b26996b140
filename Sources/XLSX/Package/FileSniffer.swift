/// Tells what a file that is not a zip archive looks like, so that the error says exactly what was
/// sent: an encrypted workbook, a legacy `.xls`, HTML, CSV or XML renamed `.xlsx`.
enum FileSniffer {
    /// Checks the first bytes; returns nil for a zip archive, else the error to report.
    static func problem(with file: ReadOnlyFile) throws(XLSXError) -> XLSXError? {
        let head = try file.bytes(at: 0, count: Int(min(file.size, 4096)))
        if head.count >= 4, head[0] == 0x50, head[1] == 0x4B,
            (head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6) || (head[2] == 7 && head[3] == 8)
        {
            return nil
        }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return try compoundDocument(file)
        }
        if head.isEmpty {
            return XLSXError(.notXLSX, "not an XLSX file (the file is empty)")
        }
        return XLSXError(.notXLSX, "not an XLSX file (looks like \(textKind(head)))")
    }

    /// A CFB (OLE2) container: encrypted OOXML keeps `EncryptionInfo` and `EncryptedPackage`
    /// streams; a legacy workbook keeps `Workbook` (or `Book`).
    private static func compoundDocument(_ file: ReadOnlyFile) throws(XLSXError) -> XLSXError {
        let scanned = Int(min(file.size, 16 << 20))
        let bytes = try file.bytes(at: 0, count: scanned)
        if contains(bytes, utf16: "EncryptedPackage") || contains(bytes, utf16: "EncryptionInfo") {
            return XLSXError(.encrypted, "password-protected (encrypted) workbook: remove the password in Excel and send it again")
        }
        if contains(bytes, utf16: "Workbook") || contains(bytes, utf16: "Book") {
            return XLSXError(.legacyXLS, "legacy Excel 97-2003 (.xls) workbook: open it in Excel and save it as .xlsx")
        }
        return XLSXError(.notXLSX, "not an XLSX file (looks like a Microsoft compound document that holds no workbook)")
    }

    private static func contains(_ bytes: [UInt8], utf16 name: String) -> Bool {
        var pattern: [UInt8] = []
        for unit in name.utf16 {
            pattern.append(UInt8(unit & 0xFF))
            pattern.append(UInt8(unit >> 8))
        }
        guard bytes.count >= pattern.count else { return false }
        let first = pattern[0]
        var index = 0
        while index <= bytes.count - pattern.count {
            if bytes[index] == first, bytes[index..<index + pattern.count].elementsEqual(pattern) { return true }
            index += 1
        }
        return false
    }

    private static func textKind(_ head: [UInt8]) -> String {
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.starts(with: Array("%PDF".utf8)) { return "PDF" }
        if bytes.starts(with: [0x1F, 0x8B]) { return "a gzip file" }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return "UTF-16 text" }
        let text = String(decoding: bytes, as: UTF8.self).lowercased()
        let trimmed = text.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
        if trimmed.hasPrefix("<") {
            let html = text.contains("<html") || text.contains("<!doctype html")
            if html || (!trimmed.hasPrefix("<?xml") && (trimmed.hasPrefix("<table") || trimmed.hasPrefix("<meta"))) {
                return "HTML"
            }
            return "XML"
        }
        let printable = bytes.filter { $0 >= 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }.count
        if printable * 100 >= bytes.count * 95 { return "CSV or text" }
        return "binary data of an unknown kind: not a zip archive"
    }
}
