import Crypto
import Foundation

/// SHA-256 of a file, streamed.
public enum Fingerprint {
    /// Only a regular file is read (`RegularFile`): a pipe or a device is refused, never waited on.
    public static func sha256(path: String) throws -> (digest: String, size: Int64) {
        let descriptor: Int32
        do {
            descriptor = try RegularFile.open(path)
        } catch {
            throw StoreError("cannot open \(path): \(error)")
        }
        defer { close(descriptor) }
        var hasher = SHA256()
        var size: Int64 = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw StoreError("cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            size += Int64(count)
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
    package struct Streamed {
        private var hasher = SHA256()

        package init() {}

        package mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
            hasher.update(bufferPointer: UnsafeRawBufferPointer(bytes))
        }

        package func finish() -> String { hex(hasher.finalize()) }
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
