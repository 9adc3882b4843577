import StrataPostgres
import StrataSQL
import StrataTesting

/// Loads SQL text into fresh test databases and reads what the oracles see.
enum OracleSupport {
    /// The role some cases hand objects to.
    static let otherRole = "strata_oracle_other"

    /// Runs every statement of `sql`, in order, on one session of `database`.
    static func load(_ sql: String, into database: TestDatabase) async throws {
        let session = try await database.session()
        do {
            for statement in StatementSplitter.split(sql).statements {
                try await session.execute(statement.text)
            }
            await session.close()
        } catch {
            await session.close()
            throw error
        }
    }

    /// Creates ``otherRole`` unless it exists (also when another test creates it at the same time).
    static func ensureOtherRole() async throws {
        try await TestServer.ensureRoles([otherRole])
    }

    /// Loads `first` and `second` into two fresh databases and gives `body` both.
    static func withPair<T: Sendable>(
        _ first: String, _ second: String, label: String = #function,
        _ body: (TestDatabase, TestDatabase) async throws -> T
    ) async throws -> T {
        try await ensureOtherRole()
        return try await TestDatabase.withDatabase(label + "_1") { one in
            try await TestDatabase.withDatabase(label + "_2") { two in
                try await load(first, into: one)
                try await load(second, into: two)
                return try await body(one, two)
            }
        }
    }
}
