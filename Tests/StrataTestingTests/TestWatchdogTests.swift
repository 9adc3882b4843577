@testable import StrataTesting
import Testing

/// The watchdog that ends a hung test process: its setting and what it prints (no server
/// needed; expiring would end this process).
@Suite struct TestWatchdogTests {
    @Test func theLimitComesFromTheEnvironmentInSeconds() {
        #expect(TestWatchdog.limit([:]) == TestWatchdog.defaultLimit)
        #expect(TestWatchdog.limit(["STRATA_TEST_TIME_LIMIT": ""]) == TestWatchdog.defaultLimit)
        #expect(TestWatchdog.limit(["STRATA_TEST_TIME_LIMIT": "90"]) == 90)
        #expect(TestWatchdog.limit(["STRATA_TEST_TIME_LIMIT": "0"]) == 0)
        #expect(TestWatchdog.limit(["STRATA_TEST_TIME_LIMIT": "30m"]) == TestWatchdog.defaultLimit)
        #expect(TestWatchdog.limit(["STRATA_TEST_TIME_LIMIT": "-5"]) == TestWatchdog.defaultLimit)
    }

    @Test func theReportNamesTheOpenDatabasesAndTheirSessions() {
        let report = TestWatchdog.report(limit: 1800, databases: [
            (name: "strata_t_41_7_killed_run", sessions: ["session 88: active waiting on Lock:advisory for 00:29:10: SELECT pg_advisory_xact_lock(4242)"]),
            (name: "strata_t_41_9_round_trip", sessions: ["no session"]),
        ])
        let lines = report.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[1].hasPrefix("strata tests: this test process has run for 1800 s (STRATA_TEST_TIME_LIMIT)"))
        #expect(Array(lines[4...8]) == [
            "  strata_t_41_7_killed_run",
            "    session 88: active waiting on Lock:advisory for 00:29:10: SELECT pg_advisory_xact_lock(4242)",
            "  strata_t_41_9_round_trip",
            "    no session",
            "",
        ])
    }

    @Test func withNoDatabaseOpenTheReportSaysSo() {
        let report = TestWatchdog.report(limit: 60, databases: [])
        #expect(report.contains("No test database is open"))
        #expect(report.hasSuffix("not finished).\n"))
    }
}
