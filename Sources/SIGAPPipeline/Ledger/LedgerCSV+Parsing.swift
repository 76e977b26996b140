import SIGAPDomain

extension LedgerCSV {
    /// Reads back a `ledger.csv` this program wrote (the store keeps closed months in this form).
    public static func parse(_ text: String) throws -> [LedgerLine] {
        var lines: [LedgerLine] = []
        var sawHeader = false
        try CSVText.forEachRecord(text) { fields in
            guard sawHeader else {
                guard fields == Self.header else {
                    throw StoreError.damaged("a stored ledger does not start with the ledger.csv header")
                }
                sawHeader = true
                return
            }
            guard fields.count == header.count, let month = YearMonth(fields[0]), let entry = LedgerEntryKind(rawValue: fields[1]),
                let forMonth = YearMonth(fields[2]), let status = LedgerStatus(rawValue: fields[12]), let premium = Int(fields[15])
            else { throw StoreError.damaged("a stored ledger line cannot be read back") }
            lines.append(
                LedgerLine(
                    month: month, entry: entry, forMonth: forMonth, nik: fields[3], name: fields[4], source: fields[5],
                    sources: fields[6].isEmpty ? [] : fields[6].split(separator: ";").map(String.init), kecamatanCode: fields[7],
                    kecamatan: fields[8], kelurahan: fields[9], occupation: fields[10], kpj: fields[11], status: status,
                    previousStatus: LedgerStatus(rawValue: fields[13]), reasonCode: fields[14], premium: premium,
                    flags: fields[16].split(separator: ";").compactMap { LedgerFlag(rawValue: String($0)) }))
        }
        guard sawHeader else { throw StoreError.damaged("a stored ledger does not start with the ledger.csv header") }
        return lines
    }
}
