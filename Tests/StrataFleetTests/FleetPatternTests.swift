import StrataFleet
import Testing

@Suite("fleet patterns")
struct FleetPatternTests {
    @Test(arguments: [
        ("tenant_00*", "tenant_001", true),
        ("tenant_00*", "tenant_010", false),
        ("*", "", true),
        ("*", "anything/at/all", true),
        ("t?nant", "tenant", true),
        ("t?nant", "tnant", false),
        ("*_a*b", "x_aab", true),
        ("*_a*b", "x_aabc", false),
        ("a*b*c", "abbbc", true),
        ("a*b*c", "acb", false),
        ("exact", "exact", true),
        ("exact", "exactly", false),
        ("**x", "yyx", true),
    ])
    func matchesWholeText(pattern: String, text: String, expected: Bool) {
        #expect(FleetPattern(pattern).matches(text) == expected, "\(pattern) vs \(text)")
    }

    @Test func matchesNameDatabaseSchemaOrPath() {
        let tenant = FleetTestTargets.tenant("tenant_007", database: "pooled", host: "10.0.0.2", port: 5433)
        #expect(FleetPattern("tenant_00?").matches(tenant))
        #expect(FleetPattern("pooled/*").matches(tenant))
        #expect(FleetPattern("10.0.0.2:5433/*").matches(tenant))
        #expect(!FleetPattern("pooled").matches(tenant))
        let database = FleetTestTargets.database("app_b", host: "10.0.0.3")
        #expect(FleetPattern("app_*").matches(database))
        #expect(FleetPattern("10.0.0.3:*").matches(database))
        #expect(!FleetPattern("tenant_*").matches(database))
    }

    @Test func pathsNameServerDatabaseAndSchema() {
        #expect(FleetTestTargets.tenant("t1", database: "pooled", host: "h", port: 6000).path == "h:6000/pooled/t1")
        #expect(FleetTestTargets.database("app", host: "::1", port: 5432).path == "[::1]:5432/app")
        let socket = FleetTarget(
            settings: .init(endpoint: .socket(directory: "/tmp/pg", port: 5433), user: "u", database: "d"), origin: "test"
        )
        #expect(socket.server == "/tmp/pg:5433")
    }
}
