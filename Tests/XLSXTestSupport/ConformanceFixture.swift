/// One committed fixture file: where it lives, which XLSX-READER.md items it exercises, and how to
/// build its bytes.
public struct ConformanceFixture: Sendable, CustomStringConvertible {
    public enum Folder: String, Sendable {
        /// Well-formed workbooks the reader must read (`fixtures/xlsx`).
        case xlsx
        /// Files the reader must refuse with a clean error (`fixtures/hostile`).
        case hostile
    }

    public let folder: Folder
    public let fileName: String
    /// Numbers of the XLSX-READER.md items the fixture exercises (33: SPEC §14 limits).
    public let items: [Int]
    private let make: @Sendable () -> [UInt8]

    public init(_ folder: Folder, _ fileName: String, items: [Int], make: @escaping @Sendable () -> [UInt8]) {
        self.folder = folder
        self.fileName = fileName
        self.items = items
        self.make = make
    }

    /// The fixture's bytes, built afresh (deterministic: equal to the committed file).
    public func bytes() -> [UInt8] { make() }

    /// The path relative to the package root, as the tests pass it to `sigap`.
    public var path: String { "fixtures/\(folder.rawValue)/\(fileName)" }

    public var description: String { path }
}
