import Foundation

/// Runs `pg_dump` to write a custom-format archive (`-Fc`) of one database.
///
/// The connection goes through the child's environment
/// (``ConnectionSettings/clientEnvironment(base:toolMajor:)``): the command line holds
/// no host, user or password, only the options and the archive's path.
public struct PgDump: Sendable {
    /// What to dump.
    public struct Options: Sendable, Hashable {
        /// Definitions only, no rows (`--schema-only`).
        public var schemaOnly: Bool
        /// A snapshot exported by another session (`pg_export_snapshot()`), so that the
        /// archive shows exactly what that session sees (`--snapshot`).
        public var snapshot: String?

        public init(schemaOnly: Bool = false, snapshot: String? = nil) {
            self.schemaOnly = schemaOnly
            self.snapshot = snapshot
        }
    }

    /// The `pg_dump` to run (with its version, for the environment it gets).
    public var tools: PostgresClientTools
    /// The variables the child starts from (the connection's are added, any `PG*` removed).
    public var environment: [String: String]

    public init(tools: PostgresClientTools, environment: [String: String]) {
        self.tools = tools
        self.environment = environment
    }

    /// The command line after the program's name (pure): never a connection detail.
    public func arguments(archive: String, options: Options) -> [String] {
        var arguments = ["--format=custom", "--no-password", "--file=" + archive]
        if options.schemaOnly { arguments.append("--schema-only") }
        if let snapshot = options.snapshot { arguments.append("--snapshot=" + snapshot) }
        return arguments
    }

    /// Dumps the database `settings` name into `archive`.
    ///
    /// - Parameter displayName: the archive as messages name it.
    /// - Throws: ``BackupError`` `dumpFailed` with what `pg_dump` printed (the password
    ///   scrubbed), or `toolNotFound` when it cannot be started.
    public func run(_ settings: ConnectionSettings, archive: String, displayName: String, options: Options) async throws {
        let process = Subprocess(
            tools.pgDump, arguments(archive: archive, options: options),
            environment: settings.clientEnvironment(base: environment, toolMajor: tools.version.major)
        )
        let output: Subprocess.Output
        do {
            output = try await process.run()
        } catch let failure as Subprocess.SpawnFailure {
            throw BackupError(.toolNotFound, "cannot run \(tools.pgDump): \(failure.reason)", hint: PostgresClientTools.installAdvice(major: nil))
        }
        guard output.succeeded else {
            throw BackupError(
                .dumpFailed,
                "pg_dump of \(settings.redactedURL) into \(displayName) failed (exit status \(output.status))",
                hint: "the message above is pg_dump's; nothing was kept",
                file: displayName, toolOutput: settings.scrubbingPassword(output.standardError.trimmingWhitespace())
            )
        }
    }
}

extension ConnectionSettings {
    /// `text` with every occurrence of the password replaced by `***`: what a child
    /// program printed, before it reaches output.
    func scrubbingPassword(_ text: String) -> String {
        guard let password, !password.isEmpty else { return text }
        return text.replacingOccurrences(of: password, with: "***")
    }
}
