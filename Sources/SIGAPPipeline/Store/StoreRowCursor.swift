/// The current row of a store query, column by column (0-based), as both stores give it: SQLite's
/// statement, and the PostgreSQL store's row. What reads rows back (rendering a result's CSV text,
/// decoding ledger lines) is written once against this.
package protocol StoreRowCursor: AnyObject {
    /// The UTF-8 of the column's text (an integer in decimal; NULL is no bytes), valid until the
    /// next row.
    func utf8(_ index: Int32) -> UnsafeBufferPointer<UInt8>
    /// The column as text; NULL is the empty string.
    func text(_ index: Int32) -> String
    /// The column as an integer; NULL is 0.
    func integer(_ index: Int32) -> Int
    /// Whether the column is NULL.
    func isNull(_ index: Int32) -> Bool
}

extension SQLiteStatement: StoreRowCursor {}
