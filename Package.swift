// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "sigap",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sigap", targets: ["sigap"]),
        .library(name: "XLSX", targets: ["XLSX"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // C bridges. Only CXMLBridge's .c files ever include <libxml/...>: Swift modules that can
        // see libxml2's headers also see Debian's system ICU, which clashes with Foundation's.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .target(
            name: "CXMLBridge",
            dependencies: ["CLibXML2"]
        ),

        // The XLSX reader: knows nothing of SIGAP.
        .target(
            name: "XLSX",
            dependencies: ["CZlib", "CXMLBridge"]
        ),

        // Synthetic agency rosters written with libxlsxwriter (tests and benchmarks).
        .target(
            name: "SIGAPFixtures",
            dependencies: ["CXLSXWriter"]
        ),

        // Thin command-line front end.
        .executableTarget(
            name: "sigap",
            dependencies: [
                "XLSX",
                "SIGAPFixtures",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Test support: a small deterministic zip writer and the conformance fixtures built with it.
        .target(
            name: "XLSXTestSupport",
            dependencies: ["CZlib"],
            path: "Tests/XLSXTestSupport"
        ),
        .testTarget(
            name: "XLSXTests",
            dependencies: ["XLSX", "XLSXTestSupport", "SIGAPFixtures"]
        ),
        .testTarget(
            name: "XLSXConformanceTests",
            dependencies: ["XLSXTestSupport"]
        ),
        .testTarget(
            name: "SIGAPFixturesTests",
            dependencies: ["SIGAPFixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
