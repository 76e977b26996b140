import CXLSXWriter
import CZipLevel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes an XLSX workbook through libxlsxwriter: every workbook the project writes goes through
/// here. Rows and columns are 1-based, as the reader and Excel show them. The creation time is
/// fixed, so the same content always gives the same bytes.
public final class SpreadsheetWriter {
    /// 2025-11-05T00:00:00Z, the SIGAP launch: the `created` property of every workbook written.
    public static let created = 1_762_300_800

    public let path: String
    private let workbook: UnsafeMutablePointer<lxw_workbook>
    private var formats: [CellStyle: UnsafeMutablePointer<lxw_format>] = [:]
    private var closed = false
    private let fastCompression: Bool
    private var tmpdir: [CChar]

    /// Creates the workbook (written at `close`). `constantMemory` streams rows to a temporary
    /// file in the destination folder (rows must then be written in order; strings go inline).
    /// `fastCompression` deflates the file at level 1 rather than libxlsxwriter's default
    /// (through `Sources/CZipLevel`): faster, about 25% larger.
    public init(path: String, constantMemory: Bool = false, fastCompression: Bool = false) throws {
        self.path = path
        self.fastCompression = fastCompression
        let folder = Self.folder(of: path)
        guard access(folder, W_OK) == 0 else {
            throw SpreadsheetWriterError(path: path, reason: "cannot write in folder '\(folder)': \(String(cString: strerror(errno)))")
        }
        tmpdir = Array(folder.utf8CString)
        var options = lxw_workbook_options()
        options.constant_memory = UInt8((constantMemory ? LXW_TRUE : LXW_FALSE).rawValue)
        let created: UnsafeMutablePointer<lxw_workbook>? = tmpdir.withUnsafeMutableBufferPointer { buffer in
            options.tmpdir = buffer.baseAddress
            return workbook_new_opt(path, &options)
        }
        guard let created else {
            throw SpreadsheetWriterError(path: path, reason: "libxlsxwriter could not create a workbook")
        }
        workbook = created
        var properties = lxw_doc_properties()
        properties.created = time_t(Self.created)
        try check(workbook_set_properties(workbook, &properties))
    }

    deinit {
        if !closed { lxw_workbook_free(workbook) }
    }

    /// Adds a worksheet; names are checked against Excel's rules.
    public func addSheet(_ name: String) throws -> Sheet {
        try check(workbook_validate_sheet_name(workbook, name))
        guard let sheet = workbook_add_worksheet(workbook, name) else {
            throw SpreadsheetWriterError(path: path, reason: "libxlsxwriter could not add sheet '\(name)'")
        }
        return Sheet(writer: self, sheet: sheet)
    }

    /// Writes the file and releases the workbook, then restricts the file to `permissions`
    /// (0640 by default: these workbooks may hold personal data).
    public func close(permissions: mode_t = 0o640) throws {
        guard !closed else { return }
        closed = true
        if fastCompression { sigap_zip_fast_begin() }
        let result = workbook_close(workbook)
        if fastCompression { sigap_zip_fast_end() }
        try check(result)
        guard chmod(path, permissions) == 0 else {
            throw SpreadsheetWriterError(path: path, reason: "cannot set permissions: \(String(cString: strerror(errno)))")
        }
    }

    /// A style resolved to the workbook's format for it (resolve once per column, not per cell).
    public struct Format {
        let pointer: UnsafeMutablePointer<lxw_format>?
    }

    public func resolve(_ style: CellStyle?) -> Format { Format(pointer: format(style)) }

    func format(_ style: CellStyle?) -> UnsafeMutablePointer<lxw_format>? {
        guard let style, style != CellStyle() else { return nil }
        if let format = formats[style] { return format }
        let format = workbook_add_format(workbook)!
        if style.bold { format_set_bold(format) }
        if style.wrap { format_set_text_wrap(format) }
        if let fill = style.fill {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, fill)
        }
        if let color = style.fontColor { format_set_font_color(format, color) }
        if let numberFormat = style.numberFormat { format_set_num_format(format, numberFormat) }
        if style.border { format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue)) }
        if style.centered { format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue)) }
        formats[style] = format
        return format
    }

    func check(_ result: lxw_error) throws {
        guard result != LXW_NO_ERROR else { return }
        throw SpreadsheetWriterError(path: path, reason: String(cString: lxw_strerror(result)))
    }

    private static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }
}
