import Foundation
import Testing
import XLSXTestSupport

/// The committed files under fixtures/xlsx and fixtures/hostile are exactly what
/// `ConformanceFixtures` builds. With `SIGAP_REGENERATE_FIXTURES=1` the test rewrites them instead.
@Suite("Committed fixtures")
struct CommittedFixturesTests {
    static let regenerate = ProcessInfo.processInfo.environment["SIGAP_REGENERATE_FIXTURES"] == "1"
    static let howToRegenerate = "run SIGAP_REGENERATE_FIXTURES=1 swift test --filter CommittedFixturesTests"

    @Test func committedFixturesAreUpToDate() throws {
        let root = SigapProcess.packageRoot
        for fixture in ConformanceFixtures.all {
            let url = root.appendingPathComponent(fixture.path)
            let bytes = fixture.bytes()
            if Self.regenerate {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url)
                continue
            }
            guard let committed = FileManager.default.contents(atPath: url.path) else {
                Issue.record("\(fixture.path) is missing: \(Self.howToRegenerate)")
                continue
            }
            #expect(
                Array(committed) == bytes,
                "\(fixture.path) differs from what ConformanceFixtures builds (zlib \(Zlib.version)): \(Self.howToRegenerate)")
        }
    }

    @Test func noStrayFilesInFixtureFolders() throws {
        let known = Set(ConformanceFixtures.all.map(\.path))
        for folder in ["fixtures/xlsx", "fixtures/hostile"] {
            let url = SigapProcess.packageRoot.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            for name in names where !name.hasPrefix(".") {
                #expect(known.contains("\(folder)/\(name)"), "\(folder)/\(name) is built by no fixture")
            }
        }
    }

    @Test func fixtureNamesAreUniqueAndNumbered() {
        let paths = ConformanceFixtures.all.map(\.path)
        #expect(Set(paths).count == paths.count)
        for fixture in ConformanceFixtures.all where fixture.folder == .xlsx {
            let number = Int(fixture.fileName.prefix(2))
            #expect(number.map(fixture.items.contains) == true, "\(fixture.path) should start with its item number")
        }
    }

    @Test func everyItemHasAFixture() {
        let covered = Set(ConformanceFixtures.all.flatMap(\.items))
        for item in 1...32 {
            #expect(covered.contains(item), "XLSX-READER.md item \(item) has no fixture")
        }
    }
}
