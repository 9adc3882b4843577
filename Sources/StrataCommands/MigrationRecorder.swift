import Foundation
import StrataDiff
import StrataDocs
import StrataGenerate
import StrataLint
import StrataMigrate
import StrataPostgres
import StrataSchema
import StrataSQL

/// Migration records (``MigrationRecord``) for a project: which migrations need one, and
/// the records themselves, from the schemas before and after each migration on one scratch
/// database where the migrations are applied one at a time.
struct MigrationRecorder {
    let context: CommandContext
    let migrator: Migrator

    /// What the records folder holds compared with the migrations.
    struct Inventory {
        /// Migrations whose record is missing, or was written for another version of the file.
        var needed: [Migration] = []
        /// Record pages that are up to date, kept as they are.
        var kept: [DocsPage] = []
    }

    /// Which migrations of the project need a record in `folder`: a record is up to date
    /// when its stamp names the file's current checksum (a record `strata generate` wrote
    /// stays, with the proof it ran, until its migration is edited). A kept record's lint
    /// section is brought up to today's linter and configuration, which need no database.
    func inventory(_ folder: DocsFolder) -> Inventory {
        var inventory = Inventory()
        var findings: [String: [String]]?
        for migration in migrator.migrations where migration.text != nil {
            let fileName = "\(migration.version.text)_\(migration.name).md"
            let path = (folder.path as NSString).appendingPathComponent(fileName)
            if let data = FileManager.default.contents(atPath: path) {
                let text = String(decoding: data, as: UTF8.self)
                if MigrationRecord.recordedChecksum(in: text) == migration.checksum {
                    if findings == nil { findings = lintByFile() }
                    let lint = findings?[migration.displayName] ?? []
                    inventory.kept.append(DocsPage(path: fileName, text: MigrationRecord.refreshingLint(lint, in: text)))
                    continue
                }
            }
            inventory.needed.append(migration)
        }
        return inventory
    }

    /// The records of `needed`: the migrations are applied one at a time to a scratch
    /// database, the schema read before and after each needed one, and its down part run
    /// and checked against the schema before it (then up again).
    func records(for needed: [Migration]) async throws -> [DocsPage] {
        guard let last = needed.map(\.version).max() else { return [] }
        let neededVersions = Set(needed.map(\.version))
        var stepper = migrator
        stepper.configuration.lockTimeout = nil
        let configuration = context.configuration
        let inspector = SchemaInspector(options: SchemaInspector.Options(
            excludeTables: [QualifiedName(configuration.historySchema, HistoryTable.tableName)], comparison: configuration.comparison
        ))
        let reader = try await context.schemaReader(for: [.migrations(migrator, label: "migrations")])
        let empty = Migrator(migrations: [], configuration: stepper.configuration)
        let all = migrator.migrations
        let findings = lintByFile()
        return try await reader.withReplayed(empty, purpose: "documenting the migrations one at a time") { session in
            var pages: [DocsPage] = []
            var before: Schema? = try await inspector.inspect(session)
            for (index, migration) in all.enumerated() where migration.version <= last {
                let isNeeded = neededVersions.contains(migration.version)
                if isNeeded && before == nil { before = try await inspector.inspect(session) }
                _ = try await stepper.up(on: session, options: UpOptions(target: migration.version, allowOutOfOrder: true))
                guard isNeeded, let start = before else {
                    before = nil
                    continue
                }
                let after = try await inspector.inspect(session)
                let plan = try SchemaDiffer.plan(from: start, to: after)
                let script = MigrationScript.parse(migration.text ?? "")
                var proof = [
                    "Applied on a scratch database after the \(index) migration\(index == 1 ? "" : "s") before it; the changes above are "
                        + "the difference between the schema before and after it, as Strata plans it.",
                ]
                if script.down != nil {
                    proof.append(try await checkDown(
                        migration, script: script, stepper: stepper, inspector: inspector, before: start, after: after, on: session
                    ))
                }
                let record = MigrationRecord(
                    version: migration.version.text, name: migration.name, file: display(migration), checksum: migration.checksum,
                    origin: Self.origin(script), isTransactional: script.isTransactional, changes: plan.statements, before: start,
                    up: script.up.map(\.text), down: script.down?.map(\.text), proof: proof, lint: findings[migration.displayName] ?? [],
                    notCompared: plan.notCompared.filter { $0.side != .both }.map(\.description)
                )
                pages.append(DocsPage(path: record.fileName, text: record.markdown()))
                before = after
            }
            return pages
        }
    }

