import StrataLint
import StrataObserve
import Testing

/// Statements that cannot run in a transaction block, watched from a second session: what they
/// rewrite is read from the catalog rows written while they ran.
@Suite struct ConcurrentStatementTests {
    static let table = "CREATE TABLE t (id int PRIMARY KEY, name text, note text);\nCREATE INDEX t_name ON t (name);\n"

    @Test func vacuumFullRewritesTheTableAndItsIndexes() async throws {
        let report = try await ObserveSupport.observe([Self.table, "-- strata:no-transaction\nVACUUM FULL t;\n"])
        let statement = try #require(report.statements.first)
        #expect(statement.transaction == .none)
        #expect(statement.rewrites == ["t", "t_name", "t_pkey"])
        #expect(report.codes == ["table-rewrite"])
        #expect(statement.note?.contains("may be incomplete") == true, "VACUUM never waits for the observer: \(statement.note ?? "")")
    }

    @Test func reindexConcurrentlySwapsInANewIndexOfTheSameName() async throws {
        let report = try await ObserveSupport.observe([Self.table, "-- strata:no-transaction\nREINDEX INDEX CONCURRENTLY t_name;\n"])
        let statement = try #require(report.statements.first)
        #expect(statement.rewrites == ["t_name"])
        #expect(report.findings.first?.message.contains("rebuilt the index t_name of t") == true, "\(report.findings)")
        #expect(statement.locks.contains { !$0.granted }, "a concurrent reindex waits for older snapshots: \(statement.locks)")
    }

    @Test func anIndexDroppedAndBuiltAgainUnderItsNameIsNoRebuild() async throws {
        let report = try await ObserveSupport.observe([
            Self.table,
            "-- strata:no-transaction\nDROP INDEX CONCURRENTLY t_name;\nCREATE INDEX CONCURRENTLY t_name ON t (note);\nDROP INDEX CONCURRENTLY t_name;\nCREATE INDEX t_name ON t (name);\n",
        ])
        #expect(report.statements.map(\.transaction) == [.none, .none, .none, .statement])
        #expect(report.statements.allSatisfy { $0.rewrites.isEmpty }, "\(report.statements.map(\.rewrites))")
        #expect(report.statements[1].strongestLock(on: "t")?.mode == .shareUpdateExclusive)
        #expect(report.statements[3].strongestLock(on: "t")?.mode == .share)
        #expect(report.findings.isEmpty, "\(report.findings)")
    }

    @Test func whatAnEarlierObservedFileCreatedIsExistingForTheNext() async throws {
        let report = try await ObserveSupport.observe([
            Self.table,
            "CREATE TABLE u (id int PRIMARY KEY);\nALTER TABLE t ALTER COLUMN id TYPE bigint;\n",
            "-- strata:no-transaction\nCREATE INDEX CONCURRENTLY u_id ON u (id);\n",
            "ALTER TABLE u ALTER COLUMN id TYPE bigint;\nALTER TABLE t ALTER COLUMN id TYPE integer;\n",
        ], reported: 3)
        #expect(report.statements.map(\.file) == ["2.sql", "2.sql", "3.sql", "4.sql", "4.sql"])
        #expect(report.statements[0].rewrites.isEmpty, "u is new in 2.sql")
        #expect(report.statements[1].rewrites == ["t", "t_name", "t_pkey"])
        #expect(report.statements[3].rewrites == ["u", "u_id", "u_pkey"], "u and the index built in 3.sql existed before 4.sql")
        #expect(report.statements[4].rewrites == ["t", "t_name", "t_pkey"], "t's files as 2.sql left them")
        #expect(report.findings.map(\.file) == ["2.sql", "4.sql", "4.sql"])
    }
}
