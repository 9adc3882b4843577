import Foundation
import StrataDiff
import StrataMigrate
import StrataPostgres
import StrataSchema
import StrataSQL

/// Writes the migration from the migrations' state to the desired schema, and proves it
/// on a scratch database before anything is written.
///
/// The proof, on a scratch database where the existing migrations were replayed:
/// 1. each generated file's up part, parsed back from the file's text, is applied as
///    Strata would apply it (in a transaction unless the file is no-transaction), and
///    the result must plan to nothing against the desired schema;
/// 2. the down parts, parsed back from the files, are applied in reverse, and each must
///    return exactly to the state before its file (equal introspected models), ending at
///    the starting schema.
/// If a step fails, nothing is written and the error lists the objects that differ.
public struct MigrationGenerator: Sendable {
    public struct Request: Sendable {
        /// The migration's name part, e.g. `add_orders`.
        public var name: String
        public var migrator: Migrator
        public var desired: SchemaFiles
        /// Renames the user asked for (`--rename`).
        public var renames: [RenameRequest]
        /// Asked about each likely rename the user did not mention (a dropped and an added
        /// table or column that look alike); nil answers no to all.
        public var confirmRename: (@Sendable (Rename) async -> Bool)?
        /// The versions for the files, in order (usually one; more when indexes are built
        /// concurrently in files of their own).
        public var versions: @Sendable (Int) -> [String]
        /// Shown in the header: how the command was run.
        public var commandLine: String
        /// Plan what is compared even when the desired schema holds objects Strata does
        /// not compare (`--allow-unsupported`); they are named in the file's header.
        public var allowUnsupported: Bool

        public init(
            name: String, migrator: Migrator, desired: SchemaFiles, renames: [RenameRequest],
            confirmRename: (@Sendable (Rename) async -> Bool)? = nil,
            versions: @escaping @Sendable (Int) -> [String], commandLine: String, allowUnsupported: Bool = false
        ) {
            self.name = name
            self.migrator = migrator
            self.desired = desired
            self.renames = renames
            self.confirmRename = confirmRename
            self.versions = versions
            self.commandLine = commandLine
            self.allowUnsupported = allowUnsupported
        }
    }

    /// One file to write.
    public struct File: Sendable, Codable, Hashable {
        public var fileName: String
        public var text: String
        public var isTransactional: Bool
        public var up: [String]
        public var down: [String]
        public var hazards: [Hazard]

        enum CodingKeys: String, CodingKey {
            case fileName = "file_name", text, isTransactional = "transactional", up, down, hazards
        }
    }

    public struct Result: Sendable {
        /// Empty when the migrations already give the desired schema.
        public var files: [File]
        public var plan: Plan
        public var timings: PhaseTimings
        /// The schema the migrations build, which the plan starts from (nil from ``check(_:)``).
        public var current: Schema?
        /// Nothing differs: no statement, and no object that is not compared exists on one
        /// side only.
        public var isInSync: Bool { !plan.hasDifferences }
    }

    /// Plans changes between two schemas.
    public typealias Planner = @Sendable (Schema, Schema, DiffOptions) throws -> Plan

    public var reader: SchemaReader
    /// The planner whose output is proved; ``SchemaDiffer`` unless a test injects a faulty one.
    public var planner: Planner

    public init(reader: SchemaReader, planner: @escaping Planner = { try SchemaDiffer.plan(from: $0, to: $1, options: $2) }) {
        self.reader = reader
        self.planner = planner
    }

    /// Plans only: the changes from the migrations' state to the desired schema.
    public func check(_ request: Request) async throws -> Result {
        var timings = PhaseTimings()
        async let desired = readDesired(request, timings: PhaseTimings())
        let current = try await reader.read(.migrations(request.migrator, label: "migrations"), timings: &timings)
        let (desiredSchema, desiredTimings) = try await desired
        timings.loadMs += desiredTimings.loadMs
        timings.introspectionMs += desiredTimings.introspectionMs
        try Self.checkSupported(desiredSchema, request)
        var watch = Stopwatch()
        let renames = try await Self.renames(request, current: current, desired: desiredSchema)
        let plan = try planner(current, desiredSchema, DiffOptions(renames: renames, concurrentIndexes: true))
        timings.planningMs += watch.lap()
        return Result(files: [], plan: plan, timings: timings)
    }

    private func readDesired(_ request: Request, timings: PhaseTimings) async throws -> (Schema, PhaseTimings) {
        var timings = timings
        let schema = try await reader.read(.files(request.desired, label: "the desired schema"), timings: &timings)
        return (schema, timings)
    }

