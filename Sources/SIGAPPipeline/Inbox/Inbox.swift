import Foundation
import SIGAPDomain

/// The inbox layout of SPEC §2: `<inbox>/<YYYY-MM>/<SOURCE>/*.xlsx` rosters and
/// `<inbox>/<YYYY-MM>/BPJS/*.xlsx|*.csv` acknowledgements. Files in byte order of their names;
/// `~$…` and dot files ignored.
public struct Inbox: Sendable {
    /// One input file: where it is on disk and its name relative to the inbox root.
    public struct File: Sendable, Hashable {
        public var path: String
        /// `2025-12/DINSOS/a.xlsx`.
        public var name: String
    }

    /// A folder the pipeline does not read: not a declared source, or not a month.
    public struct Stray: Sendable, Hashable {
        public var name: String
        public var problem: String
    }

    public static let acknowledgementFolder = "BPJS"

    public let root: String
    /// Month → source code (or BPJS) → files, only folders holding at least one readable name.
    public private(set) var folders: [YearMonth: [String: [File]]] = [:]
    public private(set) var strays: [Stray] = []

    /// Scans the inbox. Throws when the root is missing (exit 66).
    public init(root: String, sources: [String]) throws {
        self.root = root
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue else {
            throw InboxError.missing(root)
        }
        for monthName in try Self.names(in: root) {
            let monthPath = "\(root)/\(monthName)"
            guard Self.isFolder(monthPath) else { continue }
            guard let month = YearMonth(monthName), monthName.count == 7 else {
                strays.append(Stray(name: monthName, problem: "not a month folder (YYYY-MM)"))
                continue
            }
            for folderName in try Self.names(in: monthPath) {
                let folderPath = "\(monthPath)/\(folderName)"
                guard Self.isFolder(folderPath) else { continue }
                guard folderName == Self.acknowledgementFolder || sources.contains(folderName) else {
                    strays.append(
                        Stray(name: "\(monthName)/\(folderName)", problem: "not a source declared in the pipeline: not read"))
                    continue
                }
                let files = try Self.names(in: folderPath).filter { Self.isFile("\(folderPath)/\($0)") }.map {
                    File(path: "\(folderPath)/\($0)", name: "\(monthName)/\(folderName)/\($0)")
                }
                if !files.isEmpty { folders[month, default: [:]][folderName] = files }
            }
        }
    }

    /// The files source `code` sent for `month` (nil when it sent none: carry forward).
    public func files(_ code: String, in month: YearMonth) -> [File]? {
        folders[month]?[code]
    }

    /// Every acknowledgement file up to `month`, in input order (inbox month, then name).
    public func acknowledgementFiles(through month: YearMonth) -> [(month: YearMonth, file: File)] {
        folders.keys.filter { $0 <= month }.sorted().flatMap { inboxMonth in
            (folders[inboxMonth]?[Self.acknowledgementFolder] ?? []).map { (inboxMonth, $0) }
        }
    }

    /// Visible names in byte order, without `~$…` lock files and dot files.
    private static func names(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { !$0.hasPrefix(".") && !$0.hasPrefix("~$") }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    private static func isFolder(_ path: String) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
    }

    private static func isFile(_ path: String) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &flag) && !flag.boolValue
    }
}

/// The inbox cannot be used at all.
public enum InboxError: Error, Sendable, CustomStringConvertible {
    case missing(String)

    public var description: String {
        switch self {
        case .missing(let root): "inbox missing: \(root) is not a folder"
        }
    }
}
