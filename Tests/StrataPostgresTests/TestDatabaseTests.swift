import StrataPostgres
@testable import StrataTesting
import Testing

@Suite("TestDatabase")
struct TestDatabaseTests {
    @Test func databasesAreIsolated() async throws {
        let first = try await TestDatabase.create()
        let second = try await TestDatabase.create()
        #expect(first.name != second.name)
        let one = try await first.session()
        let two = try await second.session()
        try await one.execute("CREATE TABLE only_here (id int)")
        #expect(try await one.scalar("SELECT current_database()") == first.name)
        #expect(try await two.scalar("SELECT current_database()") == second.name)
        #expect(try await two.scalar("SELECT to_regclass('only_here')::text") == nil)
        #expect(try await one.scalar("SELECT to_regclass('only_here')::text") == "only_here")
        await one.close()
        await two.close()
        await first.drop()
        await second.drop()
    }

    @Test func dropRemovesTheDatabaseEvenWithOpenSessions() async throws {
        let database = try await TestDatabase.create()
        let lingering = try await database.session()
        await database.drop()
        let admin = try await PostgresSession.connect(try await TestServer.adminSettings())
        #expect(try await admin.scalar("SELECT count(*) FROM pg_database WHERE datname = $1", [database.name]) == "0")
        await admin.close()
        await lingering.close()
        await database.drop()  // already gone: no error
    }

    @Test func withDatabaseDropsAlsoOnThrow() async throws {
        struct Expected: Error {}
        var name = ""
        do {
            try await TestDatabase.withDatabase { database in
                name = database.name
                throw Expected()
            }
        } catch is Expected {}
        let admin = try await PostgresSession.connect(try await TestServer.adminSettings())
        #expect(try await admin.scalar("SELECT count(*) FROM pg_database WHERE datname = $1", [name]) == "0")
        await admin.close()
    }

    @Test func namesAreSanitisedAndShort() {
        #expect(TestDatabase.databaseName(pid: 42, number: 7, label: "twoDatabasesAreIsolated()") == "strata_t_42_7_two_databases_are_isolated")
        #expect(TestDatabase.databaseName(pid: 42, number: 7, label: "«¿»") == "strata_t_42_7")
        #expect(TestDatabase.databaseName(pid: 42, number: 7, label: "Weird -- Name!") == "strata_t_42_7_weird_name")
        let long = TestDatabase.databaseName(pid: 4_194_304, number: 123_456, label: String(repeating: "veryLongLabel", count: 20))
        #expect(long.utf8.count <= 63)
        #expect(long.hasPrefix("strata_t_4194304_123456_very_long_label"))
        #expect(!long.hasSuffix("_"))
        #expect(TestDatabase.ownerProcess(ofDatabase: long) == 4_194_304)
        #expect(TestDatabase.ownerProcess(ofDatabase: "app") == nil)
    }

    @Test func serverSettingsAreConsistent() async throws {
        let admin = try await TestServer.adminSettings()
        #expect(admin.database == "postgres")
        #expect(admin.user == "postgres")
        let tcp = try await TestServer.tcpSettings(user: "u", password: "p", database: "d")
        #expect(tcp.user == "u")
        #expect(tcp.password == "p")
        if case .tcp = tcp.endpoint {} else { Issue.record("expected a TCP endpoint, got \(tcp.endpoint)") }
        #expect(try TestServer.binaries().majorVersion >= 10)
    }
}
