import StrataFleet
import StrataMigrate
import StrataPostgres
import StrataTesting
import Synchronization
import Testing

/// The library API on a real server: tenants of one database and a database of their
/// own, migrated in parallel, with events per target.
@Suite("fleet library")
struct FleetLibraryTests {
    static func migration(_ version: String, _ name: String, _ text: String) -> Migration {
        Migration(
            version: MigrationVersion(version)!, name: name, path: "migrations/\(version)_\(name).sql", text: text,
            checksum: Checksum.of(Array(text.utf8))
        )
    }

    /// The second migration resets every setting first: a tenant's `search_path` is the
    /// session's starting value, so its objects still go to the tenant.
    static let migrator = Migrator(migrations: [
        migration("0001", "items", "-- strata:up\nCREATE TABLE items (id int);\n-- strata:down\nDROP TABLE items;\n"),
        migration("0002", "notes", "-- strata:up\nRESET ALL;\nCREATE TABLE notes (id int);\n-- strata:down\nDROP TABLE notes;\n"),
    ])

    /// Runs `sql` on a session of its own and returns the first column of each row.
    static func values(_ database: TestDatabase, _ sql: String) async throws -> [String] {
        let session = try await database.session()
        do {
            let rows = try await session.query(sql)
            await session.close()
            return rows.compactMap { $0[0] }
        } catch {
            await session.close()
            throw error
        }
    }

    @Test func tenantsAndADatabaseMigrateWithEventsPerTarget() async throws {
        try await TestDatabase.withDatabase("fleetLibraryShared") { shared in
            try await TestDatabase.withDatabase("fleetLibraryApp") { app in
                _ = try await Self.values(shared, "DO $$ BEGIN CREATE SCHEMA tenant_a; CREATE SCHEMA tenant_b; CREATE SCHEMA tenant_c; END $$")
                let fleet = Fleet(
                    targets: [
                        FleetTargetSpec(settings: shared.settings, selection: .schemas(query: "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant\\_%' ORDER BY 1"), origin: "tenants"),
                        FleetTargetSpec(settings: app.settings, origin: "app"),
                        FleetTargetSpec(settings: shared.settings, selection: .schema("tenant_gone"), origin: "gone"),
                    ],
                    options: FleetOptions(parallel: 3, maxFailures: nil)
                )
                let events = Mutex<[FleetEvent]>([])
                let report = try await fleet.run(.up(UpOptions()), migrator: Self.migrator) { event in
                    events.withLock { $0.append(event) }
                }
                let outcomes = report.targets.map { "\($0.target.name) \($0.outcome.rawValue) \($0.applied)" }
                #expect(outcomes == ["tenant_a applied 2", "tenant_b applied 2", "tenant_c applied 2", app.name + " applied 2", "tenant_gone failed 0"])
                let gone = try #require(report.targets.last?.error as? FleetError)
                #expect(gone.code == .schemaMissing)
                #expect(report.summary.migrationsApplied == 8)
                #expect(report.summary.failed == 1)

                // Each tenant holds its own tables and history; nothing went to public, and
                // the missing tenant was not created.
                let tables = try await Self.values(shared, """
                    SELECT schemaname || '.' || tablename FROM pg_tables
                    WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1
                    """)
                #expect(tables == ["tenant_a.items", "tenant_a.notes", "tenant_a.strata_migrations",
                                   "tenant_b.items", "tenant_b.notes", "tenant_b.strata_migrations",
                                   "tenant_c.items", "tenant_c.notes", "tenant_c.strata_migrations"])
                #expect(try await Self.values(shared, "SELECT count(*) FROM pg_namespace WHERE nspname = 'tenant_gone'") == ["0"])

                // Events: every target started and finished, its migrations reported as its own.
                let seen = events.withLock { $0 }
                var started = 0, finished = 0
                var migrationsFinished: [String: Int] = [:]
                for event in seen {
                    switch event {
                    case .targetStarted: started += 1
                    case .targetFinished: finished += 1
                    case .migration(let target, _, .migrationFinished):
                        migrationsFinished[target.name, default: 0] += 1
                    default: break
                    }
                }
                #expect(started == 5 && finished == 5)
                #expect(migrationsFinished == ["tenant_a": 2, "tenant_b": 2, "tenant_c": 2, app.name: 2])

                // A second run has nothing to do (the missing tenant still fails).
                let again = try await fleet.run(.up(UpOptions()), migrator: Self.migrator)
                #expect(again.targets.map(\.outcome) == [.upToDate, .upToDate, .upToDate, .upToDate, .failed])

                // Status reads every target; down rolls each back by its own last batch.
                let status = try await fleet.run(.status, migrator: Self.migrator)
                #expect(status.targets.prefix(4).map { "\($0.applied)/\($0.pending ?? -1)" } == ["2/0", "2/0", "2/0", "2/0"])
                let down = try await fleet.run(.down(DownOptions()), migrator: Self.migrator, only: [FleetPattern("tenant_b")])
                #expect(down.targets.map { "\($0.target.name) \($0.outcome.rawValue) \($0.reverted)" } == ["tenant_b reverted 2"])
            }
        }
    }

    @Test func anUnreachableServerFailsItsTargetsAndTheOthersRun() async throws {
        try await TestDatabase.withDatabase("fleetLibraryReachable") { database in
            // A socket directory with no server in it: connecting is refused at once.
            var gone = database.settings
            gone.endpoint = .socket(directory: "/tmp/strata-fleet-no-server-\(database.name.suffix(12))", port: 5432)
            let fleet = Fleet(
                targets: [
                    FleetTargetSpec(settings: gone, selection: .schemas(query: "SELECT 'x'"), origin: "gone-tenants"),
                    FleetTargetSpec(settings: gone, origin: "gone-db"),
                    FleetTargetSpec(settings: database.settings, origin: "here"),
                ],
                options: FleetOptions(parallel: 2, maxFailures: nil)
            )
            let report = try await fleet.run(.up(UpOptions()), migrator: Self.migrator)
            #expect(report.targets.map(\.outcome) == [.failed, .failed, .applied], "\(report.targets.map { $0.error.map { "\($0)" } ?? "" })")
            #expect(report.targets.map(\.isUnreachable) == [true, true, false])
            #expect(report.summary.unreachable == 2)
            #expect(!report.summary.noneReached)
        }
    }
}
