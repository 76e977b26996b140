import GRDB
import GRDBSQLite

/// One prepared SQLite statement for loading many rows: parameters bound by position (1-based)
/// straight from bytes, stepped, reset. GRDB's `Statement` takes Swift values; a month of a million
/// ledger lines is bound from the bytes of its CSV text without making a string per field.
///
/// Used only inside a GRDB write closure, on the connection it was prepared on.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private let connection: OpaquePointer

    /// `SQLITE_TRANSIENT`: SQLite copies the bound bytes (a C macro Swift does not import).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, _ sql: String) throws {
        connection = db.sqliteConnection!
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(connection, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw StoreError("cannot prepare a store statement: \(String(cString: sqlite3_errmsg(connection)))")
        }
        handle = statement
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// `SQLITE_STATIC`: SQLite reads the bound bytes where they are, when the statement runs.
    private static let borrowed = unsafeBitCast(0, to: sqlite3_destructor_type.self)

    /// UTF-8 bytes as text; no bytes is NULL (the views show empty values as NULL).
    func bind(_ index: Int32, text bytes: UnsafeBufferPointer<UInt8>) {
        bind(index, text: bytes, destructor: Self.transient)
    }

    /// The same without a copy: `bytes` must stay where they are, unchanged, until the next
    /// `step()` has run (a bulk load binds each row's fields from the buffer it reads, then steps).
    /// A million rows of sixteen fields are that many allocations and copies fewer.
    func bind(_ index: Int32, borrowingText bytes: UnsafeBufferPointer<UInt8>) {
        bind(index, text: bytes, destructor: Self.borrowed)
    }

    private func bind(_ index: Int32, text bytes: UnsafeBufferPointer<UInt8>, destructor: sqlite3_destructor_type) {
        if bytes.isEmpty {
            sqlite3_bind_null(handle, index)
        } else {
            sqlite3_bind_text(
                handle, index, UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self), Int32(bytes.count), destructor)
        }
    }

    /// Text; nil or empty is NULL.
    func bind(_ index: Int32, _ text: String?) {
        guard var text, !text.isEmpty else {
            sqlite3_bind_null(handle, index)
            return
        }
        text.withUTF8 { bind(index, text: $0) }
    }

    /// An integer; nil is NULL.
    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ value: Int?) {
        bind(index, value.map(Int64.init))
    }

    /// Runs the statement with each of `blobs` bound at its index as a blob (an empty blob for no
    /// bytes) where its bytes lie: a million-row file's staged rows are tens of megabytes, which a
    /// copy would add to the run's peak. The blobs are unbound after.
    func step(bindingBlobs blobs: [(index: Int32, bytes: [UInt8])]) throws {
        guard let (index, bytes) = blobs.first else {
            defer { sqlite3_clear_bindings(handle) }
            return try step()
        }
        try bytes.withUnsafeBytes { buffer in
            _ = sqlite3_bind_blob64(
                handle, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), sqlite3_uint64(buffer.count), Self.borrowed)
            try step(bindingBlobs: Array(blobs.dropFirst()))
        }
    }

    /// Runs a query with the bound values, handing each result row to `body` (read its columns
    /// with `text(_:)` and `integer(_:)` there), then makes it ready to run again.
    func forEachRow(_ body: () throws -> Void) throws {
        defer { sqlite3_reset(handle) }
        while true {
            let status = sqlite3_step(handle)
            if status == SQLITE_DONE { return }
            guard status == SQLITE_ROW else {
                throw StoreError("cannot read the store: \(String(cString: sqlite3_errmsg(connection)))")
            }
            try body()
        }
    }

    /// Column `index` (0-based) of the current row as text; NULL is the empty string.
    func text(_ index: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, index) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// Column `index` (0-based) of the current row as the UTF-8 of its text (an integer in decimal;
    /// NULL is no bytes), valid until the next row.
    func utf8(_ index: Int32) -> UnsafeBufferPointer<UInt8> {
        guard let bytes = sqlite3_column_text(handle, index) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, index)))
    }

    /// Column `index` (0-based) of the current row as bytes (NULL is none).
    func blob(_ index: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, index))
        guard count > 0, let bytes = sqlite3_column_blob(handle, index) else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    /// Whether column `index` (0-based) of the current row is NULL.
    func isNull(_ index: Int32) -> Bool {
        sqlite3_column_type(handle, index) == SQLITE_NULL
    }

    /// Column `index` (0-based) of the current row as an integer (NULL is 0).
    func integer(_ index: Int32) -> Int {
        Int(sqlite3_column_int64(handle, index))
    }

    /// Runs the statement with the bound values, then makes it ready for the next row.
    func step() throws {
        let status = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard status == SQLITE_DONE else {
            throw StoreError("cannot write a row into the store: \(String(cString: sqlite3_errmsg(connection)))")
        }
    }
}
