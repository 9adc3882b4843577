import ArgumentParser
import StrataBackup

struct BackupCommand: AsyncParsableCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back up the target with pg_dump (custom format), checked and recorded in a manifest.",
        discussion: """
            Runs pg_dump -Fc on a snapshot exported by Strata's own session, which reads the schema \
            and counts every table's rows in that same snapshot meanwhile. The finished archive is read \
            back with pg_restore --list; its size and SHA-256, the schema and the row counts go into a \
            manifest beside it (FILE.json), against which `strata restore --verify` checks a restored \
            copy later. Without --output the archive goes to backup.dir (default .strata/backups) as \
            ENV-DATABASE-YYYYMMDDTHHMMSSZ.dump, and that folder is pruned to the newest backup.keep \
            (default 10) of the environment and database. pg_dump must be of the server's major \
            version or newer.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Write the archive to this file (its manifest beside it, FILE.json).", valueName: "file"))
    var output: String?

    @Flag(help: "Definitions only, no rows.")
    var schemaOnly = false

    func validate() throws {
        if let output, output.hasSuffix(".json") {
            throw ValidationError("--output names the archive, not its manifest (which is written beside it as FILE.json)")
        }
    }

    func run() async throws {
        let context = try CommandContext(global)
        let target = try await context.prepared(try context.resolveTarget())
        context.output.progress(context.output.paint("Backing up env:\(target.environment)…", .gray))
        let taken = try await context.takeBackup(of: target, output: output, schemaOnly: schemaOnly)
        BackupRenderer(output: context.output).render(taken)
    }
}