    /// Runs the down part of the migration just applied and compares the schema with the
    /// one before it; then brings the database back to the schema after the migration: by
    /// applying it again when the down part returned to the schema before it, else by the
    /// plan from what the down part left to the schema after it (the up part may not apply
    /// on top of that), recording the migration as applied. A transactional down part that
    /// fails is reported in the record (its transaction rolled back, the state is as after up).
    private func checkDown(
        _ migration: Migration, script: MigrationScript, stepper: Migrator, inspector: SchemaInspector, before: Schema, after: Schema,
        on session: PostgresSession
    ) async throws -> String {
        do {
            _ = try await stepper.down(on: session, options: DownOptions(selection: .steps(1)))
        } catch let error as MigrationError where script.isTransactional {
            return "Rolled back on the scratch database: the down part fails (" + (error.failure.map { ($0.sqlState.map { "[\($0)] " } ?? "") + $0.message } ?? error.message)
                + "); it was rolled back, so it does not return to the schema before the migration."
        }
        let reverted = try await inspector.inspect(session)
        let leftover = try SchemaDiffer.plan(from: reverted, to: before)
        if leftover.isEmpty {
            _ = try await stepper.up(on: session, options: UpOptions(target: migration.version, allowOutOfOrder: true))
            return "Rolled back on the scratch database: the down part returns to the schema before the migration."
        }
        for statement in try SchemaDiffer.plan(from: reverted, to: after).statements {
            try await session.execute(statement.sql)
        }
        _ = try await stepper.mark(on: session, version: migration.version, applied: true)
        let objects = Array(Set(leftover.statements.map { $0.object.description })).sorted()
        return "Rolled back on the scratch database: the down part does not return to the schema before the migration; these objects differ: "
            + objects.map { "`\($0)`" }.joined(separator: ", ") + "."
    }

    /// Generated earlier when the file's header says so (`-- Generated by \`strata generate …\``), else hand-written.
    static func origin(_ script: MigrationScript) -> MigrationRecord.Origin {
        let prefix = "-- Generated by `"
        guard let line = script.header.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return .handWritten }
        let rest = line.dropFirst(prefix.count)
        guard let end = rest.firstIndex(of: "`"), rest[..<end].hasPrefix("strata generate") else { return .handWritten }
        return .generatedEarlier(commandLine: String(rest[..<end]))
    }

    /// The migration's file as the project names it.
    private func display(_ migration: Migration) -> String {
        context.configuration.migrations + "/" + ((migration.path ?? "\(migration.version.text)_\(migration.name).sql") as NSString).lastPathComponent
    }

    /// `strata lint`'s findings for the file, judged after the migrations before it.
    /// Every migration's lint findings by file name, each file judged after the ones before
    /// it (as when it was the newest), from one pass over the project: the same findings for
    /// a record written now and for one kept and refreshed later.
    private func lintByFile() -> [String: [String]] {
        let migrations = migrator.migrations
        let report = ProjectLinter(configuration: context.configuration).lint(
            reported: migrations, all: migrations, serverVersion: nil, asOneRun: false, eachFileAsNewest: true
        ).report
        return Dictionary(grouping: report.findings, by: \.file).mapValues { $0.map(Self.line) }
    }

    /// A finding as a record lists it.
    private static func line(_ finding: LintFinding) -> String {
        "\(finding.line):\(finding.column) \(finding.severity.rawValue) \(finding.rule.code): \(finding.message)"
    }

    /// The records of the files `strata generate` just wrote: each file's share of the
    /// plan, its hazards, SQL, lint findings and the proof generate ran.
    static func generated(
        _ result: MigrationGenerator.Result, written: [String], lint: LintReport?, commandLine: String
    ) -> [DocsPage] {
        var offset = 0
        var pages: [DocsPage] = []
        for (file, path) in zip(result.files, written) {
            let count = result.plan.statements.count
            let statements = Array(result.plan.statements[min(offset, count)..<min(offset + file.up.count, count)])
            offset += file.up.count
            let stem = (file.fileName as NSString).deletingPathExtension
            let version = String(stem.prefix { $0.isNumber })
            let name = String(stem.dropFirst(version.count + 1))
            let findings = (lint?.findings ?? []).filter { $0.file == path }
                .map { "\($0.line):\($0.column) \($0.severity.rawValue) \($0.rule.code): \($0.message)" }
            let record = MigrationRecord(
                version: version, name: name, file: path, checksum: Checksum.of(Array(file.text.utf8)),
                origin: .generated(commandLine: commandLine), isTransactional: file.isTransactional, changes: statements,
                before: result.current, up: file.up, down: file.down,
                proof: [
                    "Proved on a scratch database before the file was written: the migrations then its up part give the desired schema "
                        + "(nothing left to plan), and its down part returns to the schema before it.",
                ],
                lint: findings,
                notCompared: pages.isEmpty ? result.plan.notCompared.filter { $0.side != .both }.map(\.description) : []
            )
            pages.append(DocsPage(path: record.fileName, text: record.markdown()))
        }
        return pages
    }
}
