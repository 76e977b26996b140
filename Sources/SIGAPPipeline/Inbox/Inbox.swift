import Foundation
import SIGAPDomain

#if canImport(Glibc)
    import Glibc
#endif

/// The inbox layout of SPEC §2: `<inbox>/<YYYY-MM>/<SOURCE>/*.xlsx` rosters and
/// `<inbox>/<YYYY-MM>/BPJS/*.xlsx|*.csv` acknowledgements. Files in byte order of their names;
/// `~$…` and dot files ignored.
///
/// Only regular files inside the inbox are ever opened. The scan looks at each entry without
/// following it (`lstat`): a FIFO, socket or device, a symbolic link whose target is outside the
/// inbox, dangling or looping, and a name that is not valid UTF-8 become files with a `refusal`
/// (the cause of their `FILE_UNREADABLE`), which nothing opens; a source or BPJS folder that
/// cannot be listed becomes one such entry for the folder. A month folder that cannot be listed is
/// a stray. Nothing is skipped silently, and nothing can make a run wait.
public struct Inbox: Sendable {
    /// One input file: where it is on disk and its name relative to the inbox root.
    public struct File: Sendable, Hashable {
        public var path: String
        /// `2025-12/DINSOS/a.xlsx` (a name that is not valid UTF-8 with its bad bytes as `\xNN`).
        public var name: String
        /// Why the file is not opened (SPEC §2), when it is not; it is `FILE_UNREADABLE` with this cause.
        public var refusal: String?
        /// What the file is, when it is not a roster or acknowledgement file at all (a PDF cover
        /// letter, a photo): it is not opened, and is `FILE_IGNORED` (a warning) with this text.
        public var ignored: String?

        public init(path: String, name: String, refusal: String? = nil, ignored: String? = nil) {
            self.path = path
            self.name = name
            self.refusal = refusal
            self.ignored = ignored
        }

        /// Neither refused nor ignored: a file to read.
        public var isRead: Bool { refusal == nil && ignored == nil }
    }

    /// A folder the pipeline does not read: not a declared source, or not a month.
    public struct Stray: Sendable, Hashable {
        public var name: String
        public var problem: String
    }

    public static let acknowledgementFolder = "BPJS"

    public let root: String
    /// Month → source code (or BPJS) → files, only folders holding at least one name.
    public private(set) var folders: [YearMonth: [String: [File]]] = [:]
    public private(set) var strays: [Stray] = []
    /// The inbox folder as the system resolves it (links followed): what "inside" means.
    private let realRoot: String

