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
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
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
        // Sets the deflate level of the workbooks libxlsxwriter writes (only C: no libxml2 here).
        .target(name: "CZipLevel", linkerSettings: [.linkedLibrary("dl")]),
        // Gives the C heap's free pages back to the system between a run's phases.
        .target(name: "CMalloc"),
        // SQLite's process-wide settings, which only C can make (`sqlite3_config` is variadic).
        .target(name: "CSQLiteConfig", linkerSettings: [.linkedLibrary("sqlite3")]),
        // renameat2(RENAME_EXCHANGE), which Glibc's Swift module does not show: a closed month's
        // folder published in one step.
        .target(name: "CFileSystem"),
        .target(
            name: "XLSX",
            dependencies: ["CZlib", "CXMLBridge"]
        ),

        // Writing workbooks (correction workbooks, ledgers, fixtures) through libxlsxwriter.
        .target(
            name: "XLSXWrite",
            dependencies: ["CXLSXWriter", "CZipLevel"]
        ),

        // Synthetic agency rosters written with libxlsxwriter (tests and benchmarks).
        .target(
            name: "SIGAPFixtures",
            dependencies: ["CXLSXWriter", "XLSXWrite", "SIGAPDomain"]
        ),

        // The SIGAP domain: NIK, normalisers, reference data, findings. No I/O.
        .target(name: "SIGAPDomain"),

        // The pipeline stages: extract, validate, dedupe, reconcile, ledger, emit.
        .target(
            name: "SIGAPPipeline",
            dependencies: [
                "XLSX", "XLSXWrite", "SIGAPDomain", "CMalloc", "CSQLiteConfig", "CFileSystem",
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's own C interface, for writing a month's ledger into the store from its file.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // The team store: the same tables and views on PostgreSQL, through postgres-nio.
        .target(
            name: "SIGAPPostgres",
            dependencies: [
                "SIGAPPipeline", "SIGAPDomain",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),

        // Thin command-line front end.
        .executableTarget(
            name: "sigap",
            dependencies: [
                "XLSX",
                "SIGAPDomain",
                "SIGAPPipeline",
                "SIGAPPostgres",
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
        // Test support for the pipeline's tests: a store that fails on purpose.
        .target(
            name: "SIGAPTestSupport",
            dependencies: ["SIGAPPipeline", "SIGAPDomain"],
            path: "Tests/SIGAPTestSupport"
        ),
        .testTarget(
            name: "XLSXTests",
            dependencies: ["XLSX", "XLSXTestSupport", "SIGAPFixtures"]
        ),
        .testTarget(
            name: "XLSXConformanceTests",
            dependencies: ["XLSXTestSupport"],
            exclude: ["README.md"]
        ),
        .testTarget(
            name: "SIGAPDomainTests",
            dependencies: ["SIGAPDomain"]
        ),
        .testTarget(
            name: "SIGAPPipelineTests",
            dependencies: [
                "SIGAPPipeline", "SIGAPDomain", "SIGAPFixtures", "XLSX", "SIGAPTestSupport", "CFileSystem",
                // To make a store as an older version left it.
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "SIGAPEndToEndTests",
            dependencies: [
                "XLSXTestSupport", "SIGAPFixtures", "XLSX", "SIGAPPipeline", "SIGAPDomain", "SIGAPTestSupport",
                // To query the store's views as the data team does.
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Expected"]
        ),
        .testTarget(
            name: "SIGAPPostgresTests",
            dependencies: ["SIGAPPostgres", "SIGAPPipeline", "SIGAPTestSupport"]
        ),
        .testTarget(
            name: "SIGAPFixturesTests",
            dependencies: ["SIGAPFixtures", "SIGAPDomain"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
