import ArgumentParser
import Foundation
import StrataDocs
import StrataGenerate
import StrataPostgres

struct DocsCommand: AsyncParsableCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs",
        abstract: "Write the schema's documentation (Markdown, a Mermaid ER diagram, an SVG diagram), or migration records.",
        discussion: """
            Reads the schema the migrations build (or --from SRC, any diff source) and writes into \
            docs.output of strata.yaml (default docs/schema, or --output): an index with a Mermaid ER diagram, \
            a page per schema, table and view, and schema.dot, which Graphviz's dot draws as schema.svg (when \
            dot is not installed, the Markdown is still written and a warning names the graphviz package). \
            With --migrations, writes a record per migration that has none (or whose file changed) into \
            docs.migrations (default docs/migrations): the changes between the schemas before and after it on a \
            scratch database, the hazards, the SQL, and the down part checked; a kept record's lint findings are \
            brought up to date. With --check, writes nothing and \
            exits 4 when something is out of date. Files without strata docs' marker line are never touched.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The folder to write (default: docs.output, or docs.migrations with --migrations).", valueName: "dir"))
    var output: String?

    @Option(help: ArgumentHelp("The schema to document (default: migrations).", valueName: "source"))
    var from: String?

    @Flag(help: "Write the migration records instead of the schema's pages.")
    var migrations = false

    @Flag(help: "Write nothing; exit 4 when the pages (or records) are out of date.")
    var check = false

    @Flag(name: .customLong("no-svg"), help: "Do not run Graphviz's dot to draw the SVG diagram.")
    var noSVG = false

    func validate() throws {
        if migrations && from != nil {
            throw ValidationError("--from documents a schema; migration records always come from the migrations")
        }
    }

    func run() async throws {
        let context = try CommandContext(global)
        let setting = output ?? (migrations ? context.configuration.docs.migrations ?? "docs/migrations" : context.configuration.docs.output)
        let folder = DocsFolder(
            path: setting.hasPrefix("/") ? setting : context.configuration.resolve(setting), display: setting, kind: migrations ? .records : .pages
        )
        try await context.droppingScratchOnSignal {
            if migrations {
                try await writeRecords(context, folder: folder)
            } else {
                try await writeSchemaDocs(context, folder: folder)
            }
        }
    }

    private func writeSchemaDocs(_ context: CommandContext, folder: DocsFolder) async throws {
        let spelling = from ?? "migrations"
        let source = try await context.schemaSource(spelling)
        let reader = try await context.schemaReader(for: [source])
        let schema = try await CommandContext.read(source, reader)
        PhaseTimeline.mark("schema-read")
        let label = from == nil ? "the migrations in \(context.configuration.migrations)/" : source.label
        let pages = SchemaDocumenter(schema: schema, options: DocsOptions(source: label)).pages()
        PhaseTimeline.mark("rendered")
        let comparison = try folder.compare(pages)
        if check {
            report(context, folder: folder, comparison: comparison, svg: [], svgProblem: nil)
            if !comparison.isUpToDate { throw CommandExit(status: ExitStatus.validation) }
            return
        }
        try folder.apply(comparison)
        PhaseTimeline.mark("written")
        var drawn: [String] = []
        var problem: String?
        if !noSVG {
            let sources = pages.filter { $0.path.hasSuffix(".dot") }
            let changed = Set(comparison.changed.map(\.path))
            if !sources.isEmpty, let graphviz = Graphviz.find(path: context.environment.variables["PATH"]) {
                for page in sources {
                    let dot = (folder.path as NSString).appendingPathComponent(page.path)
                    let svg = String(dot.dropLast(4)) + ".svg"
                    if changed.contains(page.path) || !FileManager.default.fileExists(atPath: svg) {
                        try await graphviz.svg(from: dot, to: svg)
                    }
                    drawn.append(String(page.path.dropLast(4)) + ".svg")
                }
                PhaseTimeline.mark("svg")
            } else if !sources.isEmpty {
                problem = Graphviz.missing
                context.output.warning(problem ?? "")
            }
        }
        report(context, folder: folder, comparison: comparison, svg: drawn, svgProblem: problem)
    }

    private func writeRecords(_ context: CommandContext, folder: DocsFolder) async throws {
        let migrator = try context.migrator()
        let recorder = MigrationRecorder(context: context, migrator: migrator)
        let inventory = recorder.inventory(folder)
        if check {
            let missing = inventory.needed.map { "\($0.version.text)_\($0.name).md" }
            var stale = try folder.compare(inventory.kept, keeping: Set(missing))
            stale.changed = missing.map { DocsPage(path: $0, text: "") }
            report(context, folder: folder, comparison: stale, svg: [], svgProblem: nil, records: true, missing: missing)
            if !stale.isUpToDate { throw CommandExit(status: ExitStatus.validation) }
            return
        }
        let written = try await recorder.records(for: inventory.needed)
        let comparison = try folder.compare(inventory.kept + written)
        try folder.apply(comparison)
        report(context, folder: folder, comparison: comparison, svg: [], svgProblem: nil, records: true)
    }

    /// What was written, removed, or is out of date, in text or JSON.
    private func report(
        _ context: CommandContext, folder: DocsFolder, comparison: DocsFolder.Comparison, svg: [String], svgProblem: String?,
        records: Bool = false, missing: [String] = []
    ) {
        let output = context.output
        let changed = comparison.changed.map(\.path)
        if output.format == .json {
            var fields: [(String, JSONNode)] = [
                ("output", .string(folder.display)), ("kind", .string(records ? "migration records" : "schema")),
                ("check", .bool(check)), ("up_to_date", .bool(comparison.isUpToDate)),
                ("files", .int(comparison.changed.count + comparison.unchanged.count)),
                (check ? "out_of_date" : "written", .array(changed.map { .string($0) })),
                (check ? "stale" : "removed", .array(comparison.stale.map { .string($0) })),
            ]
            if !records {
                fields.append(("svg", .array(svg.map { .string(folder.display + "/" + $0) })))
                fields.append(("svg_problem", .string(svgProblem)))
            }
            output.result(JSONNode.object(fields).text)
            return
        }
        let noun = records ? "migration records" : "documentation"
        if check {
            if comparison.isUpToDate {
                output.result("\(folder.display): the \(noun) is up to date (\(comparison.unchanged.count) files).")
                return
            }
            var lines = ["\(folder.display): the \(noun) is out of date; run `strata docs\(records ? " --migrations" : "")`."]
            for path in changed { lines.append("  " + (missing.contains(path) ? "missing or stale: " : "differs: ") + path) }
            for path in comparison.stale { lines.append("  no longer written: " + path) }
            output.result(lines.joined(separator: "\n"))
            return
        }
        let total = comparison.changed.count + comparison.unchanged.count
        var text = "Wrote \(folder.display): \(total) file\(total == 1 ? "" : "s"), \(comparison.changed.count) changed"
        if !comparison.stale.isEmpty { text += ", \(comparison.stale.count) removed" }
        text += "."
        if !svg.isEmpty { text += "\nSVG diagram: " + svg.map { folder.display + "/" + $0 }.joined(separator: ", ") + "." }
        output.result(text)
    }
}
