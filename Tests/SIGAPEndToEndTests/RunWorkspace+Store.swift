import Foundation
import GRDB

/// Reading the workspace's store the way the data team does: SQL on its views, read-only.
extension RunWorkspace {
    /// The rows `sql` gives, each value as text: NULL as the empty string, integers in decimal.
    /// `recovering`: opened read-write, so that a transaction a killed process left (a hot
    /// journal) is rolled back first, as the next sigap command would.
    func query(_ sql: String, _ arguments: StatementArguments = StatementArguments(), recovering: Bool = false) throws -> [[String]] {
        var configuration = Configuration()
        configuration.readonly = !recovering
        let queue = try DatabaseQueue(path: store, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                row.databaseValues.map(Self.text)
            }
        }
    }

    static func text(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: ""
        case .int64(let number): String(number)
        case .double(let number): String(number)
        case .string(let text): text
        case .blob(let data): String(decoding: data, as: UTF8.self)
        }
    }

    /// What anyone reading the store sees: the five views and the months and runs, whole.
    func storeBooks() throws -> [String: [[String]]] {
        var books: [String: [[String]]] = [:]
        for source in ["ledger_lines", "month_summaries", "findings", "acknowledgements", "workers", "month", "run", "run_input"] {
            books[source] = try query("SELECT * FROM \(source)")
        }
        return books
    }
}
