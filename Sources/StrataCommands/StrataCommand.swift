import ArgumentParser

/// The `strata` command tree.
public struct StrataCommand: AsyncParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "strata",
        abstract: "PostgreSQL schema migrations: versioned SQL files applied safely, and migrations generated from a declared schema.",
        discussion: """
            Exit codes: 0 success, 1 a migration or statement failed, 2 usage or configuration error, \
            3 cannot connect or authenticate, 4 validation found problems (or `generate --check`, `codegen --check` or `docs --check` out of sync), 5 timed out waiting for the migration lock. \
            `diff` exits 2 when the schemas differ.
            """,
        version: version,
        subcommands: [
            InitCommand.self, NewCommand.self, UpCommand.self, DownCommand.self, RedoCommand.self,
            ResetCommand.self, StatusCommand.self, ValidateCommand.self, LintCommand.self, BaselineCommand.self,
            MarkCommand.self, AdoptCommand.self, DiffCommand.self, DriftCommand.self, DumpCommand.self, BackupCommand.self, RestoreCommand.self, CleanCommand.self, GenerateCommand.self, DocsCommand.self, PushCommand.self, CodegenCommand.self, FleetCommand.self, ModelsCommand.self, DevCommand.self, DebugCommand.self,
        ]
    )

    public init() {}
}
