import StrataPostgres
import StrataSchema
import StrataTesting
import Testing

/// Helpers for the introspection tests: each test loads its DDL into its own fresh
/// database and inspects it.
enum Inspection {
    /// Creates a database, runs `statements` one by one, inspects it with `options`, and
    /// returns the schema.
    static func schema(
        _ statements: [String], options: SchemaInspector.Options = .init(), label: String = #function
    ) async throws -> Schema {
        try await withSession(label) { session in
            try await load(statements, into: session)
            return try await SchemaInspector(options: options).inspect(session)
        }
    }

    /// Runs `body` with a session on a fresh database, then closes the session and drops
    /// the database, also when `body` throws.
    ///
    /// At most ``DatabaseGate/limit`` of these tests hold a database at once: the test
    /// cluster keeps PostgreSQL's default `max_connections` (100), which the whole
    /// package's tests running in parallel would otherwise exhaust.
    static func withSession<T: Sendable>(
        _ label: String = #function, _ body: (PostgresSession) async throws -> T
    ) async throws -> T {
        await DatabaseGate.shared.enter()
        do {
            let result = try await TestDatabase.withDatabase(label) { database in
                let session = try await database.session()
                do {
                    let result = try await body(session)
                    await session.close()
                    return result
                } catch {
                    await session.close()
                    throw error
                }
            }
            await DatabaseGate.shared.leave()
            return result
        } catch {
            await DatabaseGate.shared.leave()
            throw error
        }
    }

    /// `SAVEPOINT` fails outside a transaction block, and only there.
    static func expectOutsideTransaction(_ session: any DatabaseSession, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        do {
            try await session.execute("SAVEPOINT strata_probe")
            Issue.record("the session is still inside a transaction", sourceLocation: sourceLocation)
            try await session.execute("ROLLBACK")
        } catch let error as DatabaseError where error.server?.sqlState == "25P01" {
            // no_active_sql_transaction: as expected
        }
    }

    static func load(_ statements: [String], into session: any DatabaseSession) async throws {
        for statement in statements { try await session.execute(statement) }
    }

    /// The table, or a recorded failure.
    static func table(_ schema: Schema, _ qualified: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Table {
        let name = try #require(QualifiedName(parsing: qualified), sourceLocation: sourceLocation)
        return try #require(schema.tables.first { $0.name == name }, "no table \(qualified)", sourceLocation: sourceLocation)
    }

    static func view(_ schema: Schema, _ qualified: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> View {
        let name = try #require(QualifiedName(parsing: qualified), sourceLocation: sourceLocation)
        return try #require(schema.views.first { $0.name == name }, "no view \(qualified)", sourceLocation: sourceLocation)
    }
}

extension QualifiedName {
    /// `schema.name` split at the first dot (test names have no dots in the schema).
    init?(parsing text: String) {
        guard let dot = text.firstIndex(of: ".") else { return nil }
        self.init(String(text[..<dot]), String(text[text.index(after: dot)...]))
    }
}

extension Table {
    func constraint(_ name: String) -> Constraint? { constraints.first { $0.name == name } }
    func index(_ name: String) -> Index? { indexes.first { $0.name.name == name } }
    func trigger(_ name: String) -> Trigger? { triggers.first { $0.name == name } }
    func policy(_ name: String) -> Policy? { policies.first { $0.name == name } }
}

/// A counting semaphore for the introspection tests' databases.
actor DatabaseGate {
    static let shared = DatabaseGate()
    static let limit = 8

    private var inside = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        if inside < Self.limit {
            inside += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Lets the next waiting test in (it takes over the place), or frees the place.
    func leave() {
        if waiting.isEmpty {
            inside -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

/// A session that counts the queries run through it and records the statements, and
/// can fail the n-th query as if the server had.
actor CountingSession: DatabaseSession {
    let base: any DatabaseSession
    let failOnQuery: Int?
    private(set) var queries = 0
    private(set) var statements: [String] = []

    init(_ base: any DatabaseSession, failOnQuery: Int? = nil) {
        self.base = base
        self.failOnQuery = failOnQuery
    }

    func execute(_ sql: String) async throws {
        statements.append(sql)
        try await base.execute(sql)
    }

    func query(_ sql: String, _ parameters: [String?]) async throws -> [Row] {
        queries += 1
        if queries == failOnQuery {
            throw DatabaseError(.server, "injected failure", server: ServerError(sqlState: "57014", message: "canceling statement"))
        }
        return try await base.query(sql, parameters)
    }

    func queryColumns(_ sql: String) async throws -> [[String?]] {
        queries += 1
        return try await base.queryColumns(sql)
    }
}

/// A session that times the queries (server, network and the driver's decoding of rows
/// to text), to tell them apart from the inspector's own work.
actor TimingSession: DatabaseSession {
    let base: any DatabaseSession
    private var firstSent: ContinuousClock.Instant?
    private var lastReceived: ContinuousClock.Instant?
    private(set) var rows = 0

    init(_ base: any DatabaseSession) { self.base = base }

    /// From the first query sent to the last rows received (the inspector sends its
    /// queries at once, so their times overlap).
    var queryTime: Duration {
        guard let firstSent, let lastReceived else { return .zero }
        return lastReceived - firstSent
    }

    func execute(_ sql: String) async throws { try await base.execute(sql) }

    func query(_ sql: String, _ parameters: [String?]) async throws -> [Row] {
        if firstSent == nil { firstSent = ContinuousClock.now }
        let result = try await base.query(sql, parameters)
        lastReceived = ContinuousClock.now
        rows += result.count
        return result
    }

    func queryColumns(_ sql: String) async throws -> [[String?]] {
        try await base.queryColumns(sql)
    }
}

extension Column {
    /// The column without ``typeStorage``, which every inspected column carries (its type's
    /// `typstorage`), for comparing with columns written out in a test.
    var ignoringTypeStorage: Column {
        var copy = self
        copy.typeStorage = nil
        return copy
    }
}
