import ArgumentParser
import Foundation
import StrataGenerate
import StrataMigrate
import StrataPostgres
import StrataSchema

/// Tools for benchmarks and bug reports; not part of the documented interface.
struct DebugCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debug",
        abstract: "Internals for benchmarks and bug reports.",
        shouldDisplay: false,
        subcommands: [CatalogQueries.self, InspectedSchema.self, RoundTrips.self]
    )

    struct CatalogQueries: AsyncParsableCommand, FormattedCommand {
        static let configuration = CommandConfiguration(
            commandName: "catalog-queries",
            abstract: "Print the catalog queries that schema introspection runs, as a psql script."
        )
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let context = try CommandContext(global)
            let inspector = SchemaInspector(options: .init(
                excludeTables: [QualifiedName(context.configuration.historySchema, HistoryTable.tableName)],
                comparison: context.configuration.comparison
            ))
            context.output.result(try inspector.script())
        }
    }

    struct InspectedSchema: AsyncParsableCommand, FormattedCommand {
        static let configuration = CommandConfiguration(
            commandName: "schema",
            abstract: "Print the schema model read from a source (env:NAME, a URL, schema, migrations or a path) as JSON, keys sorted."
        )
        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The source to read (default: the environment's database).", valueName: "source"))
        var source: String?

        func run() async throws {
            let context = try CommandContext(global)
            try await context.droppingScratchOnSignal {
                let source = try await context.schemaSource(source ?? "env:\(context.environmentName)")
                var timings = PhaseTimings()
                let schema = try await context.schemaReader(for: [source]).read(source, timings: &timings)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                context.output.result(String(decoding: try encoder.encode(schema), as: UTF8.self))
            }
        }
    }

    struct RoundTrips: AsyncParsableCommand, FormattedCommand {
        static let configuration = CommandConfiguration(
            commandName: "round-trips",
            abstract: "Run a trivial statement many times and print the mean round trip, to measure the link and the driver."
        )
        @OptionGroup var global: GlobalOptions

        @Option(help: "How many statements.")
        var count = 2000

        @Option(help: "The statement.")
        var sql = "SELECT 1"

        func run() async throws {
            let context = try CommandContext(global)
            let target = try context.resolveTarget()
            try await context.withSession(target) { session, _ in
                let clock = ContinuousClock()
                let started = clock.now
                for _ in 0..<count { try await session.execute(sql) }
                let elapsed = clock.now - started
                let (seconds, attoseconds) = elapsed.components
                let microseconds = (Double(seconds) * 1e6 + Double(attoseconds) / 1e12) / Double(count)
                context.output.result("\(count) × \(sql): \(String(format: "%.1f", microseconds)) µs per round trip")
            }
        }
    }
}
