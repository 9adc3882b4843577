import StrataFleet
import StrataPostgres
import Testing

@Suite("fleet plans")
struct FleetPlanTests {
    @Test func keepsListedOrderAndNarrowsWithOnly() throws {
        let targets = [
            FleetTestTargets.database("app_a"), FleetTestTargets.tenant("tenant_001"), FleetTestTargets.tenant("tenant_002"),
            FleetTestTargets.database("app_b", host: "db2"),
        ]
        let all = try FleetPlan(listings: FleetTestTargets.listings(targets))
        #expect(all.targets.map(\.name) == ["app_a", "tenant_001", "tenant_002", "app_b"])
        #expect(all.waves == [0, 0, 0, 0])
        let some = try FleetPlan(listings: FleetTestTargets.listings(targets), only: [FleetPattern("tenant_002"), FleetPattern("db2:5432/*")])
        #expect(some.targets.map(\.name) == ["tenant_002", "app_b"])
    }

    @Test func anOnlyThatMatchesNothingIsAnError() {
        #expect {
            try FleetPlan(listings: FleetTestTargets.listings([FleetTestTargets.database("app")]), only: [FleetPattern("tenant_*")])
        } throws: { ($0 as? FleetError)?.code == .noMatch }
    }

    @Test func aTargetListedTwiceIsAnErrorNamingBothPlaces() {
        let spec = FleetTargetSpec(settings: FleetTestTargets.settings(database: "shared"), selection: .schemas(query: "q"), origin: "strata.yaml:5:12")
        let listed = FleetTarget(settings: spec.settings, schema: "tenant_001", origin: "strata.yaml:5:12")
        let again = FleetTarget(settings: spec.settings, schema: "tenant_001", origin: "strata.yaml:7:12")
        #expect {
            try FleetPlan(listings: [.listed(spec, [listed]), .listed(spec, [again])])
        } throws: { error in
            let error = error as? FleetError
            return error?.code == .duplicateTarget && error?.origin == "strata.yaml:7:12" && error?.message.contains("strata.yaml:5:12") == true
        }
    }

    @Test func wavesTakeTheFirstMatchAndEveryTargetMustHaveOne() throws {
        let targets = ["tenant_001", "tenant_002", "tenant_010", "tenant_011"].map { FleetTestTargets.tenant($0) }
        let waves = [FleetWave(match: FleetPattern("tenant_00*")), FleetWave(match: FleetPattern("*"))]
        let plan = try FleetPlan(listings: FleetTestTargets.listings(targets), waves: waves)
        #expect(plan.waves == [0, 0, 1, 1])
        #expect(plan.waveSizes == [2, 2])
        #expect {
            try FleetPlan(listings: FleetTestTargets.listings(targets), waves: [FleetWave(match: FleetPattern("tenant_00*"))])
        } throws: { error in
            let error = error as? FleetError
            return error?.code == .unmatchedTargets && error?.message == "no wave matches db1:5432/shared/tenant_010 and 1 more"
        }
    }

    @Test func failedAndEmptyListingsAreKeptForTheReport() throws {
        let down = FleetTargetSpec(settings: FleetTestTargets.settings(host: "gone", database: "shared"), selection: .schemas(query: "q"), origin: "strata.yaml:9:10")
        let empty = FleetTargetSpec(settings: FleetTestTargets.settings(database: "fresh"), selection: .schemas(query: "q"), origin: "strata.yaml:11:10")
        let app = FleetTestTargets.database("app")
        let plan = try FleetPlan(
            listings: [.failed(down, FleetError(.schemaListing, "cannot list")), .listed(empty, [])] + FleetTestTargets.listings([app]),
            only: [FleetPattern("app")]
        )
        #expect(plan.targets.map(\.name) == ["app"])
        #expect(plan.listingFailures.map(\.target.path) == ["gone:5432/shared"])
        #expect(plan.emptyListings == ["strata.yaml:11:10"])
    }

    @Test func optionsAreChecked() {
        #expect(throws: FleetError.self) { try FleetOptions(parallel: 0).validate() }
        #expect(throws: FleetError.self) { try FleetOptions(perServer: 0).validate() }
        #expect(throws: FleetError.self) { try FleetOptions(maxFailures: 0).validate() }
        #expect(throws: FleetError.self) { try FleetOptions(searchPath: "public").validate() }
        #expect(throws: FleetError.self) { try FleetOptions(waves: [FleetWave(match: FleetPattern("*"), parallel: 0)]).validate() }
        #expect(throws: Never.self) { try FleetOptions(parallel: 8, perServer: 4, maxFailures: nil, searchPath: "{schema}, public").validate() }
    }
}
