import Foundation

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
        try publish(relative) { temporary in
            guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o640])
            else { throw OutputError(path: temporary, reason: "cannot create the file") }
            let handle = FileHandle(forWritingAtPath: temporary)
            try handle?.synchronize()
            try handle?.close()
        }
    }

    /// Lets `body` write the file at a temporary path (e.g. libxlsxwriter), then renames it.
    @discardableResult
    public func publish(_ relative: String, _ body: (String) throws -> Void) throws -> String {
        let path = "\(root)/\(relative)"
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: folder, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        let name = (path as NSString).lastPathComponent
        let temporary = "\(folder)/.\(name).tmp-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            try body(temporary)
            chmod(temporary, 0o640)
            guard rename(temporary, path) == 0 else {
                throw OutputError(path: path, reason: String(cString: strerror(errno)))
            }
        } catch {
            unlink(temporary)
            if let error = error as? OutputError { throw error }
            throw OutputError(path: path, reason: "\(error)")
        }
        return path
    }

    /// Removes what a killed run left anywhere under the folder: our temporary files
    /// (`.NAME.tmp-PID`), and libxlsxwriter's (`tmp.XXXXXXXXXX`: it creates them in the folder of
    /// the workbook it writes and unlinks them at once, so a kill in between leaves one). Call it
    /// holding the store's lock (no other run is writing). Returns their paths.
    @discardableResult
    public func sweepTemporaryFiles() -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var removed: [String] = []
        while let relative = walker.nextObject() as? String {
            guard Self.isTemporaryName((relative as NSString).lastPathComponent) else { continue }
            if unlink("\(root)/\(relative)") == 0 { removed.append(relative) }
        }
        return removed
    }

    /// `.NAME.tmp-PID` (ours) or `tmp.` and ten letters or digits (libxlsxwriter's tmpfileplus).
    static func isTemporaryName(_ name: String) -> Bool {
        if name.hasPrefix("."), let marker = name.range(of: ".tmp-", options: .backwards) {
            let pid = name[marker.upperBound...]
            return !pid.isEmpty && pid.allSatisfy(\.isNumber)
        }
        let suffix = name.utf8.dropFirst(4)
        return name.hasPrefix("tmp.") && suffix.count == 10
            && suffix.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
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
