import StrataDiff
import StrataGenerate
import StrataPostgres
import StrataSchema

/// Proves that a backup restores: restores a checked archive into a scratch database
/// (dropped afterwards, whatever happens), reads the copy's schema and every table's
/// exact row count, and compares them with what the manifest recorded of the source in
/// the backup's snapshot — the schema through Strata's own differ, so "equal" means what
/// it means for `strata diff`.
///
/// The source need not be reachable: the manifest holds everything compared. Without a
/// manifest the archive is still restored (which proves it readable to the end) and its
/// tables counted, and the report says nothing was compared.
public struct ArchiveVerifier: Sendable {
    /// Where the scratch database is created.
    public var scratch: ScratchServer
    /// The variables child programs start from.
    public var environment: [String: String]
    /// `pg_restore --jobs`.
    public var jobs: Int

    public init(scratch: ScratchServer, environment: [String: String], jobs: Int) {
        self.scratch = scratch
        self.environment = environment
        self.jobs = max(jobs, 1)
    }

    /// Restores and compares.
    ///
    /// - Throws: ``BackupError`` `corruptArchive` when the archive's data cannot be read
    ///   (naming it), `restoreFailed` for another `pg_restore` error; ``GenerateError``
    ///   `scratch` when no scratch database can be made; ``DatabaseError``.
    public func verify(_ archive: CheckedArchive) async throws -> VerificationReport {
        let comparison = archive.manifest?.comparison ?? .default
        var watch = Stopwatch()
        return try await scratch.withDatabase("verifying \(archive.displayName)") { settings in
            if scratch.createsMissingRoles, let roles = archive.manifest?.roles, !roles.isEmpty {
                try await createMissingRoles(roles, settings: settings)
            }
            // A scratch copy needs no durability: its commits do not wait for the disk.
            let options = PgRestore.Options(jobs: jobs, noOwner: !comparison.owners, durable: false)
            do {
                try await PgRestore(tools: archive.tools, environment: environment)
                    .restore(archive.path, displayName: archive.displayName, into: settings, options: options)
            } catch var error as BackupError where error.code == .restoreFailed {
                if let output = error.toolOutput, output.contains("role \""), output.contains("does not exist") {
                    error.hint = "the scratch server (scratch_url) lacks a role the backup grants to or is owned by: "
                        + "create it there (NOLOGIN is enough), or leave scratch_url out to verify on the local cluster"
                }
                throw error
            }
            let restoreMs = watch.lap()
            let session = try await PostgresSession.connect(settings)
            let restored: DatabaseInventory
            do {
                restored = try await DatabaseInventory.read(
                    session, comparison: comparison, countingRows: !(archive.manifest?.schemaOnly ?? false)
                )
                await session.close()
            } catch {
                await session.close()
                throw error
            }
            let plan = try archive.manifest.map { try SchemaDiffer.plan(from: restored.schema, to: $0.schema) }
            return VerificationReport(
                archive: archive, jobs: jobs, restored: restored, plan: plan, restoreMs: restoreMs, compareMs: watch.lap()
            )
        }
    }

    /// Creates, on Strata's own scratch cluster, the roles the backup names that it lacks
    /// (`NOLOGIN`), so that grants and owners restore as they were.
    private func createMissingRoles(_ roles: [String], settings: ConnectionSettings) async throws {
        let session = try await PostgresSession.connect(settings)
        var missing: [String] = []
        do {
            for role in roles where try await session.scalar("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1", [role]) == nil {
                missing.append(role)
            }
            await session.close()
        } catch {
            await session.close()
            throw error
        }
        for role in missing { try await scratch.createRole(role) }
    }
}
