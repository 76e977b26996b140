/// Values fed to a SHA-256 in an encoding that cannot be read two ways: integers as 8 bytes,
/// texts and byte runs as their length then their bytes. Two digests are equal only when the same
/// values were fed in the same order. Bytes are gathered and hashed 64 KB at a time.
struct DigestEncoder {
    private var digest = Fingerprint.Streamed()
    private var buffer: [UInt8] = []

    init(tag: String) {
        buffer.reserveCapacity(1 << 16 + 1024)
        text(tag)
    }

    mutating func integer(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { buffer.append(contentsOf: $0) }
        flushIfFull()
    }

    mutating func bytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        integer(bytes.count)
        buffer.append(contentsOf: bytes)
        flushIfFull()
    }

    /// A text; nil is told apart from empty.
    mutating func text(_ value: String?) {
        guard var value else { return integer(-1) }
        value.withUTF8 { bytes($0) }
    }

    mutating func finish() -> String {
        buffer.withUnsafeBufferPointer { digest.update($0) }
        buffer.removeAll()
        return digest.finish()
    }

    private mutating func flushIfFull() {
        guard buffer.count >= 1 << 16 else { return }
        buffer.withUnsafeBufferPointer { digest.update($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}
