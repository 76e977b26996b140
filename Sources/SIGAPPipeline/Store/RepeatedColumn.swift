import Foundation

/// The value last made from one column of a query's rows, made again only when the column's bytes
/// change: a month's ledger lines, read back in NIK order, mostly repeat their entry, month, source,
/// status and reason, so a million lines make a few thousand strings and lists of those, not a
/// million.
struct RepeatedColumn<Value> {
    private var bytes: [UInt8] = []
    private var last: Value?

    /// The value of `field` (a column's bytes, valid until the next row), from `make` when new.
    mutating func value(_ field: UnsafeBufferPointer<UInt8>, _ make: (UnsafeBufferPointer<UInt8>) throws -> Value) rethrows -> Value {
        if let last, field.count == bytes.count,
            field.isEmpty || bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, field.baseAddress!, field.count) == 0 })
        {
            return last
        }
        let value = try make(field)
        bytes = Array(field)
        last = value
        return value
    }
}
