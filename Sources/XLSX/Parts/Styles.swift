/// What the reader needs from `styles.xml`: for each cell format (`cellXfs` index), whether it shows
/// a date or time. Resolved once when the workbook opens.
struct Styles: Sendable {
    /// Date-ness per style index.
    let dateStyles: [Bool]
    /// Solid fill colour (`RRGGBB`) per style index, nil where there is none.
    let fills: [String?]

    static let none = Styles(dateStyles: [], fills: [])

    /// The style index a cell uses: its own when in range, else 0.
    func resolved(_ index: UInt32) -> Int {
        Int(index) < dateStyles.count ? Int(index) : 0
    }

    /// The solid fill colour of a style, `RRGGBB`.
    func fill(_ index: Int) -> String? {
        fills.indices.contains(index) ? fills[index] : nil
    }

    /// Whether style `index` is a date or time format. An absent or out-of-range index means style 0.
    func isDate(_ index: UInt32) -> Bool {
        if Int(index) < dateStyles.count { return dateStyles[Int(index)] }
        return dateStyles.first ?? false
    }

    init(dateStyles: [Bool], fills: [String?]) {
        self.dateStyles = dateStyles
        self.fills = fills
    }

    init(_ root: PartElement) {
        var custom: [Int: String] = [:]
        for format in root.child(named: "numFmts")?.children(named: "numFmt") ?? [] {
            if let id = format[attribute: "numFmtId"].flatMap({ Int($0) }), let code = format[attribute: "formatCode"] {
                custom[id] = code
            }
        }
        let solidFills: [String?] = (root.child(named: "fills")?.children(named: "fill") ?? []).map { fill in
            guard let pattern = fill.child(named: "patternFill"), pattern[attribute: "patternType"] == "solid",
                let rgb = pattern.child(named: "fgColor")?[attribute: "rgb"]
            else { return nil }
            return String(rgb.uppercased().suffix(6))
        }
        var dates: [Bool] = []
        var fills: [String?] = []
        for xf in root.child(named: "cellXfs")?.children(named: "xf") ?? [] {
            let id = xf[attribute: "numFmtId"].flatMap { Int($0) } ?? 0
            if let code = custom[id] {
                dates.append(NumberFormat.isDateFormat(code))
            } else {
                dates.append(NumberFormat.isBuiltInDate(id))
            }
            let fillID = xf[attribute: "fillId"].flatMap { Int($0) } ?? 0
            fills.append(solidFills.indices.contains(fillID) ? solidFills[fillID] : nil)
        }
        self.dateStyles = dates
        self.fills = fills
    }
}
