/// Header labels as they are compared: upper-case, punctuation and line breaks as spaces, spaces
/// collapsed and trimmed (SPEC §14: `Tempat/Tgl. Lahir` → `TEMPAT TGL LAHIR`).
public enum HeaderText {
    public static func normalized(_ text: String) -> String {
        var words: [String] = []
        var word = ""
        for character in text.uppercased() {
            if character.isLetter || character.isNumber {
                word.append(character)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        return words.joined(separator: " ")
    }
}