    /// Plans, proves and returns the files to write (it writes nothing itself).
    public func generate(_ request: Request) async throws -> Result {
        var timings = PhaseTimings()
        // The desired schema loads on its own scratch database while the migrations replay.
        let desiredRead = Task { try await readDesired(request, timings: PhaseTimings()) }
        defer { desiredRead.cancel() }
        return try await reader.requireScratch().withDatabase("replaying the migrations") { settings in
            try await withSession(settings) { session in
                var watch = Stopwatch()
                try await reader.replay(request.migrator, on: session)
                timings.replayMs += watch.lap()
                let current = try await reader.inspector.inspect(session)
                timings.introspectionMs += watch.lap()
                let (desired, desiredTimings) = try await desiredRead.value
                timings.loadMs += desiredTimings.loadMs
                timings.introspectionMs += desiredTimings.introspectionMs
                try Self.checkSupported(desired, request)
                watch = Stopwatch()

                let renames = try await Self.renames(request, current: current, desired: desired)
                let options = DiffOptions(renames: renames, concurrentIndexes: true)
                let plan = try planner(current, desired, options)
                timings.planningMs += watch.lap()
                if plan.isEmpty { return Result(files: [], plan: plan, timings: timings, current: current) }

                let groups = Self.groups(plan.statements)
                let versions = request.versions(groups.count)
                var states = [current]
                var files: [File] = []
                for (index, group) in groups.enumerated() {
                    let fileName = "\(versions[index])_\(Self.fileNamePart(request.name, group: group, index: index, count: groups.count)).sql"
                    let upOnly = Self.render(group: group, up: group.map(\.sql), down: [], header: [])
                    try await apply(partOf: upOnly, direction: .up, fileName: fileName, on: session)
                    timings.proofMs += watch.lap()
                    let after = try await reader.inspector.inspect(session)
                    timings.introspectionMs += watch.lap()
                    let isTransactional = group.first?.isTransactional ?? true
                    let downPlan = try planner(
                        after, states[index], DiffOptions(renames: Self.inverted(renames), concurrentIndexes: !isTransactional)
                    )
                    timings.planningMs += watch.lap()
                    states.append(after)
                    let hazards = Self.uniqueHazards(group)
                    files.append(File(
                        fileName: fileName, text: "", isTransactional: isTransactional, up: group.map(\.sql),
                        down: downPlan.statements.map(\.sql), hazards: hazards
                    ))
                }
                // Proof of the up direction: nothing left to do.
                let residual = try SchemaDiffer.plan(from: states[states.count - 1], to: desired, options: DiffOptions())
                timings.planningMs += watch.lap()
                if !residual.isEmpty {
                    throw GenerateError(
                        .proofFailed,
                        "the generated migration does not reach the desired schema on a scratch database; nothing was written",
                        hint: "this is a bug in Strata's planner; please report it with the schema files. These objects still differ:",
                        differences: Self.describe(residual)
                    )
                }
                for index in files.indices {
                    files[index].text = Self.render(
                        group: groups[index], up: files[index].up, down: files[index].down,
                        header: Self.header(request: request, file: files[index], index: index, count: files.count, plan: plan)
                    )
                }
                // Proof of the down direction, newest file first, with the final texts.
                for index in files.indices.reversed() {
                    try await apply(partOf: files[index].text, direction: .down, fileName: files[index].fileName, on: session)
                    timings.proofMs += watch.lap()
                    let reverted = try await reader.inspector.inspect(session)
                    timings.introspectionMs += watch.lap()
                    let leftover = try SchemaDiffer.plan(from: reverted, to: states[index], options: DiffOptions())
                    timings.planningMs += watch.lap()
                    if !leftover.isEmpty {
                        throw GenerateError(
                            .proofFailed,
                            "the generated down part of \(files[index].fileName) does not return to the previous schema on a scratch database; nothing was written",
                            hint: "this is a bug in Strata's planner; please report it with the schema files. These objects differ:",
                            differences: Self.describe(leftover)
                        )
                    }
                }
                return Result(files: files, plan: plan, timings: timings, current: current)
            }
        }
    }

    /// Stops when the desired schema holds objects that are not compared, unless allowed.
    static func checkSupported(_ desired: Schema, _ request: Request) throws {
        guard !desired.notCompared.isEmpty, !request.allowUnsupported else { return }
        throw GenerateError.unsupported(desired.notCompared, command: "`strata generate`")
    }

