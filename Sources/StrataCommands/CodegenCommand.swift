import ArgumentParser
import Foundation
import StrataCodegen
import StrataGenerate
import StrataPostgres

struct CodegenCommand: AsyncParsableCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
        commandName: "codegen",
        abstract: "Write typed Swift code for the schema the migrations build and for the named queries.",
        discussion: """
            Applies the migrations to a scratch database, asks PostgreSQL for the type of every \
            column and of each query's parameters and results, and writes one Swift file (codegen.output \
            in strata.yaml, or --output): a row and an insert type per table, a row type per view, enums, \
            and a function per query of the queries folder (docs/codegen.md). With --check, writes nothing \
            and exits 4 when the file is out of date. --format json prints what was inferred.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The Swift file to write (default: codegen.output).", valueName: "file"))
    var output: String?

    @Flag(help: "Write nothing; exit 4 when the file differs from what would be written.")
    var check = false

    func run() async throws {
        let context = try CommandContext(global)
        let settings = context.configuration.codegen
        guard let outputSetting = output ?? settings.output else {
            throw ConfigurationError(
                "codegen needs an output file",
                hint: "add `codegen: {output: Sources/App/Database.swift}` to strata.yaml, or pass --output"
            )
        }
        let outputPath = outputSetting.hasPrefix("/") ? outputSetting : context.configuration.resolve(outputSetting)
        try await context.droppingScratchOnSignal {
            let migrator = try context.migrator()
            let reader = try await context.schemaReader(for: [.migrations(migrator, label: "migrations")])
            let run = CodegenRun(
                reader: reader, migrator: migrator, queriesPath: context.configuration.resolve(settings.queries),
                queriesDisplay: settings.queries,
                options: CodegenOptions(
                    namespace: settings.namespace, typeOverrides: settings.types,
                    sources: "the migrations in \(context.configuration.migrations)/ and the queries in \(settings.queries)/"
                )
            )
            let result: CodegenResult
            do {
                result = try await run.run()
            } catch let error as QueryFileError {
                throw GenerateError(.source, error.message, hint: error.hint, file: error.file, line: error.line, column: error.column)
            } catch let error as QueryDescribeError {
                throw GenerateError(
                    .source, "query \(error.query): \(error.message)", hint: error.hint, file: error.file, line: error.line, column: error.column
                )
            } catch let error as CodegenError {
                throw GenerateError(.unsupported, error.message, hint: error.hint, file: error.file, line: error.line)
            }
            let existing = try? String(contentsOfFile: outputPath, encoding: .utf8)
            let stale = existing != result.swift
            if context.output.format == .json {
                context.output.result(CodegenDocument(result, output: outputSetting, stale: stale, checked: check).json)
            }
            if check {
                if context.output.format != .json {
                    context.output.result(stale ? "\(outputSetting) is out of date: run `strata codegen`." : "\(outputSetting) is up to date.")
                }
                if stale { throw CommandExit(status: ExitStatus.validation) }
                return
            }
            if stale {
                do {
                    try FileManager.default.createDirectory(
                        atPath: (outputPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true
                    )
                    try result.swift.write(toFile: outputPath, atomically: true, encoding: .utf8)
                } catch {
                    throw ConfigurationError("cannot write \(outputSetting): \(error.localizedDescription)", hint: "check the folder's permissions")
                }
            }
            if context.output.format != .json {
                let counts = "\(result.catalog.relations.count) table\(result.catalog.relations.count == 1 ? "" : "s") and view\(result.catalog.relations.count == 1 ? "" : "s"), \(result.queries.count) quer\(result.queries.count == 1 ? "y" : "ies")"
                context.output.result(stale ? "Wrote \(outputSetting) (\(counts))." : "\(outputSetting) is up to date (\(counts)).")
                context.output.progress(context.output.paint(
                    "scratch database \(result.timings.scratchMs) ms, describe \(result.timings.describeMs) ms, render \(result.timings.renderMs) ms", .gray
                ))
            }
        }
    }
}
