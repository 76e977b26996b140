import CZlib

/// Streams one zip entry's inflated bytes in chunks: stored or deflate (raw, through zlib),
/// counted against the budget, CRC-32 checked at the end.
struct EntryReader {
    static let chunkSize = 256 * 1024

    let archive: ZipArchive
    let entry: ZipEntry
    let budget: InflateBudget

    /// Calls `consume` with each chunk of inflated data (valid only during the call), then checks
    /// size and CRC-32. `consume` returns false to stop early (no CRC check then).
    func read(_ consume: (UnsafeRawBufferPointer) throws(XLSXError) -> Bool) throws(XLSXError) {
        if entry.isEncrypted {
            throw XLSXError(.unsupported, "the zip entry \(entry.name) is encrypted")
        }
        try budget.admit(entry)
        let start = try archive.dataOffset(of: entry)
        switch entry.method {
        case 0: try readStored(from: start, consume)
        case 8: try readDeflated(from: start, consume)
        default:
            throw XLSXError(
                .unsupported,
                "the zip entry \(entry.name) uses compression method \(entry.method); only stored (0) and deflate (8) are supported")
        }
    }

    private func readStored(from start: Int64, _ consume: (UnsafeRawBufferPointer) throws(XLSXError) -> Bool) throws(XLSXError) {
        guard entry.compressedSize == entry.uncompressedSize else {
            throw XLSXError(
                .corruptArchive,
                "truncated or corrupt zip archive: the stored entry \(entry.name) has different compressed and uncompressed sizes")
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var crc: UInt = crc32(0, nil, 0)
        var done: Int64 = 0
        while done < entry.compressedSize {
            let want = Int(min(Int64(Self.chunkSize), entry.compressedSize - done))
            let got = try archive.file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want]), at: start + done)
            guard got == want else {
                throw XLSXError(.corruptArchive, "truncated or corrupt zip archive: the data of \(entry.name) ends early")
            }
            done += Int64(got)
            try budget.spend(got, producedForEntry: done, entry: entry)
            crc = crc32(crc, buffer.baseAddress!.assumingMemoryBound(to: Bytef.self), uInt(got))
            if try !consume(UnsafeRawBufferPointer(rebasing: buffer[0..<got])) { return }
        }
        try checkCRC(crc)
    }

    private func readDeflated(from start: Int64, _ consume: (UnsafeRawBufferPointer) throws(XLSXError) -> Bool) throws(XLSXError) {
        let input = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
        let output = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            inflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
            input.deallocate()
            output.deallocate()
        }
        guard czlib_inflate_init2(stream, -15) == Z_OK else {
            throw XLSXError(.io, "zlib could not start inflating \(entry.name)")
        }
        var crc: UInt = crc32(0, nil, 0)
        var consumed: Int64 = 0
        var produced: Int64 = 0
        var finished = false
        while !finished {
            if stream.pointee.avail_in == 0 {
                guard consumed < entry.compressedSize else {
                    throw XLSXError(.corruptArchive, "truncated or corrupt zip archive: the deflate data of \(entry.name) ends early")
                }
                let want = Int(min(Int64(Self.chunkSize), entry.compressedSize - consumed))
                let got = try archive.file.read(into: UnsafeMutableRawBufferPointer(rebasing: input[0..<want]), at: start + consumed)
                guard got == want else {
                    throw XLSXError(.corruptArchive, "truncated or corrupt zip archive: the data of \(entry.name) ends early")
                }
                consumed += Int64(got)
                stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_in = uInt(got)
            }
            stream.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = uInt(Self.chunkSize)
            let status = inflate(stream, Z_NO_FLUSH)
            switch status {
            case Z_STREAM_END: finished = true
            case Z_OK, Z_BUF_ERROR: break
            default:
                throw XLSXError(.corruptArchive, "truncated or corrupt zip archive: invalid deflate data in \(entry.name)")
            }
            let count = Self.chunkSize - Int(stream.pointee.avail_out)
            if count > 0 {
                produced += Int64(count)
                try budget.spend(count, producedForEntry: produced, entry: entry)
                crc = crc32(crc, output.baseAddress!.assumingMemoryBound(to: Bytef.self), uInt(count))
                if try !consume(UnsafeRawBufferPointer(rebasing: output[0..<count])) { return }
            } else if status == Z_BUF_ERROR && stream.pointee.avail_in != 0 {
                throw XLSXError(.corruptArchive, "truncated or corrupt zip archive: the deflate data of \(entry.name) does not progress")
            }
        }
        guard produced == entry.uncompressedSize else {
            throw XLSXError(
                .corruptArchive,
                "truncated or corrupt zip archive: \(entry.name) inflates to \(produced) bytes but declares \(entry.uncompressedSize)")
        }
        try checkCRC(crc)
    }

    private func checkCRC(_ crc: UInt) throws(XLSXError) {
        guard UInt32(truncatingIfNeeded: crc) == entry.crc32 else {
            throw XLSXError(.checksumMismatch, "CRC-32 mismatch in \(entry.name): the file is damaged")
        }
    }

    /// The whole entry in memory (for small parts: rels, workbook, styles).
    func readAll() throws(XLSXError) -> [UInt8] {
        var bytes: [UInt8] = []
        try read { chunk in
            bytes.append(contentsOf: chunk)
            return true
        }
        return bytes
    }
}
