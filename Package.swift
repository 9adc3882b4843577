// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "strata",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "strata", targets: ["strata"]),
        .library(name: "Strata", targets: ["Strata"]),
        .plugin(name: "StrataCodegenPlugin", targets: ["StrataCodegenPlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3" ..< "5.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        // Pure: PostgreSQL lexer, statement splitter, migration-file directives.
        .target(name: "StrataSQL", swiftSettings: swiftSettings),
        // Pure: value types for a database schema, canonical and comparable.
        .target(name: "StrataSchema", swiftSettings: swiftSettings),
        // Pure: migration files -> lint findings, from a schema model kept from their DDL.
        .target(name: "StrataLint", dependencies: ["StrataSQL"], swiftSettings: swiftSettings),
        // Pure: topological order with hard edges and soft preferences (plans, compiled models).
        .target(name: "StrataGraph", swiftSettings: swiftSettings),
        // Pure: Schema x Schema -> Plan (ordered changes with hazards) -> SQL.
        .target(name: "StrataDiff", dependencies: ["StrataSchema", "StrataSQL", "StrataGraph"], swiftSettings: swiftSettings),
        // Pure: Schema -> documentation pages (Markdown, a Mermaid ER diagram, DOT); Plan -> migration records.
        .target(name: "StrataDocs", dependencies: ["StrataSchema", "StrataDiff"], swiftSettings: swiftSettings),
        // I/O: connection settings, sessions on PostgresNIO, catalog introspection, local cluster.
        .target(
            name: "StrataPostgres",
            dependencies: [
                "StrataSQL", "StrataSchema",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Migration directory, history table, engine.
        .target(
            name: "StrataMigrate",
            dependencies: [
                "StrataSQL", "StrataPostgres",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Fleets: one migration set over many databases, servers and tenant schemas in parallel;
        // the target list, waves and scheduler are pure, each target's run is the engine's.
        .target(
            name: "StrataFleet",
            dependencies: ["StrataSQL", "StrataPostgres", "StrataMigrate"],
            swiftSettings: swiftSettings
        ),
        // Pure: YAML model layers -> merged model -> SQL (the compiled desired schema); Schema -> YAML (import).
        .target(
            name: "StrataModels",
            dependencies: [
                "StrataSQL", "StrataSchema", "StrataGraph",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Pure: another tool's migration folder -> Strata migration files; the tool's history rows -> applied versions.
        .target(
            name: "StrataAdopt",
            dependencies: ["StrataSQL", "StrataMigrate"],
            swiftSettings: swiftSettings
        ),
        // Schema as code: sources, scratch databases, diff, generate with proofs, push.
        .target(
            name: "StrataGenerate",
            dependencies: ["StrataSQL", "StrataSchema", "StrataDiff", "StrataPostgres", "StrataMigrate"],
            swiftSettings: swiftSettings
        ),
        // Backups: pg_dump archives with a manifest (SHA-256, and the schema and row counts of the
        // snapshot the archive holds), restore, and restore verified on a scratch database.
        .target(
            name: "StrataBackup",
            dependencies: [
                "StrataSQL", "StrataSchema", "StrataDiff", "StrataPostgres", "StrataGenerate",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Observed lint: migrations run on a scratch database, their locks, rewrites and scans recorded.
        .target(
            name: "StrataObserve",
            dependencies: ["StrataLint", "StrataSQL", "StrataPostgres", "StrataGenerate"],
            swiftSettings: swiftSettings
        ),
        // Typed Swift code from the schema and from SQL queries: query files, nullability
        // analysis and the Swift renderer (pure), the describer on a scratch database (I/O).
        .target(
            name: "StrataCodegen",
            dependencies: [
                "StrataSQL", "StrataPostgres", "StrataMigrate", "StrataGenerate",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The public library API for apps.
        .target(
            name: "Strata",
            dependencies: [
                "StrataSQL", "StrataPostgres", "StrataMigrate", "StrataLint", "StrataFleet",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Subcommands, configuration, rendering. Testable in-process.
        .target(
            name: "StrataCommands",
            dependencies: [
                "StrataSQL", "StrataSchema", "StrataDiff", "StrataPostgres", "StrataMigrate", "StrataGenerate", "StrataModels",
                "StrataAdopt", "StrataLint", "StrataObserve", "StrataCodegen", "StrataBackup", "StrataFleet", "StrataDocs",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Test support: one local cluster per test process, one database per test.
        .target(
            name: "StrataTesting",
            dependencies: ["StrataSQL", "StrataPostgres"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "strata",
            dependencies: [
                "StrataCommands",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        .testTarget(
            name: "StrataSQLTests",
            dependencies: ["StrataSQL", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: swiftSettings
        ),
        // Test support shared by test targets: random schemas for property tests and round trips, model files.
        .target(
            name: "StrataTestSupport",
            dependencies: ["StrataSchema"],
            path: "Tests/StrataTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StrataLintTests",
            dependencies: ["StrataLint", "StrataSQL", "StrataPostgres", "StrataTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StrataObserveTests",
            dependencies: ["StrataObserve", "StrataLint", "StrataSQL", "StrataTesting", "StrataPostgres", "StrataGenerate"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StrataDiffTests",
            dependencies: ["StrataDiff", "StrataSchema", "StrataTestSupport", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StrataDocsTests",
            dependencies: [
                "StrataDocs", "StrataDiff", "StrataSchema", "StrataGenerate", "StrataMigrate", "StrataPostgres", "StrataTesting",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StrataGenerateTests",
            dependencies: ["StrataGenerate", "StrataModels", "StrataDiff", "StrataSchema", "StrataPostgres", "StrataTesting", "StrataTestSupport", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StrataModelsTests",
            dependencies: ["StrataModels", "StrataSchema", "StrataGenerate", "StrataDiff", "StrataPostgres", "StrataTesting", "StrataTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StrataPostgresTests",
            dependencies: [
                "StrataSQL", "StrataSchema", "StrataPostgres", "StrataTesting", "StrataTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StrataBackupTests",
            dependencies: ["StrataBackup", "StrataPostgres", "StrataSchema", "StrataTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StrataMigrateTests",
            dependencies: ["StrataMigrate", "StrataTesting", "StrataTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StrataFleetTests",
            dependencies: ["StrataFleet", "StrataMigrate", "StrataPostgres", "StrataTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StrataAdoptTests",
            dependencies: ["StrataAdopt", "StrataMigrate", "StrataSQL", "StrataTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StrataTests",
            dependencies: ["Strata", "StrataTesting", .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StrataTestingTests",
            dependencies: ["StrataTesting", "StrataPostgres", "StrataSQL"],
            swiftSettings: swiftSettings
        ),
        // `swift package strata-codegen`: runs `strata codegen` for the package (docs/codegen.md).
        .plugin(
            name: "StrataCodegenPlugin",
            capability: .command(
                intent: .custom(verb: "strata-codegen", description: "Regenerate the typed Swift database code with strata codegen"),
                permissions: [
                    .writeToPackageDirectory(reason: "strata codegen writes the generated Swift file (codegen.output in strata.yaml)"),
                    .allowNetworkConnections(scope: .all(), reason: "strata codegen applies the migrations on a scratch PostgreSQL server"),
                ]
            ),
            dependencies: ["strata"]
        ),
        // The generated file of Examples/codegen, compiled so that its tests can call it.
        .target(
            name: "CodegenExample",
            dependencies: [.product(name: "PostgresNIO", package: "postgres-nio")],
            path: "Examples/codegen/Sources/CodegenExample"
        ),
        .testTarget(
            name: "StrataCodegenTests",
            dependencies: [
                "StrataCodegen", "StrataSQL", "StrataPostgres", "StrataGenerate", "StrataMigrate", "StrataTesting", "CodegenExample",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StrataCommandsTests",
            dependencies: ["StrataCommands", "StrataAdopt", "StrataGenerate", "StrataDiff", "StrataMigrate", "StrataFleet", "StrataTesting", "strata"],
            swiftSettings: swiftSettings
        ),
    ]
)
