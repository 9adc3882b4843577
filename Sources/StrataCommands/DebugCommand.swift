import ArgumentParser
import StrataMigrate
import StrataPostgres
import StrataSchema

/// Tools for benchmarks and bug reports; not part of the documented interface.
struct DebugCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debug",
        abstract: "Internals for benchmarks and bug reports.",
        shouldDisplay: false,
        subcommands: [CatalogQueries.self]
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
                excludeTables: [QualifiedName(context.configuration.historySchema, HistoryTable.tableName)]
            ))
            context.output.result(try inspector.script())
        }
    }
}