    /// Scans the inbox. Throws when the root is missing or cannot be listed (exit 66).
    public init(root: String, sources: [String]) throws {
        self.root = root
        guard let real = Self.realPath(root), Self.kind(of: real) == .folder else { throw InboxError.missing(root) }
        realRoot = real
        let months: [Entry]
        do {
            months = try Self.entries(in: root)
        } catch let error as ListingError {
            throw InboxError.unreadable(root, error.reason)
        }
        for entry in months {
            guard let monthName = entry.name else {
                strays.append(Stray(name: entry.escapedName, problem: "its name is not valid UTF-8: not read"))
                continue
            }
            let monthPath = "\(root)/\(monthName)"
            guard folder(monthPath) != nil else { continue }
            guard let month = YearMonth(monthName), monthName.count == 7 else {
                strays.append(Stray(name: monthName, problem: "not a month folder (YYYY-MM)"))
                continue
            }
            let sourceFolders: [Entry]
            do {
                sourceFolders = try Self.entries(in: monthPath)
            } catch let error as ListingError {
                strays.append(Stray(name: monthName, problem: "the folder cannot be read (\(error.reason)): nothing in it was read"))
                continue
            }
            for sourceEntry in sourceFolders {
                guard let folderName = sourceEntry.name else {
                    strays.append(Stray(name: "\(monthName)/\(sourceEntry.escapedName)", problem: "its name is not valid UTF-8: not read"))
                    continue
                }
                let folderPath = "\(monthPath)/\(folderName)"
                guard let folderKind = folder(folderPath) else { continue }
                guard folderName == Self.acknowledgementFolder || sources.contains(folderName) else {
                    let hint = Self.declaredName(like: folderName, among: sources + [Self.acknowledgementFolder]).map {
                        " (did you mean \($0)? rename the folder)"
                    }
                    strays.append(
                        Stray(
                            name: "\(monthName)/\(folderName)", problem: "not a source declared in the pipeline: not read\(hint ?? "")"))
                    continue
                }
                let prefix = "\(monthName)/\(folderName)/"
                var files: [File] = []
                if case .refused(let cause) = folderKind {
                    files = [File(path: folderPath, name: prefix, refusal: cause)]
                } else {
                    do {
                        let acknowledgements = folderName == Self.acknowledgementFolder
                        files = try Self.entries(in: folderPath).compactMap { entry in
                            file(in: folderPath, prefix: prefix, entry).map { Self.sorted($0, acknowledgements: acknowledgements) }
                        }
                    } catch let error as ListingError {
                        files = [File(path: folderPath, name: prefix, refusal: "the folder cannot be read (\(error.reason))")]
                    }
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

    /// The declared folder name `name` is most likely meant to be: the same letters and digits
    /// in another case or with other separators (`diskopukm`, `Dis-Hub`, `BPJS `).
    static func declaredName(like name: String, among declared: [String]) -> String? {
        func key(_ text: String) -> String { String(text.uppercased().filter { $0.isLetter || $0.isNumber }) }
        let wanted = key(name)
        return declared.first { key($0) == wanted }
    }

    // MARK: - What a file is, by its extension (SPEC §2)

    /// Extensions read: rosters are workbooks; BPJS also sends CSV.
    static let workbookExtensions: Set<String> = ["xlsx", "xlsm"]
    /// Spreadsheets in other formats: unreadable, with a cause that says to save them as .xlsx.
    static let otherSpreadsheets: Set<String> = ["xls", "xlsb", "ods", "fods", "numbers", "csv", "tsv", "et", "wps"]

    /// A regular file sorted by its extension (case-insensitive): read, refused as another
    /// spreadsheet format, or ignored as not a roster. Refusals already made stay.
    static func sorted(_ file: File, acknowledgements: Bool) -> File {
        guard file.refusal == nil else { return file }
        let name = (file.name as NSString).lastPathComponent
        let dot = name.lastIndex(of: ".")
        let suffix = dot.map { String(name[name.index(after: $0)...]).lowercased() } ?? ""
        if workbookExtensions.contains(suffix) || (acknowledgements && suffix == "csv") { return file }
        var sorted = file
        if otherSpreadsheets.contains(suffix) {
            sorted.refusal =
                suffix == "csv"
                ? "a CSV file, which is not read as a roster: open it in Excel and save it as Excel Workbook (.xlsx), then send it again"
                : "a spreadsheet saved as .\(suffix), which is not read: open it in Excel and save it as Excel Workbook (.xlsx), then send it again"
        } else {
            sorted.ignored = ignoredKind(suffix)
        }
        return sorted
    }

    /// What a file that is not a roster looks like, by its extension, in Bahasa Indonesia (the
    /// value of its `FILE_IGNORED` finding, which the agency reads).
    static func ignoredKind(_ suffix: String) -> String {
        switch suffix {
        case "pdf": "dokumen PDF"
        case "doc", "docx", "odt", "rtf": "dokumen Word"
        case "jpg", "jpeg", "png", "gif", "heic", "heif", "bmp", "tif", "tiff", "webp": "foto atau gambar"
        case "txt", "md": "catatan teks"
        case "zip", "rar", "7z", "gz", "tar", "tgz": "arsip"
        case "ppt", "pptx", "odp": "presentasi"
        case "": "berkas tanpa ekstensi"
        default: "berkas .\(suffix)"
        }
    }

    // MARK: - Looking at entries without following them

    /// One name in a folder: its bytes, and its text when they are valid UTF-8.
    struct Entry {
        var bytes: [UInt8]
        var name: String? { String(validating: bytes, as: UTF8.self) }
        /// The name with every byte that is not part of valid UTF-8 written `\xNN`.
        var escapedName: String { Self.escape(bytes) }

        static func escape(_ bytes: [UInt8]) -> String {
            var text = ""
            var index = 0
            while index < bytes.count {
                var length = 1
                let lead = bytes[index]
                if lead >= 0xC0 { length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2 }
                if index + length <= bytes.count, let scalar = String(validating: bytes[index..<(index + length)], as: UTF8.self) {
                    text += scalar
                    index += length
                } else {
                    text += String(format: "\\x%02X", bytes[index])
                    index += 1
                }
            }
            return text
        }
    }

    struct ListingError: Error {
        var reason: String
    }

    /// The visible names in a folder in byte order, without `~$…` lock files and dot files (their
    /// raw bytes: a name need not be valid UTF-8).
    static func entries(in folder: String) throws -> [Entry] {
        guard let directory = opendir(folder) else { throw ListingError(reason: String(cString: strerror(errno))) }
        defer { closedir(directory) }
        var names: [Entry] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { throw ListingError(reason: String(cString: strerror(errno))) }
                break
            }
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            guard let first = bytes.first, first != UInt8(ascii: "."), !bytes.starts(with: [0x7E, 0x24]) else { continue }
            names.append(Entry(bytes: bytes))
        }
        return names.sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
    }

    enum Kind: Equatable {
        case folder, file, link, other(String), missing
    }

    /// What `path` is, not following a link.
    static func kind(of path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .folder
        case S_IFREG: return .file
        case S_IFLNK: return .link
        case S_IFIFO: return .other("a named pipe (FIFO)")
        case S_IFSOCK: return .other("a socket")
        case S_IFCHR: return .other("a character device")
        case S_IFBLK: return .other("a block device")
        default: return .other("not a regular file")
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether `path` (resolved) lies inside the inbox.
    private func isInside(_ path: String) -> Bool {
        path.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/")
    }

    enum FolderKind {
        case readable
        case refused(String)
    }

    /// A folder entry as the scan takes it: a folder (or a link to one inside the inbox) is read;
    /// a link to a folder outside, dangling or looping is refused; anything else is not a folder (nil).
    private func folder(_ path: String) -> FolderKind? {
        switch Self.kind(of: path) {
        case .folder: return .readable
        case .link:
            guard let target = Self.realPath(path) else { return .refused("a symbolic link whose target does not exist or loops") }
            guard Self.kind(of: target) == .folder else { return nil }
            return isInside(target) ? .readable : .refused("a symbolic link to \(target), outside the inbox: not followed")
        default: return nil
        }
    }

    /// A file entry of a source or BPJS folder: a regular file, a link to one inside the inbox,
    /// or anything else with its refusal; nil for a folder (not read).
    private func file(in folder: String, prefix: String, _ entry: Entry) -> File? {
        guard let name = entry.name else {
            return File(
                path: "", name: prefix + entry.escapedName,
                refusal: "its name is not valid UTF-8: rename the file (letters, digits, spaces) and send it again")
        }
        let path = "\(folder)/\(name)"
        switch Self.kind(of: path) {
        case .file: return File(path: path, name: prefix + name)
        case .folder: return nil
        case .missing: return File(path: path, name: prefix + name, refusal: "it disappeared while the inbox was read")
        case .other(let what): return File(path: path, name: prefix + name, refusal: "not a regular file: \(what)")
        case .link:
            guard let target = Self.realPath(path) else {
                return File(path: path, name: prefix + name, refusal: "a symbolic link whose target does not exist or loops")
            }
            guard isInside(target) else {
                return File(path: path, name: prefix + name, refusal: "a symbolic link to \(target), outside the inbox: not followed")
            }
            switch Self.kind(of: target) {
            case .file: return File(path: target, name: prefix + name)
            case .folder: return nil
            case .other(let what): return File(path: path, name: prefix + name, refusal: "a symbolic link to \(what)")
            default: return File(path: path, name: prefix + name, refusal: "a symbolic link whose target does not exist or loops")
            }
        }
    }
}

/// The inbox cannot be used at all.
public enum InboxError: Error, Sendable, CustomStringConvertible {
    case missing(String)
    case unreadable(String, String)

    public var description: String {
        switch self {
        case .missing(let root): "inbox missing: \(root) is not a folder"
        case .unreadable(let root, let reason): "inbox unreadable: \(root) cannot be listed (\(reason))"
        }
    }
}
