import Foundation
import StrataGenerate
import StrataMigrate
import StrataPostgres

/// How long each part of a run took, in milliseconds.
public struct CodegenTimings: Sendable, Equatable {
    public var scratchMs = 0
    public var describeMs = 0
    public var renderMs = 0
}

/// The result of a run: the Swift text and what it was generated from.
public struct CodegenResult: Sendable {
    public var swift: String
    public var catalog: CodegenCatalog
    public var queries: [DescribedQuery]
    public var timings: CodegenTimings
    /// What the file was rendered with (its type map: ``types``).
    public var options: CodegenOptions

    /// The type map the file was rendered with, `codegen.types` included.
    public var types: SwiftTypeMap { SwiftTypeMap(catalog: catalog, overrides: options.typeOverrides) }
}

/// `strata codegen`: the query files read, the migrations applied to a scratch database,
/// the catalog and every query described there, the Swift file rendered.
public struct CodegenRun {
    public var reader: SchemaReader
    public var migrator: Migrator
    /// The query files' folder, absolute; nil or missing: no queries.
    public var queriesPath: String?
    /// The folder as shown in messages (`queries`).
    public var queriesDisplay: String
    public var options: CodegenOptions

    public init(reader: SchemaReader, migrator: Migrator, queriesPath: String?, queriesDisplay: String, options: CodegenOptions) {
        self.reader = reader
        self.migrator = migrator
        self.queriesPath = queriesPath
        self.queriesDisplay = queriesDisplay
        self.options = options
    }

    /// The named queries of every `.sql` file of the folder (sub-folders included), in
    /// path order; a name used twice is an error naming both places.
    public func readQueries() throws -> [QueryDefinition] {
        guard let queriesPath, FileManager.default.fileExists(atPath: queriesPath) else { return [] }
        let files = (FileManager.default.enumerator(atPath: queriesPath)?.compactMap { $0 as? String } ?? [])
            .filter { $0.lowercased().hasSuffix(".sql") }.sorted()
        var queries: [QueryDefinition] = []
        for file in files {
            let display = queriesDisplay + "/" + file
            let data = try Data(contentsOf: URL(fileURLWithPath: queriesPath + "/" + file))
            guard let text = String(data: data, encoding: .utf8) else {
                throw QueryFileError(file: display, line: 1, column: 1, message: "the file is not UTF-8")
            }
            for query in try QueryFileParser.parse(text, file: display) {
                if let first = queries.first(where: { $0.name == query.name }) {
                    throw QueryFileError(
                        file: query.file, line: query.line, column: 1,
                        message: "the query name \(query.name) is used twice (first at \(first.file):\(first.line))",
                        hint: "give each query its own name: it becomes a Swift function"
                    )
                }
                queries.append(query)
            }
        }
        return queries
    }

    public func run() async throws -> CodegenResult {
        let definitions = try readQueries()
        var timings = CodegenTimings()
        var watch = Stopwatch()
        let history = migrator.configuration.history
        let (catalog, described, replayMs) = try await reader.withReplayed(migrator, purpose: "generating code") { session in
            var replayWatch = watch
            let replayMs = replayWatch.lap()
            let describer = QueryDescriber(session: session, historyTable: (history.schema, HistoryTable.tableName))
            var catalog = try await describer.catalog()
            var described: [DescribedQuery] = []
            for (index, definition) in definitions.enumerated() {
                described.append(try await describer.describe(definition, number: index + 1, catalog: &catalog))
            }
            return (catalog, described, replayMs)
        }
        // scratch: creating the database and replaying; describe: the rest until it is dropped.
        timings.scratchMs = replayMs
        timings.describeMs = watch.lap() - replayMs
        let swift = try SwiftRenderer(catalog: catalog, queries: described, options: options).render()
        timings.renderMs = watch.lap()
        return CodegenResult(swift: swift, catalog: catalog, queries: described, timings: timings, options: options)
    }
}
