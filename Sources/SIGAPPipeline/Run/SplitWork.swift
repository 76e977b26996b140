/// Work over a large index range split in two halves, one on a second thread: the machines have
/// two cores, and a month of a million workers is mostly waiting on memory, which two cores halve.
/// Small ranges stay on the caller's thread.
enum SplitWork {
    /// Below this many items the work is not split.
    static let threshold = 50_000

    /// `body` over consecutive parts of `0..<count`, in order; the parts' results in that order.
    /// `body` must only read shared state.
    static func map<Part>(_ count: Int, threshold: Int = threshold, _ body: (Range<Int>) -> Part) -> [Part] {
        guard count >= max(threshold, 2) else { return [body(0..<count)] }
        let middle = count / 2
        return withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let body = body
            let second = BackgroundTask { body(middle..<count) }
            let first = body(0..<middle)
            // `body` cannot throw: the task's result is always a value.
            return [first, try! second.wait()]
        }
    }
}

extension SplitWork {
    /// An array of `count` elements built in parts, without copying the parts together:
    /// `body(range, output)` initializes `output[range]`, each element exactly once, and returns
    /// what else the part found. Returns the array and the parts' other results, in order.
    /// `capacity` (at least `count`): room for elements appended afterwards without moving the array.
    static func fill<Element, Extra>(
        _ count: Int, capacity: Int = 0, threshold: Int = threshold, _ body: (Range<Int>, UnsafeMutableBufferPointer<Element>) -> Extra
    ) -> (elements: [Element], extras: [Extra]) {
        var extras: [Extra] = []
        let elements = [Element](unsafeUninitializedCapacity: max(count, capacity)) { buffer, initialized in
            nonisolated(unsafe) let output = buffer
            extras = map(count, threshold: threshold) { range in body(range, output) }
            initialized = count
        }
        return (elements, extras)
    }
}
