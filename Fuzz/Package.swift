// swift-tools-version:6.1
// Fuzz targets for the XLSX reader (container and XML layers). A package of its own so that the
// main package never links libFuzzer: build and run it with `make fuzz` (tools/fuzz/run.sh), which
// passes `-sanitize=fuzzer,address`. The executables define no `main`: libFuzzer provides it.
import PackageDescription

let package = Package(
    name: "sigap-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "sigap", path: "..")
    ],
    targets: [
        // Input handling shared by both targets: the scratch file, the stored-zip writer that
        // wraps XML into a minimal workbook, and the exhaustive read of a workbook.
        .target(
            name: "FuzzHarness",
            dependencies: ["CFuzzSupport", .product(name: "XLSX", package: "sigap")]
        ),
        // C helpers: the `<module>_main` symbols SwiftPM's Linux link expects (handing over to
        // libFuzzer's driver) and zlib's CRC-32 for the stored-zip writer.
        .target(name: "CFuzzSupport", linkerSettings: [.linkedLibrary("z")]),
        // Level 1: the input is the whole .xlsx file (zip container, then everything behind it).
        .executableTarget(name: "fuzz-container", dependencies: ["FuzzHarness"]),
        // Level 2: the input is one XML part, wrapped into an otherwise valid workbook.
        .executableTarget(name: "fuzz-xml", dependencies: ["FuzzHarness"]),
    ],
    swiftLanguageModes: [.v6]
)
