/// A1-style names of cells and columns.
public enum CellReference {
    /// `A` for 1, `Z` for 26, `AA` for 27, ..., `XFD` for 16,384.
    public static func columnName(_ column: Int) -> String {
        if column > 0 && column <= commonNames.count { return commonNames[column - 1] }
        return spell(column)
    }

    /// `A` to `ZZ`, spelled once.
    private static let commonNames: [String] = (1...702).map(spell)

    private static func spell(_ column: Int) -> String {
        var number = column
        var scalars: [Unicode.Scalar] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            scalars.append(Unicode.Scalar(UInt8(65 + remainder)))
            number = (number - 1) / 26
        }
        var name = ""
        name.unicodeScalars.append(contentsOf: scalars.reversed())
        return name
    }

    public static func name(row: Int, column: Int) -> String {
        "\(columnName(column))\(row)"
    }
}