    /// Parses a generated file's text as Strata would and runs one direction of it.
    private func apply(partOf text: String, direction: MigrationDirection, fileName: String, on session: PostgresSession) async throws {
        let script = MigrationScript.parse(text)
        if let diagnostic = script.diagnostics.first {
            throw GenerateError(
                .proofFailed, "the generated \(fileName) does not parse: \(diagnostic.message)",
                hint: "this is a bug in Strata's SQL rendering; please report it", file: fileName,
                line: diagnostic.position.line, column: diagnostic.position.column
            )
        }
        let statements = direction == .up ? script.up : (script.down ?? [])
        if script.isTransactional { try await session.execute("BEGIN") }
        for statement in statements {
            do {
                try await session.execute(statement.text)
            } catch let error as DatabaseError {
                if script.isTransactional { _ = try? await session.execute("ROLLBACK") }
                let position = error.server?.position.map { statement.sourcePosition(forCharacterPosition: $0) } ?? statement.span.start
                throw GenerateError(
                    .proofFailed,
                    "the generated \(direction.rawValue) part of \(fileName) fails on a scratch database: "
                        + "\(error.server.map { "[\($0.sqlState)] \($0.message)" } ?? error.message); nothing was written",
                    hint: "this is a bug in Strata's planner; please report it with the schema files",
                    file: fileName, line: position.line, column: position.column, server: error.server
                )
            }
        }
        if script.isTransactional { try await session.execute("COMMIT") }
    }

    // MARK: - Files

    /// Consecutive statements that share transactionality: each group becomes a file.
    static func groups(_ statements: [PlannedStatement]) -> [[PlannedStatement]] {
        var groups: [[PlannedStatement]] = []
        for statement in statements {
            if let last = groups.last?.last, last.isTransactional == statement.isTransactional {
                groups[groups.count - 1].append(statement)
            } else {
                groups.append([statement])
            }
        }
        return groups
    }

    static func fileNamePart(_ name: String, group: [PlannedStatement], index: Int, count: Int) -> String {
        guard count > 1 else { return name }
        if group.first?.isTransactional ?? true { return index == 0 ? name : "\(name)_part\(index + 1)" }
        return "\(name)_concurrent_indexes" + (index == 0 || index == count - 1 ? "" : "_\(index + 1)")
    }

    static func render(group: [PlannedStatement], up: [String], down: [String], header: [String]) -> String {
        var text = header.map { "-- " + $0 }.joined(separator: "\n")
        if !text.isEmpty { text += "\n" }
        if !(group.first?.isTransactional ?? true) { text += "-- strata:no-transaction\n" }
        text += "-- strata:up\n"
        text += up.map { $0 + ";\n" }.joined(separator: "\n")
        text += "\n-- strata:down\n"
        text += down.map { $0 + ";\n" }.joined(separator: "\n")
        return text
    }

    static func header(request: Request, file: File, index: Int, count: Int, plan: Plan) -> [String] {
        var lines = ["Generated by `\(request.commandLine)`: from the migrations to the desired schema."]
        if count > 1 { lines.append("Part \(index + 1) of \(count).") }
        lines.append("Proved on a scratch database: up gives the desired schema, down returns to the previous one.")
        if !file.isTransactional {
            lines.append("Runs outside a transaction: CONCURRENTLY index builds do not block writes.")
        }
        if index == 0, !plan.notCompared.isEmpty {
            lines.append("Not compared (create or change these by hand):")
            lines += plan.notCompared.map { "  " + $0.description }
        }
        if file.hazards.isEmpty {
            lines.append("Hazards: none.")
        } else {
            lines.append("Hazards:")
            lines += file.hazards.map { "  \($0.code): \($0.message)" }
        }
        return lines
    }

    static func uniqueHazards(_ statements: [PlannedStatement]) -> [Hazard] {
        var seen = Set<Hazard>()
        var hazards: [Hazard] = []
        for hazard in statements.flatMap(\.hazards) where seen.insert(hazard).inserted {
            hazards.append(hazard)
        }
        return hazards
    }

    static func describe(_ plan: Plan) -> [String] {
        var seen = Set<String>()
        return plan.statements.compactMap { statement in
            let line = "\(statement.action) \(statement.object)"
            return seen.insert(line).inserted ? line : nil
        }
    }

    /// The renames given, plus the likely ones the user confirms.
    static func renames(_ request: Request, current: Schema, desired: Schema) async throws -> [Rename] {
        var renames = try request.renames.map { try $0.resolve(in: current) }
        if let confirm = request.confirmRename {
            for candidate in SchemaDiffer.renameCandidates(from: current, to: desired)
            where !renames.contains(where: { $0.kind == candidate.kind && $0.table == candidate.table && $0.from == candidate.from }) {
                if await confirm(candidate) { renames.append(candidate) }
            }
        }
        return renames
    }

    /// The renames that undo `renames`; a column of a renamed table is named by the
    /// table's new name.
    static func inverted(_ renames: [Rename]) -> [Rename] {
        let tableRenames = Dictionary(
            renames.filter { $0.kind == .table }.map { ($0.table, QualifiedName($0.table.schema, $0.to)) },
            uniquingKeysWith: { first, _ in first }
        )
        return renames.map { rename in
            var inverse = rename.inverted
            if rename.kind == .column, let renamedTable = tableRenames[rename.table] { inverse.table = renamedTable }
            return inverse
        }
    }
}
