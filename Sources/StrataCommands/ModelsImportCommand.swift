import ArgumentParser
import Foundation
import StrataGenerate
import StrataModels

extension ModelsCommand {
    struct Import: AsyncParsableCommand, FormattedCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Write a database's schema as model files in one layer, so a project can adopt models.",
            discussion: """
                Reads --from (default: the selected environment's database; also a URL, `migrations` or \
                a schema path) and writes one YAML file per table plus files for types, views and functions \
                into --layer (default: the last configured layer, or models/app). Objects the format cannot \
                express are listed; keep them in .sql files of the schema folder.
                """
        )
        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("What to import: env:NAME, a URL, migrations, or a schema path.", valueName: "source"))
        var from: String?

        @Option(help: ArgumentHelp("The layer folder to write.", valueName: "dir"))
        var layer: String?

        @Flag(help: "Replace the YAML files already in the layer folder.")
        var force = false

        struct Document: Encodable {
            var layer: String
            var files: [String]
            var skipped: [String]
        }

        func run() async throws {
            let context = try CommandContext(global)
            let layerPath = layer ?? context.configuration.models?.layers.last ?? "models/app"
            let folder = context.configuration.resolve(layerPath)
            let existing = ((try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? [])
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            if !existing.isEmpty && !force {
                throw ConfigurationError(
                    "\(layerPath) already holds \(existing.count) model file(s); importing would mix them with the imported ones",
                    hint: "choose an empty folder with --layer, or pass --force to replace them"
                )
            }
            let schema = try await context.droppingScratchOnSignal {
                let source = try await context.schemaSource(from ?? "env:\(context.environmentName)")
                var timings = PhaseTimings()
                return try await context.schemaReader(for: [source]).read(source, timings: &timings)
            }
            let imported = ModelImporter().importSchema(schema)
            for file in existing { try FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(file)) }
            for file in imported.files {
                let path = (folder as NSString).appendingPathComponent(file.path)
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try file.text.write(toFile: path, atomically: true, encoding: .utf8)
            }
            let output = context.output
            if output.format == .json {
                output.result(JSON.encode(Document(layer: layerPath, files: imported.files.map(\.path), skipped: imported.skipped)))
                return
            }
            var text = "Wrote \(imported.files.count) model file(s) into \(layerPath)."
            if !imported.skipped.isEmpty {
                text += "\nNot expressible as models (keep them in .sql files of the schema folder):"
                for item in imported.skipped { text += "\n  " + item }
            }
            if context.configuration.models == nil {
                text += "\nNext: add `models: [\(layerPath)]` to strata.yaml, then run `strata models compile`."
            }
            output.result(text)
        }
    }
}
