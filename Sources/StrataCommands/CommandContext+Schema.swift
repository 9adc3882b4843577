import Foundation
import StrataGenerate
import StrataMigrate
import StrataModels
import StrataPostgres
import StrataSchema

extension CommandContext {
    /// The server for scratch databases: `scratch_url`, or the local cluster (started on
    /// demand).
    func scratchServer() async throws -> ScratchServer {
        if let raw = configuration.scratchURL {
            let expanded = try VariableExpansion.expand(
                raw, environment: environment.variables, setting: "scratch_url",
                file: configuration.file.map { ($0 as NSString).lastPathComponent },
                line: configuration.scratchURLLocation?.line, column: configuration.scratchURLLocation?.column
            )
            do {
                let settings = try ConnectionSettings(url: expanded)
                    .fillingPassword(environment: environment.variables, passwordFile: nil)
                return ScratchServer(adminSettings: settings)
            } catch let error as DatabaseError {
                throw ConfigurationError("scratch_url is not a usable connection URL: \(error.message)", hint: error.hint)
            }
        }
        let cluster = LocalCluster(directory: configuration.resolve(".strata/postgres"))
        if !(try cluster.status().isRunning) {
            output.progress(output.paint("Starting the local cluster in \(relative(cluster.directory)) for scratch databases…", .gray))
            try await cluster.start()
        }
        return ScratchServer(adminSettings: cluster.settings(database: "postgres"), createsMissingRoles: true)
    }

    /// A reader for `sources`, with a scratch server (starting the local cluster when that
    /// is it) only when one of them needs it.
    func schemaReader(for sources: [SchemaSource]) async throws -> SchemaReader {
        let scratch = sources.contains(where: \.needsScratch) ? try await scratchServer() : nil
        var reader = SchemaReader(scratch: scratch, historySchema: configuration.historySchema, comparison: configuration.comparison)
        reader.waitsForClose = environment.waitsForClose
        return reader
    }

    /// The target ready to connect to without connecting: when it is the local cluster, the
    /// cluster started and the database created if need be, with their settings and URL.
    func prepared(_ target: ResolvedTarget) async throws -> ResolvedTarget {
        var target = target
        guard let cluster = target.localCluster, let database = target.localDatabase else { return target }
        var status = try cluster.status()
        if !status.isRunning { status = try await cluster.start() }
        try await cluster.ensureDatabase(database)
        target.settings = cluster.settings(database: database)
        target.displayURL = status.url(database: database)
        return target
    }

    /// The schema of a ``prepared(_:)`` target and that of an empty database (a scratch
    /// one), read side by side: what `dump` plans from and `clean` plans to.
    func readWithEmptySchema(_ target: ResolvedTarget) async throws -> (schema: Schema, empty: Schema) {
        guard let settings = target.settings else { throw ConfigurationError("environment \(target.environment) names no database") }
        let source = SchemaSource.database(settings, label: "env:\(target.environment)")
        let emptySource = SchemaSource.files(SchemaFiles(files: []), label: "an empty database")
        let reader = try await schemaReader(for: [source, emptySource])
        async let empty = Self.read(emptySource, reader)
        let schema = try await Self.read(source, reader)
        return (schema, try await empty)
    }

    /// Reads one source with its own timings (for reading two side by side).
    static func read(_ source: SchemaSource, _ reader: SchemaReader) async throws -> Schema {
        var timings = PhaseTimings()
        return try await reader.read(source, timings: &timings)
    }

    /// A source as the user wrote it (`env:NAME`, a URL, `schema`, `migrations`, a path).
    func schemaSource(_ text: String) async throws -> SchemaSource {
        switch SchemaSource.Spelling(text) {
        case .environment(let name):
            let target = try await prepared(TargetResolver(
                configuration: configuration, environmentName: name, urlFlag: nil, variables: environment.variables
            ).resolve())
            guard let settings = target.settings else { throw ConfigurationError("environment \(name) names no database") }
            return .database(settings, label: "env:\(name)")
        case .url(let url):
            do {
                let settings = try ConnectionSettings(url: url).fillingPassword(environment: environment.variables, passwordFile: nil)
                return .database(settings, label: settings.redactedURL)
            } catch let error as DatabaseError {
                throw ConfigurationError("the source URL is not usable: \(error.message)", hint: error.hint)
            }
        case .desiredSchema:
            return .files(try desiredSchemaFiles(), label: "schema")
        case .migrations:
            return .migrations(try migrator(), label: "migrations")
        case .path(let path):
            let full = path.hasPrefix("/") ? path : (environment.workingDirectory as NSString).appendingPathComponent(path)
            return .files(try SchemaFiles.read(path: full, displayPath: path), label: path)
        }
    }

