import Foundation

/// An append-only array of plain values whose storage grows in place (`realloc`, which the C
/// library does for large blocks by remapping pages, not copying them). A Swift array that grows
/// from 64 to 128 MB holds both buffers while it copies; a month's packed rows would count that
/// twice at the peak. Copy-on-write, like an array.
struct GrowingBuffer<Element: BitwiseCopyable>: RandomAccessCollection, Sendable {
    private final class Storage: @unchecked Sendable {
        var base: UnsafeMutablePointer<Element>?
        var count = 0
        var capacity = 0

        deinit { free(base) }

        func reserve(_ wanted: Int) {
            guard wanted > capacity else { return }
            guard let grown = realloc(base, wanted * MemoryLayout<Element>.stride) else {
                fatalError("out of memory growing a buffer to \(wanted) elements")
            }
            base = grown.assumingMemoryBound(to: Element.self)
            capacity = wanted
        }

        func copy() -> Storage {
            let copy = Storage()
            copy.reserve(Swift.max(count, 1))
            if count > 0 { copy.base!.update(from: base!, count: count) }
            copy.count = count
            return copy
        }
    }

    private var storage = Storage()

    init() {}

    var startIndex: Int { 0 }
    var endIndex: Int { storage.count }

    subscript(position: Int) -> Element {
        precondition(position >= 0 && position < storage.count, "index out of range")
        return storage.base![position]
    }

    mutating func reserveCapacity(_ count: Int) {
        makeUnique()
        storage.reserve(count)
    }

    mutating func append(_ element: Element) {
        makeUnique()
        if storage.count == storage.capacity { storage.reserve(Swift.max(16, storage.capacity * 2)) }
        (storage.base! + storage.count).initialize(to: element)
        storage.count += 1
    }

    mutating func append(contentsOf elements: UnsafeBufferPointer<Element>) {
        guard let source = elements.baseAddress, !elements.isEmpty else { return }
        makeUnique()
        let needed = storage.count + elements.count
        if needed > storage.capacity { storage.reserve(Swift.max(needed, storage.capacity * 2)) }
        (storage.base! + storage.count).initialize(from: source, count: elements.count)
        storage.count = needed
    }

    func withUnsafeBufferPointer<Result>(_ body: (UnsafeBufferPointer<Element>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    /// `count` elements whose bytes `fill` writes, all of them (values read back from where a
    /// buffer's bytes were kept, `withUnsafeBufferPointer`).
    init(count: Int, bytes fill: (UnsafeMutableRawBufferPointer) -> Void) {
        guard count > 0 else { return }
        storage.reserve(count)
        fill(UnsafeMutableRawBufferPointer(start: storage.base, count: count * MemoryLayout<Element>.stride))
        storage.count = count
    }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }
}
