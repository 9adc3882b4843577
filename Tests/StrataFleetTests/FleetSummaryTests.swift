import StrataFleet
import StrataMigrate
import StrataPostgres
import Testing

@Suite("fleet summaries")
struct FleetSummaryTests {
    static let unreachable = DatabaseError(.cannotConnect, "cannot connect to gone:5432")

    static func result(_ outcome: FleetOutcome, applied: Int = 0, error: (any Error)? = nil) -> FleetTargetResult {
        FleetTargetResult(target: FleetTestTargets.database("d"), index: 0, wave: 0, outcome: outcome, applied: applied, error: error)
    }

    @Test func countsOutcomesAndMigrations() {
        let summary = FleetSummary(
            [
                Self.result(.applied, applied: 2), Self.result(.applied, applied: 2), Self.result(.upToDate),
                Self.result(.failed, applied: 1, error: MigrationError(.statementFailed, "boom")), Self.result(.skipped),
            ],
            action: .up(UpOptions()), durationMs: 10
        )
        #expect(summary.targets == 5)
        #expect(summary[.applied] == 2)
        #expect(summary[.upToDate] == 1)
        #expect(summary.failed == 1)
        #expect(summary.skipped == 1)
        #expect(summary.succeeded == 3)
        #expect(summary.migrationsApplied == 5, "a failed each-mode run's committed migrations count")
        #expect(summary.unreachable == 0)
        #expect(!summary.isSuccess)
        #expect(!summary.noneReached)
    }

    @Test func noneReachedWhenEveryFailureIsAConnectionFailure() {
        let listing = FleetError(.schemaListing, "cannot list", underlying: Self.unreachable)
        let all = FleetSummary([Self.result(.failed, error: Self.unreachable), Self.result(.failed, error: listing), Self.result(.skipped)], action: .status, durationMs: 1)
        #expect(all.unreachable == 2)
        #expect(all.noneReached)
        let some = FleetSummary([Self.result(.failed, error: Self.unreachable), Self.result(.upToDate)], action: .status, durationMs: 1)
        #expect(!some.noneReached)
        let server = FleetSummary([Self.result(.failed, error: DatabaseError(.server, "syntax error"))], action: .status, durationMs: 1)
        #expect(server.unreachable == 0)
        #expect(!server.noneReached)
    }

    @Test func statusCountsNoMigrationsRun() {
        let summary = FleetSummary([Self.result(.upToDate, applied: 4)], action: .status, durationMs: 1)
        #expect(summary.migrationsApplied == 0)
        #expect(summary.isSuccess)
    }
}
