import Foundation
import SIGAPDomain

#if canImport(Glibc)
    import Glibc
#endif

/// Publishes output files atomically: each is written to a temporary name in the same folder,
/// flushed, then renamed over the old one, so a reader never sees half a file. Created 0640.
public struct OutputFolder: Sendable {
    public let root: String

    public init(root: String) {
        self.root = root
    }

    /// Writes `text` to `relative` (folders created as needed). Returns the full path.
    @discardableResult
    public func write(_ text: String, to relative: String) throws -> String {
        try publish(relative) { try Self.writeFile(text, at: $0) }
    }

    /// Writes `text` at `path` and flushes it to disk, with plain POSIX writes: Foundation's own
    /// atomic writing would add a second temporary file (`.dat.nosync…`) that a killed run could
    /// leave behind.
    static func writeFile(_ text: String, at path: String) throws {
        var text = text
        try writeFile(at: path) { write in try text.withUTF8(write) }
    }

    /// Writes at `path` whatever `body` hands its writer, block by block, then flushes it to disk.
    static func writeFile(at path: String, _ body: ((UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw OutputError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        try body { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw OutputError(path: path, reason: String(cString: strerror(errno)))
                }
                offset += written
            }
        }
        guard fsync(descriptor) == 0 else { throw OutputError(path: path, reason: String(cString: strerror(errno))) }
    }

    /// Flushes a folder's entries to disk (a rename or a new file in it survives a power cut).
    static func syncFolder(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    /// Lets `body` write the file at a temporary path (e.g. libxlsxwriter), then renames it.
    @discardableResult
    public func publish(_ relative: String, _ body: (String) throws -> Void) throws -> String {
        try commit(stage(relative, body))
    }

    /// A file written at its temporary path, not yet in place.
    public struct Staged: Sendable {
        public var path: String
        public var temporary: String
    }

    /// The first half of `publish`: `body` writes the file at a temporary path in the destination
    /// folder. `commit` puts it in place; `discard` removes it.
    public func stage(_ relative: String, _ body: (String) throws -> Void) throws -> Staged {
        let path = "\(root)/\(relative)"
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: folder, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        let temporary = temporaryPath(of: relative)
        do {
            try body(temporary)
            chmod(temporary, 0o640)
        } catch {
            unlink(temporary)
            // Named by the file it was to become (the temporary name means nothing to anyone).
            if let error = error as? OutputError { throw OutputError(path: path, reason: error.reason) }
            throw OutputError(path: path, reason: "\(error)")
        }
        return Staged(path: path, temporary: temporary)
    }

    /// Where `stage` writes `relative` before it is put in place.
    public func temporaryPath(of relative: String) -> String {
        let path = "\(root)/\(relative)"
        let folder = (path as NSString).deletingLastPathComponent
        return "\(folder)/.\((path as NSString).lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// Renames a staged file into place. Returns its path.
    @discardableResult
    public func commit(_ staged: Staged) throws -> String {
        guard rename(staged.temporary, staged.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(staged.temporary)
            throw OutputError(path: staged.path, reason: reason)
        }
        return staged.path
    }

    /// Removes a staged file that will not be published.
    public func discard(_ staged: Staged) {
        unlink(staged.temporary)
    }

    /// Removes what a killed run left anywhere under the folder: our temporary files
    /// (`.NAME.tmp-PID`), and libxlsxwriter's (`tmp.XXXXXXXXXX`: it creates them in the folder of
    /// the workbook it writes and unlinks them at once, so a kill in between leaves one). Call it
    /// holding the store's lock (no other run is writing). Returns their paths.
    @discardableResult
    public func sweepTemporaryFiles() -> [String] {
        var removed: [String] = []
        // A killed close's staging folder (`.YYYY-MM.closing-PID`), whole.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] where MonthCloser.isStagingName(name) {
            if (try? FileManager.default.removeItem(atPath: "\(root)/\(name)")) != nil { removed.append(name) }
        }
        guard let walker = FileManager.default.enumerator(atPath: root) else { return removed }
        while let relative = walker.nextObject() as? String {
            guard Self.isTemporaryName((relative as NSString).lastPathComponent) else { continue }
            if unlink("\(root)/\(relative)") == 0 { removed.append(relative) }
        }
        return removed
    }

    /// `.NAME.tmp-PID` (ours), `tmp.` and ten letters or digits (libxlsxwriter's tmpfileplus), or
    /// `.dat.nosync…` (Foundation's atomic writes, which earlier versions used).
    static func isTemporaryName(_ name: String) -> Bool {
        if name.hasPrefix(".dat.nosync") { return true }
        if name.hasPrefix("."), let marker = name.range(of: ".tmp-", options: .backwards) {
            let pid = name[marker.upperBound...]
            return !pid.isEmpty && pid.allSatisfy(\.isNumber)
        }
        let suffix = name.utf8.dropFirst(4)
        return name.hasPrefix("tmp.") && suffix.count == 10
            && suffix.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
    }

    /// The months published here (`YYYY-MM/summary.json` present), in order.
    public func publishedMonths() -> [YearMonth] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.compactMap { name in
            guard name.utf8.count == 7, let month = YearMonth(name), access("\(root)/\(name)/summary.json", F_OK) == 0 else { return nil }
            return month
        }.sorted()
    }

    /// Removes a file if present (a correction workbook no longer needed).
    public func remove(_ relative: String) {
        unlink("\(root)/\(relative)")
    }
}

/// An output could not be written (exit 73).
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String { "cannot write \(path): \(reason)" }
}
