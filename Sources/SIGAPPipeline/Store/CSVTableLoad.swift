import Foundation
import GRDB

/// Loads a CSV text this program wrote (`ledger.csv`, `findings.csv`) into a store table, one row
/// per record in file order, so the table says exactly what the published file says: same
/// values, empty fields as NULL, numbers as integers. The text is fed in chunks of bytes (a month of
/// a million ledger lines is never held whole) and bound without making strings.
package struct CSVTableLoad: Sendable {
    package enum Column: Sendable {
        case text(String)
        case integer(String)
        /// A field the table takes from elsewhere (a ledger line's month is its result's).
        case skip
    }

    package let table: String
    /// The header the text must start with, field for field.
    package let header: [String]
    /// One per header field.
    package let columns: [Column]

    /// `ledger.csv` into `ledger_line`.
    package static let ledger = CSVTableLoad(
        table: "ledger_line", header: LedgerCSV.header,
        columns: LedgerCSV.header.map { name in
            switch name {
            case "month": .skip
            case "premium": .integer(name)
            default: .text(name)
            }
        })

    /// `findings.csv` into `finding`.
    package static let findings = CSVTableLoad(
        table: "finding", header: FindingsCSV.header,
        columns: FindingsCSV.header.map { $0 == "row" ? .integer($0) : .text($0) })

    /// The table's columns the text's fields go to, in order (`.skip` ones left out).
    package var tableColumns: [String] {
        columns.compactMap { column in
            switch column {
            case .text(let name), .integer(let name): name
            case .skip: nil
            }
        }
    }

    /// Inserts the records `feed` hands over (by calling its argument with each chunk) as the rows
    /// of `result`, numbered from 0 in file order. Returns how many data rows there were.
    @discardableResult
    func load(
        into db: Database, result: Int64, name: String,
        _ feed: ((UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void
    ) throws -> Int {
        let names = tableColumns
        let statement = try SQLiteStatement(
            db,
            "INSERT INTO \(table) (result_id, line, \(names.joined(separator: ", "))) VALUES (?, ?\(String(repeating: ", ?", count: names.count)))"
        )
        let kinds = tableColumnKinds
        return try scan(name: name, feed) { line, fields in
            statement.bind(1, result)
            statement.bind(2, line)
            for (index, column) in kinds.enumerated() {
                let field = fields[index]
                switch column {
                // The fields are in the chunk being read until the row is stepped.
                case .text, .skip: statement.bind(Int32(index + 3), borrowingText: field)
                case .integer: statement.bind(Int32(index + 3), Self.integer(field))
                }
            }
            try statement.step()
        }
    }

    /// The kinds of `tableColumns`, in order.
    package var tableColumnKinds: [Column] {
        columns.filter {
            if case .skip = $0 { return false }
            return true
        }
    }

    /// Reads the records `feed` hands over, checking the header and each record (its field count,
    /// its integers), and hands each data record to `row`: its line (from 0, in file order) and
    /// its fields for `tableColumns`, in order (valid during the call). Returns how many data rows
    /// there were; a record that does not fit is `StoreError.damaged` naming `name` and its line.
    @discardableResult
    package func scan(
        name: String, _ feed: ((UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void,
        row: (_ line: Int64, _ fields: [UnsafeBufferPointer<UInt8>]) throws -> Void
    ) throws -> Int {
        let expected = header.map { Array($0.utf8) }
        var scanner = CSVRecordScanner(separator: UInt8(ascii: ","))
        var sawHeader = false
        var line: Int64 = 0
        var problem: String?
        var fields = [UnsafeBufferPointer<UInt8>](repeating: UnsafeBufferPointer(start: nil, count: 0), count: tableColumns.count)
        func take(_ record: CSVRecordScanner.Record) throws -> Bool {
            try record.bytes.withUnsafeBufferPointer { buffer in
                guard sawHeader else {
                    guard record.fieldCount == expected.count,
                        (0..<expected.count).allSatisfy({ record.field($0, in: buffer).elementsEqual(expected[$0]) })
                    else {
                        problem = "\(name) does not start with its header"
                        return false
                    }
                    sawHeader = true
                    return true
                }
                guard record.fieldCount == columns.count else {
                    problem = "\(name) line \(record.number) has \(record.fieldCount) fields, not \(columns.count)"
                    return false
                }
                var next = 0
                for (index, column) in columns.enumerated() {
                    let field = record.field(index, in: buffer)
                    switch column {
                    case .skip: continue
                    case .text: break
                    case .integer:
                        guard field.isEmpty || Self.integer(field) != nil else {
                            problem = "\(name) line \(record.number): \(header[index]) is not a whole number"
                            return false
                        }
                    }
                    fields[next] = field
                    next += 1
                }
                try row(line, fields)
                line += 1
                return true
            }
        }
        var stopped = false
        // `feed` is another closure parameter: `row` only seems to escape into it.
        try withoutActuallyEscaping(take) { take in
            try feed { chunk in
                guard !stopped else { return }
                stopped = try !scanner.feed(chunk, take)
            }
            if !stopped { _ = try scanner.finish(take) }
        }
        if let problem { throw StoreError.damaged("cannot load \(name) into the store: \(problem)") }
        guard sawHeader else { throw StoreError.damaged("cannot load \(name) into the store: it is empty") }
        return Int(line)
    }

    /// Loads a whole text.
    @discardableResult
    func load(into db: Database, result: Int64, name: String, text: String) throws -> Int {
        var text = text
        return try load(into: db, result: result, name: name) { take in try text.withUTF8 { try take($0) } }
    }

    /// `-12`, `16800`; nil for anything else.
    package static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { index = 1 }
        guard index < bytes.count, bytes.count - index <= 18 else { return nil }
        var value: Int64 = 0
        while index < bytes.count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int64(digit)
            index += 1
        }
        return negative ? -value : value
    }
}
