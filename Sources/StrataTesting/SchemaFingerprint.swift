import StrataPostgres

/// The test suite's own oracle for "same schema": a sorted list of lines, one per object
/// (or per privilege, comment, owner, mapping), read from PostgreSQL's catalogs by queries
/// written for this oracle alone (``FingerprintQueries``), independent of Strata's
/// introspection.
///
/// Two databases hold the same user schema exactly when their fingerprints are equal
/// (within the ``Options``). Objects that belong to extensions, the system schemas and the
/// history tables of migration tools (``Options/historyTables``) are left out. Column
/// order is ignored unless ``Options/columnOrder`` is set, because `ADD COLUMN` can only
/// append.
public struct SchemaFingerprint: Sendable, Hashable, CustomStringConvertible {
    /// What a fingerprint describes, one switch per kind of object (or property).
    public enum Category: String, Sendable, Hashable, CaseIterable {
        case schemas, extensions, types, sequences, tables, columns
        /// `attoptions` (e.g. `n_distinct`), statistics targets of columns and index
        /// columns, `attstorage` when it differs from the type's, `attcompression`: part
        /// of the lines of ``columns`` and ``indexes``.
        case columnOptions
        case constraints, indexes, views, triggers, policies, rules, statistics
        /// Functions, procedures and window functions.
        case routines
        case aggregates, casts, operators
        /// Operator classes and families with their members.
        case operatorClasses
        /// Text search configurations (with mappings), dictionaries, parsers, templates.
        case textSearch
        case collations, conversions
        /// Foreign-data wrappers, servers and user mappings (foreign tables are tables).
        case foreignData
        case eventTriggers, publications, languages, accessMethods, transforms, comments
        /// ACLs of schemas, relations, columns, routines, types, languages, wrappers, servers.
        case privileges
        /// `pg_default_acl`.
        case defaultPrivileges
        case owners
    }

    /// What to describe.
    public struct Options: Sendable, Hashable {
        /// Columns carry their position (among the table's live columns).
        public var columnOrder: Bool
        /// Columns say whether they are declared locally and how many parents they are
        /// inherited from (`attislocal`, `attinhcount`).
        public var columnLocality: Bool
        /// Extensions carry their version.
        public var extensionVersions: Bool
        /// The schemas to describe; nil for every user schema. With a list, objects that
        /// belong to no schema (casts, event triggers, publications, servers, …) are left out.
        public var includeSchemas: [String]?
        /// Schemas never described.
        public var excludeSchemas: [String]
        /// Categories left out.
        public var excluded: Set<Category>
        /// Tables left out (by name, in any schema) with everything on them and the
        /// sequences they own: the history tables of migration tools.
        public var historyTables: [String]

        /// The history tables of Strata and of the tools it adopts or resembles.
        public static let knownHistoryTables = [
            "strata_migrations", "schema_migrations", "goose_db_version", "_sqlx_migrations", "flyway_schema_history",
            "__diesel_schema_migrations", "knex_migrations", "knex_migrations_lock", "atlas_schema_revisions",
            "gorp_migrations", "_prisma_migrations", "__drizzle_migrations", "schema_version", "schema_migration",
        ]

        /// - Parameters:
        ///   - privileges: describe ACLs and default privileges.
        ///   - owners: describe owners.
        ///   - columnOrder: compare the order of columns too.
        ///   - columnLocality: compare whether columns are declared locally or only inherited.
        ///   - excluding: further categories to leave out.
        public init(
            privileges: Bool = true, owners: Bool = true, columnOrder: Bool = false, columnLocality: Bool = true, extensionVersions: Bool = true,
            includeSchemas: [String]? = nil, excludeSchemas: [String] = [], excluding: Set<Category> = [],
            historyTables: [String] = Options.knownHistoryTables
        ) {
            var excluded = excluding
            if !privileges { excluded.formUnion([.privileges, .defaultPrivileges]) }
            if !owners { excluded.insert(.owners) }
            self.columnOrder = columnOrder
            self.columnLocality = columnLocality
            self.extensionVersions = extensionVersions
            self.includeSchemas = includeSchemas
            self.excludeSchemas = excludeSchemas
            self.excluded = excluded
            self.historyTables = historyTables
        }

        /// Whether `category` is described.
        public func includes(_ category: Category) -> Bool { !excluded.contains(category) }

        /// These options with `categories` left out as well.
        public func excluding(_ categories: Category...) -> Options {
            var copy = self
            copy.excluded.formUnion(categories)
            return copy
        }
    }

    /// The lines, sorted; line breaks inside a line (a function body, a view) are written
    /// as `\n`, and backslashes as `\\`.
    public var lines: [String]

    public init(lines: [String]) {
        self.lines = lines.sorted()
    }

    public var description: String { lines.joined(separator: "\n") }

    /// Reads the fingerprint of the database `settings` connects to.
    public static func read(_ settings: ConnectionSettings, options: Options = .init()) async throws -> SchemaFingerprint {
        let session = try await PostgresSession.connect(settings)
        do {
            let fingerprint = try await read(session, options: options)
            await session.close()
            return fingerprint
        } catch {
            await session.close()
            throw error
        }
    }

    /// Reads the fingerprint through `session`, in one `REPEATABLE READ, READ ONLY`
    /// transaction with an empty `search_path` (so that every user object is named with
    /// its schema). The session must not be inside a transaction.
    public static func read(_ session: any DatabaseSession, options: Options = .init()) async throws -> SchemaFingerprint {
        try await session.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        do {
            try await session.execute("SET LOCAL search_path = ''")
            let version = Int(try await session.scalar("SELECT current_setting('server_version_num')") ?? "") ?? 0
            let scope = FingerprintScope(
                includeSchemas: options.includeSchemas, excludeSchemas: options.excludeSchemas, historyTables: options.historyTables
            )
            var lines: [String] = []
            for (_, sql) in FingerprintQueries(scope: scope, serverVersion: version, options: options).all() {
                for row in try await session.query(sql) {
                    if let line = row[0] { lines.append(escaped(line)) }
                }
            }
            try await session.execute("COMMIT")
            return SchemaFingerprint(lines: lines)
        } catch {
            try? await session.execute("ROLLBACK")
            throw error
        }
    }

    /// The lines only in `self` (`-`) and only in `other` (`+`), sorted, for test messages.
    public func difference(to other: SchemaFingerprint) -> String {
        LineDifference(old: lines, new: other.lines).description
    }

    private static func escaped(_ line: String) -> String {
        guard line.contains(where: { $0 == "\n" || $0 == "\\" || $0 == "\r" }) else { return line }
        var result = ""
        for character in line {
            switch character {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r\n": result += "\\r\\n"
            case "\r": result += "\\r"
            default: result.append(character)
            }
        }
        return result
    }
}
