import ArgumentParser
import Foundation
import StrataLint
import StrataMigrate
import StrataObserve

struct LintCommand: AsyncParsableCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Find statements that lock, rewrite, scan or break things before they reach production.",
        discussion: """
            Lints every migration of the project (or the FILES given, or with --pending only those not yet \
            applied to the target) against the schema the earlier migrations build: a table created by an \
            earlier migration is existing, one created in the same file is new. With --observe the files \
            also run on a scratch database, and the locks, rewrites and scans of each statement are \
            recorded. Rules, severities and `-- strata:lint-ignore CODE reason` comments are described \
            in docs/lint.md. Exits 4 when a finding is an error.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Files to lint (default: every migration of the project).", valueName: "file"))
    var files: [String] = []

    @Flag(help: "Lint only the migrations not yet applied to the target, as one run of `strata up`.")
    var pending = false

    @Flag(help: "Also run the files on a scratch database and record each statement's locks, rewrites and scans.")
    var observe = false

    @Flag(help: "List the rules with their codes and severities, and exit.")
    var rules = false

    func validate() throws {
        if pending && !files.isEmpty { throw ValidationError("--pending lints the target's pending migrations; it cannot be combined with files") }
    }

    func run() async throws {
        let context = try CommandContext(global, allowsGitHub: true)
        if rules {
            renderRules(context)
            return
        }
        let migrator = try context.migrator()
        let linter = ProjectLinter(configuration: context.configuration)
        for problem in migrator.problems {
            context.output.warning(problem.description + " (not linted)")
        }
        var reported = migrator.migrations
        var extra: [LintFile] = []
        var serverVersion: Int?
        if pending {
            let target = try context.resolveTarget()
            (reported, serverVersion) = try await context.withSession(target) { session, _ in
                let applied = try await context.configuration.migratorConfiguration.history.load(on: session)
                let status = migrator.status(applied: applied)
                let pendingVersions = Set(status.entries.filter { $0.state == .pending || $0.state == .outOfOrder }.map(\.version))
                return (migrator.migrations.filter { pendingVersions.contains($0.version) }, try await ProjectLinter.serverVersion(on: session))
            }
        } else if !files.isEmpty {
            (reported, extra) = try selectFiles(context: context, migrator: migrator)
        }
        var (report, postgresVersion) = linter.lint(
            reported: reported, all: migrator.migrations, serverVersion: serverVersion, asOneRun: pending, extraFiles: extra
        )
        let fileCount = reported.filter { $0.text != nil }.count + extra.count
        var observation: ObservationReport?
        if observe {
            let lintFiles = ProjectLinter.files(reported: reported, all: migrator.migrations, extraFiles: extra)
            let configuration = context.configuration.lintConfiguration(serverVersion: serverVersion)
            context.output.progress(context.output.paint("Observing \(fileCount) file\(fileCount == 1 ? "" : "s") on a scratch database…", .gray))
            let observed = try await context.droppingScratchOnSignal {
                try await LockObserver(configuration: configuration).observe(lintFiles, on: try await context.scratchServer())
            }
            report = Self.merging(report, observed, order: lintFiles.map(\.name), files: fileCount)
            observation = observed
        }
        LintRenderer(output: context.output).render(report, observation: observation, assumedVersion: postgresVersion, files: fileCount)
        if report.hasErrors { throw CommandExit(status: ExitStatus.validation) }
    }

    /// The static findings and the observed ones in one report, in file order; a file both
    /// report as invalid is reported once.
    static func merging(_ report: LintReport, _ observed: ObservationReport, order: [String], files: Int) -> LintReport {
        let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let invalid = Set(report.findings.filter { $0.rule == .invalidFile }.map(\.file))
        let added = observed.findings.filter { !($0.rule == .invalidFile && invalid.contains($0.file)) }
        let findings = (report.findings + added).enumerated().sorted { left, right in
            let a = left.element, b = right.element
            return (rank[a.file] ?? Int.max, a.line, a.column, left.offset) < (rank[b.file] ?? Int.max, b.line, b.column, right.offset)
        }.map(\.element)
        return LintReport(findings: findings, files: files, ignored: report.summary.ignored + observed.ignored)
    }

    /// The FILES: the project's migrations among them are linted in place (after the earlier
    /// ones); other files are linted after every migration, as new migrations would run.
    private func selectFiles(context: CommandContext, migrator: Migrator) throws -> ([Migration], [LintFile]) {
        let byPath = Dictionary(migrator.migrations.compactMap { migration in
            migration.path.map { (context.configuration.resolve($0), migration) }
        }, uniquingKeysWith: { first, _ in first })
        var reported: [Migration] = []
        var extra: [LintFile] = []
        for file in files {
            let absolute = ((file.hasPrefix("/") ? file : (context.environment.workingDirectory as NSString).appendingPathComponent(file)) as NSString).standardizingPath
            if let migration = byPath[absolute] {
                reported.append(migration)
                continue
            }
            guard let data = FileManager.default.contents(atPath: absolute) else {
                throw ConfigurationError("\(file) cannot be read", hint: "check the path; it is relative to the current folder")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw ConfigurationError("\(file) is not UTF-8 text", hint: "save the file as UTF-8")
            }
            extra.append(LintFile(name: file, text: text))
        }
        reported.sort { $0.version < $1.version }
        return (reported, extra)
    }

    private func renderRules(_ context: CommandContext) {
        let configuration = context.configuration.lintConfiguration()
        if context.output.format == .json {
            struct Rule: Encodable {
                var code: String
                var severity: LintSeverity
                var defaultSeverity: LintSeverity
                var observedOnly: Bool
                var summary: String
            }
            let rules = LintRule.allCases.map {
                Rule(code: $0.code, severity: configuration.severity(of: $0), defaultSeverity: $0.defaultSeverity, observedOnly: $0.needsObservation, summary: $0.summary)
            }
            context.output.result(JSON.encode(["rules": rules]))
            return
        }
        let width = LintRule.allCases.map(\.code.count).max() ?? 0
        var text = ""
        for rule in LintRule.allCases {
            let severity = configuration.severity(of: rule).rawValue
            text += rule.code.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                + severity.padding(toLength: 9, withPad: " ", startingAt: 0) + rule.summary + "\n"
        }
        context.output.result(text + "Details and safe alternatives: docs/lint.md")
    }
}
