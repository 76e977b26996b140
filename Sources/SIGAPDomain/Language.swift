/// The language of messages: Bahasa Indonesia for the data team (the default), English with `--lang en`.
public enum Language: String, Hashable, Sendable, CaseIterable {
    case id
    case en
}
