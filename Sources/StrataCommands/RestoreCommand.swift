import ArgumentParser
import Foundation
import StrataBackup
import StrataGenerate
import StrataPostgres

struct RestoreCommand: AsyncParsableCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore an archive into the target, or prove it restores (--verify).",
        discussion: """
            First checks the archive: its size and SHA-256 against the manifest beside it (FILE.json, \
            written by `strata backup`), and its table of contents with pg_restore --list; a corrupt or \
            truncated archive stops here (exit 4). Then restores it with pg_restore --jobs into the \
            target (--url or --env; refused on a protected environment without --force, exit 2), \
            stopping at the first error. With --verify it restores into a scratch database instead \
            (scratch_url, or the local cluster) and compares the copy with the manifest: the schema, \
            through Strata's differ, and every table's exact row count in the backup's snapshot. \
            Exit 0 when they are equal, 4 when anything differs.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The archive (pg_dump custom format).", valueName: "file"))
    var file: String

    @Flag(help: "Restore into a scratch database and compare it with the manifest; the target is not touched.")
    var verify = false

    @Flag(help: "Restore into a protected environment.")
    var force = false

    @Flag(help: "Drop the archive's objects from the target before creating them (pg_restore --clean --if-exists).")
    var clean = false

    @Option(help: ArgumentHelp("Parallel pg_restore jobs (default: the number of cores, at most 8).", valueName: "n"))
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if verify && (global.url != nil || global.env != nil) {
            throw ValidationError("--verify restores into a scratch database; --url and --env name a target it would not use")
        }
        if verify && (clean || force) {
            throw ValidationError("--clean and --force are for restoring into a target; --verify restores into a scratch database")
        }
    }

    /// The default number of jobs: the cores, at most 8.
    static var defaultJobs: Int { min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 8) }

    func run() async throws {
        let context = try CommandContext(global)
        let path = file.hasPrefix("/") ? file : (context.environment.workingDirectory as NSString).appendingPathComponent(file)
        let jobs = jobs ?? Self.defaultJobs
        if verify {
            try await context.droppingScratchOnSignal {
                let archive = try await CheckedArchive.check(path, displayName: file, environment: context.environment.variables)
                context.output.progress(context.output.paint("Restoring \(file) into a scratch database to verify it…", .gray))
                let verifier = ArchiveVerifier(scratch: try await context.scratchServer(), environment: context.environment.variables, jobs: jobs)
                let report = try await verifier.verify(archive)
                VerificationRenderer(output: context.output).render(report)
                if !report.passed { throw CommandExit(status: ExitStatus.validation) }
            }
            return
        }
        let resolved = try context.resolveTarget()
        if resolved.isProtected && !force {
            throw ConfigurationError(
                "environment \(resolved.environment) is protected; `strata restore` into it needs --force",
                hint: "check that you mean \(resolved.settings?.redactedURL ?? resolved.environment), then add --force; "
                    + "`strata restore \(file) --verify` checks the archive without touching any target"
            )
        }
        let archive = try await CheckedArchive.check(path, displayName: file, environment: context.environment.variables)
        let target = try await context.prepared(resolved)
        guard let settings = target.settings else { throw ConfigurationError("environment \(target.environment) names no database") }
        // Connecting first turns a wrong URL or password into Strata's own error (exit 3).
        await (try await PostgresSession.connect(settings)).close(waiting: context.environment.waitsForClose)
        context.output.progress(context.output.paint("Restoring \(file) into env:\(target.environment)…", .gray))
        let options = PgRestore.Options(jobs: jobs, clean: clean)
        var watch = Stopwatch()
        do {
            try await PgRestore(tools: archive.tools, environment: context.environment.variables)
                .restore(archive.path, displayName: file, into: settings, options: options)
        } catch var error as BackupError where error.code == .restoreFailed && !clean && (error.toolOutput ?? "").contains("already exists") {
            error.hint = "env:\(target.environment) already holds objects of the archive: restore into an empty database, "
                + "or add --clean to drop the archive's objects there first; what pg_restore created before the error stays"
            throw error
        }
        BackupRenderer(output: context.output).renderRestore(archive, target: target.summary, options: options, durationMs: watch.lap())
    }
}
