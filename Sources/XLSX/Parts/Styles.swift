/// What the reader needs from `styles.xml`: for each cell format (`cellXfs` index), whether it shows
/// a date or time. Resolved once when the workbook opens.
struct Styles: Sendable {
    /// Date-ness per style index.
    let dateStyles: [Bool]

    static let none = Styles(dateStyles: [])

    /// Whether style `index` is a date or time format. An absent or out-of-range index means style 0.
    func isDate(_ index: UInt32) -> Bool {
        if Int(index) < dateStyles.count { return dateStyles[Int(index)] }
        return dateStyles.first ?? false
    }

    init(dateStyles: [Bool]) {
        self.dateStyles = dateStyles
    }

    init(_ root: PartElement) {
        var custom: [Int: String] = [:]
        for format in root.child(named: "numFmts")?.children(named: "numFmt") ?? [] {
            if let id = format[attribute: "numFmtId"].flatMap({ Int($0) }), let code = format[attribute: "formatCode"] {
                custom[id] = code
            }
        }
        var dates: [Bool] = []
        for xf in root.child(named: "cellXfs")?.children(named: "xf") ?? [] {
            let id = xf[attribute: "numFmtId"].flatMap { Int($0) } ?? 0
            if let code = custom[id] {
                dates.append(NumberFormat.isDateFormat(code))
            } else {
                dates.append(NumberFormat.isBuiltInDate(id))
            }
        }
        self.dateStyles = dates
    }
}
