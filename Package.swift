// swift-tools-version: 6.2
import PackageDescription

/// One settings list for every target, so that the compiler holds every module to the same rules.
let strictSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "Formwork",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "formwork", targets: ["formwork"]),
        .library(name: "FormworkDefinitions", targets: ["FormworkDefinitions"]),
        .library(name: "FormworkLanguage", targets: ["FormworkLanguage"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // Pure layers: no I/O, no Yams, no ArgumentParser.
        .target(name: "FormworkDiagnostics"),
        .target(name: "FormworkText"),
        .target(name: "FormworkLanguage", dependencies: ["FormworkText"]),
        // The only Yams user.
        .target(
            name: "FormworkDefinitions",
            dependencies: [
                "FormworkDiagnostics", "FormworkLanguage", "FormworkText", .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Pure state machine: commands in, events out.
        .target(
            name: "FormworkEngine",
            dependencies: [
                "FormworkDefinitions", "FormworkLanguage", "FormworkText",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The journal on disk (and its in-memory twin); stores opaque JSON bodies.
        .target(
            name: "FormworkStore",
            dependencies: ["FormworkText", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // The engine's state in the store: snapshots as segments read on demand, commands as batches.
        .target(
            name: "FormworkPersistence",
            dependencies: ["FormworkEngine", "FormworkStore", "FormworkDefinitions", "FormworkLanguage"]
        ),
        // Test helper for the store's crash and concurrency tests: appends batches, prints each acknowledgement.
        .executableTarget(name: "formwork-store-crash", dependencies: ["FormworkStore"]),
        // Terminal conversations generated from forms (issue 4): a Terminal protocol and its scripted twin.
        .target(
            name: "FormworkPrompts",
            dependencies: ["FormworkDefinitions", "FormworkEngine", "FormworkLanguage", "FormworkDiagnostics"]
        ),
        // The form-set audit (issue 5): findings from the definitions and from usage.
        .target(
            name: "FormworkAudit",
            dependencies: ["FormworkDefinitions", "FormworkEngine", "FormworkLanguage", "FormworkDiagnostics"]
        ),
        // Management reports (issue 6): activity, reviews, funnel, targets, meeting packs; pure.
        // HTML is rendered through Mustache templates, so that every value is escaped by the engine.
        .target(
            name: "FormworkReports",
            dependencies: [
                "FormworkDefinitions", "FormworkEngine", "FormworkLanguage", "FormworkDiagnostics",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(
            name: "FormworkCLI",
            dependencies: [
                "FormworkDiagnostics", "FormworkDefinitions", "FormworkLanguage", "FormworkEngine", "FormworkStore",
                "FormworkPersistence", "FormworkPrompts", "FormworkAudit", "FormworkReports", "FormworkText",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "formwork",
            dependencies: ["FormworkCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Benchmarks of the workload in ../shared/bench (S1, S3, the disk's fdatasync limit, store seeding).
        .executableTarget(
            name: "formwork-bench",
            dependencies: [
                "FormworkDefinitions", "FormworkDiagnostics", "FormworkEngine", "FormworkLanguage", "FormworkStore",
                "FormworkPersistence",
            ]
        ),
        // What several test targets share (golden files); a library of the tests only, built with them.
        .target(name: "FormworkTestSupport", path: "Tests/FormworkTestSupport"),
        .testTarget(name: "FormworkDiagnosticsTests", dependencies: ["FormworkDiagnostics"]),
        .testTarget(name: "FormworkTextTests", dependencies: ["FormworkText"]),
        .testTarget(
            name: "FormworkLanguageTests",
            dependencies: ["FormworkLanguage", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "FormworkDefinitionsTests",
            // FormworkAudit for its seeded generator only.
            dependencies: [
                "FormworkDefinitions", "FormworkDiagnostics", "FormworkLanguage", "FormworkAudit",
                "FormworkTestSupport",
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "FormworkEngineTests",
            dependencies: [
                "FormworkEngine", "FormworkDefinitions", "FormworkLanguage", "FormworkTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Golden"]
        ),
        .testTarget(name: "FormworkStoreTests", dependencies: ["FormworkStore", "FormworkText"]),
        .testTarget(
            name: "FormworkPersistenceTests",
            dependencies: ["FormworkPersistence", "FormworkEngine", "FormworkStore", "FormworkDefinitions"]
        ),
        .testTarget(
            name: "FormworkPromptsTests",
            dependencies: [
                "FormworkPrompts", "FormworkEngine", "FormworkDefinitions", "FormworkLanguage", "FormworkDiagnostics",
            ]
        ),
        .testTarget(
            name: "FormworkAuditTests",
            dependencies: [
                "FormworkAudit", "FormworkEngine", "FormworkDefinitions", "FormworkDiagnostics", "FormworkTestSupport",
            ],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "FormworkReportsTests",
            dependencies: [
                "FormworkReports", "FormworkAudit", "FormworkEngine", "FormworkDefinitions", "FormworkLanguage",
                "FormworkDiagnostics", "FormworkTestSupport",
            ],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "FormworkCLITests",
            dependencies: [
                "FormworkCLI", "FormworkDiagnostics", "FormworkDefinitions", "FormworkStore", "FormworkEngine",
                "FormworkLanguage", "FormworkPersistence", "FormworkAudit", "FormworkReports", "FormworkTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["Golden"]
        ),
    ]
)

for target in package.targets {
    target.swiftSettings = (target.swiftSettings ?? []) + strictSettings
}
