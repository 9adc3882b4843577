import StrataDiff
import StrataPostgres
import StrataSchema

/// Makes a database match the desired schema directly, without a migration file: for
/// fast local iteration (`strata push`).
public struct SchemaPusher: Sendable {
    public var reader: SchemaReader

    public init(reader: SchemaReader) {
        self.reader = reader
    }

    /// The plan from the target's schema to the desired one.
    ///
    /// - Throws: ``GenerateError/Code/unsupported`` when the desired schema holds objects
    ///   Strata does not compare, unless `allowUnsupported`.
    public func plan(target: ConnectionSettings, desired: SchemaFiles, renames: [RenameRequest], allowUnsupported: Bool = false) async throws -> Plan {
        var timings = PhaseTimings()
        async let desiredSchema = readFiles(desired)
        let current = try await reader.read(.database(target, label: "the target"), timings: &timings)
        let resolved = try renames.map { try $0.resolve(in: current) }
        let wanted = try await desiredSchema
        if !wanted.notCompared.isEmpty, !allowUnsupported {
            throw GenerateError.unsupported(wanted.notCompared, command: "`strata push`")
        }
        return try SchemaDiffer.plan(from: current, to: wanted, options: DiffOptions(renames: resolved))
    }

    private func readFiles(_ files: SchemaFiles) async throws -> Schema {
        var timings = PhaseTimings()
        return try await reader.read(.files(files, label: "the desired schema"), timings: &timings)
    }

    /// Applies a plan to the target in one transaction, then checks that nothing is left.
    ///
    /// - Returns: the plan still left afterwards (empty on success).
    public func apply(_ plan: Plan, target: ConnectionSettings, desired: SchemaFiles) async throws -> Plan {
        let session = try await PostgresSession.connect(target)
        do {
            try await session.execute("BEGIN")
            for statement in plan.statements {
                do {
                    try await session.execute(statement.sql)
                } catch let error as DatabaseError {
                    _ = try? await session.execute("ROLLBACK")
                    throw GenerateError(
                        .applyFailed,
                        "applying the plan failed at \(statement.action) \(statement.object): "
                            + (error.server.map { "[\($0.sqlState)] \($0.message)" } ?? error.message),
                        hint: ((error.server?.hint).map { $0 + ". " } ?? "") + "Nothing was changed: the transaction was rolled back.",
                        server: error.server
                    )
                }
            }
            try await session.execute("COMMIT")
            await session.close()
        } catch {
            await session.close()
            throw error
        }
        return try await self.plan(target: target, desired: desired, renames: [], allowUnsupported: true)
    }
}