    /// The desired schema's SQL files. With `models:` configured, the models are compiled
    /// first and the generated file is part of the desired schema, with any other `.sql`
    /// file of the schema folder. `writingModels` rewrites the generated file when it is
    /// out of date; without it (`generate --check`) the compiled text is used in memory.
    ///
    /// The `pre:` files come first, and the repeatable and `post:` files last, as every `up`
    /// runs them: so the desired schema holds what they make, as production does.
    func desiredSchemaFiles(writingModels: Bool = true) throws -> SchemaFiles {
        try schemaFolderFiles(writingModels: writingModels).surrounded(by: configuration.scripts())
    }

    /// The schema folder's files, with the compiled models when configured.
    private func schemaFolderFiles(writingModels: Bool) throws -> SchemaFiles {
        guard configuration.models != nil else {
            return try SchemaFiles.read(path: configuration.schemaPath, displayPath: configuration.schema)
        }
        let output = configuration.modelsOutput
        let outputPath = configuration.resolve(output)
        let compiledText: String
        if writingModels {
            guard let compilation = try writeCompiledModels(force: false) else { return try schemaFolderFiles(writingModels: true) }
            if compilation.written {
                self.output.progress(self.output.paint("Compiled the models into \(compilation.output).", .gray))
            }
            compiledText = compilation.compiled.fileText
        } else {
            guard let (compiled, _) = try compileModels() else { return try schemaFolderFiles(writingModels: false) }
            if let data = FileManager.default.contents(atPath: outputPath) {
                let existing = String(decoding: data, as: UTF8.self)
                if ModelCompiler.state(of: existing) == .edited {
                    throw Self.editedError(existing: existing, compiled: compiled, output: output)
                }
            }
            compiledText = compiled.fileText
        }
        let schemaFolder = configuration.schemaPath.hasSuffix("/") ? configuration.schemaPath : configuration.schemaPath + "/"
        var files = SchemaFiles(files: [])
        if FileManager.default.fileExists(atPath: configuration.schemaPath) {
            files = try SchemaFiles.read(path: configuration.schemaPath, displayPath: configuration.schema)
        }
        files.files.removeAll { $0.displayPath == output || configuration.resolve($0.displayPath) == outputPath }
        let generated = SchemaFiles.File(displayPath: output, text: compiledText)
        if outputPath.hasPrefix(schemaFolder) {
            // In the folder's path order, as if read from disk.
            let position = files.files.firstIndex { $0.displayPath.utf8.lexicographicallyPrecedes(output.utf8) == false } ?? files.files.count
            files.files.insert(generated, at: position)
        } else {
            files.files.insert(generated, at: 0)
        }
        return files
    }

    /// Runs `body` so that Ctrl-C or SIGTERM drops every scratch database first.
    func droppingScratchOnSignal<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        let watcher = SignalWatcher(signals: [SIGINT, SIGTERM]) { [output] _ in
            output.environment.standardError.write("\nstrata: interrupted; dropping scratch databases…\n")
            Task {
                await ScratchServer.dropAllRegistered()
                exit(130)
            }
        }
        defer { watcher.stop() }
        do {
            return try await body()
        } catch var error as GenerateError {
            // A statement of the generated models file failed: name the model files too.
            if configuration.models != nil, error.file == configuration.modelsOutput, let line = error.line,
               let data = FileManager.default.contents(atPath: configuration.resolve(configuration.modelsOutput)) {
                let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                if let marker = lines.prefix(line).last(where: { $0.hasPrefix("-- object: ") }) {
                    let declaredIn = marker.dropFirst("-- object: ".count)
                    error.hint = "the generated file comes from the models: fix \(declaredIn)" + (error.hint.map { "; \($0)" } ?? "")
                }
            }
            throw error
        }
    }

    /// Asks a yes/no question on the terminal; false when not on one.
    func confirm(_ question: String) -> Bool {
        guard environment.inputIsTerminal, output.format == .text else { return false }
        environment.standardError.write(question + " [y/N] ")
        guard let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() else { return false }
        return answer == "y" || answer == "yes"
    }
}
