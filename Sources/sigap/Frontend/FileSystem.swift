import Foundation

/// The few file-system operations the command line needs.
enum FileSystem {
    static func createFolder(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
}
