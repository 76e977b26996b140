import Crypto
import Foundation

/// SHA-256 of a file, streamed.
public enum Fingerprint {
    public static func sha256(path: String) throws -> (digest: String, size: Int64) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw StoreError("cannot open \(path)") }
        defer { try? handle.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            size += Int64(chunk.count)
        }
        return (hex(hasher.finalize()), size)
    }

    public static func sha256(_ text: String) -> String {
        var text = text
        // Hashed in place: a ledger text is large, and copying it into `Data` first would double it.
        let digest = text.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
        return hex(digest)
    }

    /// SHA-256 of bytes handed over block by block.
    struct Streamed {
        private var hasher = SHA256()

        mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
            hasher.update(bufferPointer: UnsafeRawBufferPointer(bytes))
        }

        func finish() -> String { hex(hasher.finalize()) }
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
