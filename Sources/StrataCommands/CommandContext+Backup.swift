import Foundation
import StrataBackup
import StrataMigrate
import StrataPostgres

extension CommandContext {
    /// A backup that was taken, and the older archives pruned after it.
    struct TakenBackup {
        var result: BackupResult
        /// Archive names deleted from the backup folder (`backup.keep`), oldest first.
        var pruned: [String]
    }

    /// Backs up a target whose settings are known (``prepared(_:)``): into `output`, or
    /// into the backup folder (`backup.dir`) under a name of the environment, the database
    /// and the UTC time, pruning that folder to the newest `backup.keep` of them.
    func takeBackup(of target: ResolvedTarget, output: String?, schemaOnly: Bool) async throws -> TakenBackup {
        guard let settings = target.settings else { throw ConfigurationError("environment \(target.environment) names no database") }
        let now = environment.now()
        let archive: String, displayName: String
        var folder: BackupFolder?
        if let output {
            archive = output.hasPrefix("/") ? output : (environment.workingDirectory as NSString).appendingPathComponent(output)
            displayName = output
            try BackupFolder(path: (archive as NSString).deletingLastPathComponent, displayPath: (output as NSString).deletingLastPathComponent).create()
        } else {
            let chosen = BackupFolder(path: configuration.backupPath, displayPath: relative(configuration.backupPath))
            try chosen.create()
            let name = chosen.nextName(environment: target.environment, database: settings.database, takenAt: now)
            archive = chosen.file(name.text)
            displayName = (chosen.displayPath as NSString).appendingPathComponent(name.text)
            folder = chosen
        }
        let taker = BackupTaker(environment: environment.variables, comparison: configuration.comparison)
        let result = try await taker.take(BackupTaker.Request(
            settings: settings, environmentName: target.environment, archive: archive, displayName: displayName,
            schemaOnly: schemaOnly, takenAt: now
        ))
        let pruned = try folder?.prune(environment: target.environment, database: settings.database, keep: configuration.backup.keep) ?? []
        return TakenBackup(result: result, pruned: pruned)
    }

    /// `backup.before_up`: before `up` takes the migration lock, backs the target up when
    /// the setting covers its environment and a migration is pending, and says so (on
    /// stderr with `--format json`). A failed backup stops `up` before anything runs.
    func backUpBeforeUp(_ target: ResolvedTarget, session: any DatabaseSession, migrator: Migrator) async throws {
        guard configuration.backup.backsUpBeforeUp(protected: target.isProtected) else { return }
        let status = try await migrator.status(on: session)
        guard status.hasPendingMigrations else {
            output.detail("backup.before_up: nothing is pending, so no backup was taken")
            return
        }
        output.progress(output.paint("Backing up env:\(target.environment) before migrating (backup.before_up: \(configuration.backup.beforeUp.rawValue))…", .gray))
        let taken = try await takeBackup(of: target, output: nil, schemaOnly: false)
        output.progress(BackupRenderer(output: output).beforeUpLine(taken))
    }
}
