import Foundation

/// Runs `pg_restore` on a custom-format archive: to list what it holds, or to restore it
/// into a database.
///
/// As with ``PgDump``, the connection goes through the child's environment and the
/// command line holds no connection detail but the database's name.
public struct PgRestore: Sendable {
    /// How to restore.
    public struct Options: Sendable, Hashable {
        /// Parallel jobs (`--jobs`); 1 restores in one session.
        public var jobs: Int
        /// Drop the archive's objects before creating them (`--clean --if-exists`).
        public var clean: Bool
        /// Leave objects owned by the restoring role (`--no-owner`).
        public var noOwner: Bool
        /// Whether each commit waits for the disk. False (`synchronous_commit = off` for the
        /// restoring sessions) only for a database that is thrown away afterwards.
        public var durable: Bool

        public init(jobs: Int = 1, clean: Bool = false, noOwner: Bool = false, durable: Bool = true) {
            self.jobs = jobs
            self.clean = clean
            self.noOwner = noOwner
            self.durable = durable
        }
    }

    /// The `pg_restore` to run (with its version, for the environment it gets).
    public var tools: PostgresClientTools
    /// The variables the child starts from (the connection's are added, any `PG*` removed).
    public var environment: [String: String]

    public init(tools: PostgresClientTools, environment: [String: String]) {
        self.tools = tools
        self.environment = environment
    }

    /// Reads the archive's header and table of contents (`pg_restore --list`), which
    /// fails on a file that is not a readable custom-format archive.
    ///
    /// - Throws: ``BackupError`` `corruptArchive` naming `displayName`, with what
    ///   `pg_restore` printed.
    public func list(_ archive: String, displayName: String) async throws -> ArchiveContents {
        let output = try await launch(["--list", archive], environment: environment.filter { !$0.key.hasPrefix("PG") })
        guard output.succeeded else {
            throw BackupError(
                .corruptArchive,
                "\(displayName) is not a readable pg_dump custom-format archive: pg_restore --list failed (exit status \(output.status))",
                hint: "the file is damaged, truncated or of another format; take a new backup, or restore an older one",
                file: displayName, toolOutput: output.standardError.trimmingWhitespace()
            )
        }
        let contents = ArchiveContents(listing: output.standardOutput)
        guard contents.format == "CUSTOM" else {
            throw BackupError(
                .corruptArchive,
                "\(displayName) is a \(contents.format ?? "unknown")-format archive; Strata reads custom-format archives (pg_dump -Fc)",
                hint: "take the backup with `strata backup`, or restore this file with pg_restore yourself",
                file: displayName
            )
        }
        return contents
    }

    /// The command line after the program's name (pure): never a password or host.
    public func arguments(archive: String, into settings: ConnectionSettings, options: Options) -> [String] {
        var arguments = ["--no-password", "--exit-on-error", "--dbname=" + settings.databaseConnectionString]
        if options.jobs > 1 { arguments.append("--jobs=\(options.jobs)") }
        if options.clean { arguments += ["--clean", "--if-exists"] }
        if options.noOwner { arguments.append("--no-owner") }
        return arguments + [archive]
    }

    /// The environment of a restoring `pg_restore` (pure): the connection's variables, and
    /// `PGOPTIONS` turning `synchronous_commit` off when the copy need not be durable.
    public func childEnvironment(into settings: ConnectionSettings, options: Options) -> [String: String] {
        var variables = settings.clientEnvironment(base: environment, toolMajor: tools.version.major)
        if !options.durable { variables["PGOPTIONS"] = "-c synchronous_commit=off" }
        return variables
    }

    /// Restores `archive` into the database `settings` name, stopping at the first error.
    ///
    /// - Throws: ``BackupError`` `corruptArchive` when `pg_restore` cannot read the data
    ///   (a damaged or truncated file), `restoreFailed` for any other error, with what it
    ///   printed; either names `displayName`.
    public func restore(_ archive: String, displayName: String, into settings: ConnectionSettings, options: Options) async throws {
        let output = try await launch(
            arguments(archive: archive, into: settings, options: options),
            environment: childEnvironment(into: settings, options: options)
        )
        guard output.succeeded else {
            let printed = settings.scrubbingPassword(output.standardError.trimmingWhitespace())
            if Self.reportsDamage(printed) {
                throw BackupError(
                    .corruptArchive,
                    "\(displayName) is damaged: pg_restore could not read its data while restoring into \(settings.redactedURL)",
                    hint: "the archive is truncated or corrupt; what was restored before the damage stays in \(settings.database)",
                    file: displayName, toolOutput: printed
                )
            }
            throw BackupError(
                .restoreFailed,
                "pg_restore of \(displayName) into \(settings.redactedURL) failed (exit status \(output.status))",
                hint: "the message above is the first error; pg_restore stopped there, and what it restored before stays",
                file: displayName, toolOutput: printed
            )
        }
    }

    /// Whether `pg_restore`'s messages say the archive itself could not be read.
    static func reportsDamage(_ text: String) -> Bool {
        let signs = [
            "input file", "uncompress", "block ID", "data block type", "magic string", "file header", "possibly corrupt",
            "valid archive", "dump file",
        ]
        return signs.contains { text.contains($0) }
    }

    private func launch(_ arguments: [String], environment: [String: String]) async throws -> Subprocess.Output {
        do {
            return try await Subprocess(tools.pgRestore, arguments, environment: environment).run()
        } catch let failure as Subprocess.SpawnFailure {
            throw BackupError(.toolNotFound, "cannot run \(tools.pgRestore): \(failure.reason)", hint: PostgresClientTools.installAdvice(major: nil))
        }
    }
}
