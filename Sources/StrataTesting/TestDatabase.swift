#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StrataSQL
import StrataPostgres

/// A fresh, empty database for one test, on the process's ``TestServer``.
///
/// Every test gets its own database, so tests run in parallel without seeing each
/// other's tables. Names are `strata_t_<pid>_<n>_<label>` (at most 63 bytes), so that a
/// later run can recognise and drop the leftovers of a crashed one.
public struct TestDatabase: Sendable {
    /// Connects to this database as the superuser.
    public var settings: ConnectionSettings
    /// The database's name.
    public var name: String

    init(settings: ConnectionSettings, name: String) {
        self.settings = settings
        self.name = name
    }

    /// Creates a new database, starting the test server first if this is the process's
    /// first use of it.
    ///
    /// - Parameter label: a readable part of the name; the calling function by default.
    /// - Parameter cluster: the server: the first (the default) or the second one.
    public static func create(_ label: String = #function, on cluster: TestCluster = .first) async throws -> TestDatabase {
        let server = try await TestEnvironment.shared.server(cluster)
        let number = await TestEnvironment.shared.nextDatabaseNumber()
        let name = databaseName(pid: Int(getpid()), number: number, label: label)
        let admin = try await PostgresSession.connect(server.admin)
        do {
            try await admin.execute("CREATE DATABASE " + SQLIdentifier.quote(name))
            await admin.close()
            TestWatchdog.opened(name, admin: server.admin)
        } catch {
            await admin.close()
            throw error
        }
        return TestDatabase(settings: server.admin.with(database: name), name: name)
    }

    /// Drops the database, first ending any sessions still connected to it. Best effort:
    /// failures are ignored (a crashed run's leftovers are dropped by a later run).
    public func drop() async {
        TestWatchdog.dropped(name)
        guard let admin = try? await PostgresSession.connect(settings.with(database: "postgres")) else { return }
        _ = try? await admin.query(
            "SELECT pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity WHERE datname = $1 AND pid <> pg_catalog.pg_backend_pid()",
            [name]
        )
        let quoted = SQLIdentifier.quote(name)
        do {
            try await admin.execute("DROP DATABASE IF EXISTS \(quoted) WITH (FORCE)")
        } catch let error as DatabaseError where error.server?.sqlState == "42601" {
            // Servers before PostgreSQL 13 have no FORCE; the sessions were ended above.
            try? await admin.execute("DROP DATABASE IF EXISTS \(quoted)")
        } catch {}
        await admin.close()
    }

    /// Opens a session on this database; the caller closes it.
    public func session() async throws -> PostgresSession {
        try await PostgresSession.connect(settings)
    }

    /// Creates a database, runs `body` with it, and drops it, also when `body` throws.
    public static func withDatabase<T: Sendable>(
        _ label: String = #function, _ body: (TestDatabase) async throws -> T
    ) async throws -> T {
        let database = try await create(label)
        do {
            let result = try await body(database)
            await database.drop()
            return result
        } catch {
            await database.drop()
            throw error
        }
    }

    /// `strata_t_<pid>_<number>_<label>`: the label lower-cased, camel case split with
    /// underscores, anything but letters and digits turned into single underscores, and
    /// cut so that the whole name fits PostgreSQL's 63 bytes.
    static func databaseName(pid: Int, number: Int, label: String) -> String {
        var words = ""
        var previous: Character = "_"
        for character in label {
            guard character.isASCII else {
                if previous != "_" { words.append("_"); previous = "_" }
                continue
            }
            if character.isUppercase, previous != "_", !previous.isUppercase {
                words.append("_")
            }
            let lowered = Character(character.lowercased())
            if lowered.isLetter || lowered.isNumber {
                words.append(lowered)
                previous = character
            } else if previous != "_" {
                words.append("_")
                previous = "_"
            }
        }
        let prefix = "strata_t_\(pid)_\(number)"
        let trimmed = words.split(separator: "_").joined(separator: "_")
        guard !trimmed.isEmpty else { return prefix }
        let room = 63 - prefix.utf8.count - 1
        guard room > 0 else { return prefix }
        let cut = String(trimmed.prefix(room)).split(separator: "_").joined(separator: "_")
        return cut.isEmpty ? prefix : prefix + "_" + cut
    }

    /// The process id in a `strata_t_<pid>_…` name.
    static func ownerProcess(ofDatabase name: String) -> pid_t? {
        guard name.hasPrefix("strata_t_") else { return nil }
        let digits = name.dropFirst("strata_t_".count).prefix(while: \.isNumber)
        return pid_t(digits)
    }
}
