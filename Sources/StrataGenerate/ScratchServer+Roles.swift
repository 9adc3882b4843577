import StrataMigrate
import StrataPostgres
import StrataSQL

extension ScratchServer {
    /// The role that a failure says does not exist (`role "name" does not exist`,
    /// SQLSTATE 42704), from a schema file, a replayed migration or a statement.
    static func missingRole(in error: any Error) -> String? {
        switch error {
        case let error as GenerateError:
            return error.server.flatMap { missingRole(sqlState: $0.sqlState, message: $0.message) }
        case let error as MigrationError:
            return error.failure.flatMap { failure in failure.sqlState.flatMap { missingRole(sqlState: $0, message: failure.message) } }
        case let error as DatabaseError:
            return error.server.flatMap { missingRole(sqlState: $0.sqlState, message: $0.message) }
        default:
            return nil
        }
    }

    /// The role named by a server message `role "name" does not exist` of SQLSTATE 42704.
    public static func missingRole(sqlState: String, message: String) -> String? {
        let prefix = "role \"", suffix = "\" does not exist"
        guard sqlState == "42704", message.hasPrefix(prefix), message.hasSuffix(suffix),
              message.count > prefix.count + suffix.count else { return nil }
        return String(message.dropFirst(prefix.count).dropLast(suffix.count))
    }

    /// Creates a role that cannot log in, unless it exists (another run may have made it).
    public func createRole(_ name: String) async throws {
        let admin = try await PostgresSession.connect(adminSettings)
        do {
            try await admin.execute("CREATE ROLE \(SQLIdentifier.quote(name)) NOLOGIN")
        } catch let error as DatabaseError where ["42710", "23505"].contains(error.server?.sqlState ?? "") {
            // duplicate_object: created meanwhile.
        } catch {
            await admin.close()
            throw error
        }
        await admin.close()
    }
}
