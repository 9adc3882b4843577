import Foundation
import StrataSchema

/// One catalog query of the ``SchemaInspector``: the SQL for one object kind and how to
/// read one of its rows.
///
/// Every query runs after ``CatalogQueries/prelude``, which defines the common table
/// expressions `user_namespace` (the schemas to read) and `user_relation` (the tables,
/// partitioned tables, views and materialized views to read), from the parameters
/// `$1` (include-schemas, a JSON array or NULL), `$2` (exclude-schemas, a JSON array) and
/// `$3` (excluded relations, a JSON array of `[schema, name]` pairs). A query may add
/// further common table expressions by starting with `, name AS (…)`.
///
/// Rows come back as text: every non-text column is cast to text in SQL, lists are
/// aggregated to JSON, booleans arrive as `t`/`f`.
protocol CatalogQuery {
    associatedtype Item: Sendable
    /// What the query reads, for messages (`tables`, `columns`, …).
    static var name: String { get }
    /// The query after the prelude.
    static var sql: String { get }
    static func item(_ row: CatalogRow) throws -> Item
    /// The query for a server of this `server_version_num`: ``sql`` unless the query reads
    /// a catalog column that older servers lack.
    static func sql(serverVersion: Int) -> String
}

extension CatalogQuery {
    static func sql(serverVersion: Int) -> String { sql }
}

enum CatalogQueries {
    /// The `server_version_num` the queries are written for when none is known.
    static let newestVersion = 170000

    /// The schemas and relations that the inspection covers. System schemas, objects
    /// that belong to an extension and the excluded relations are left out. Extension
    /// members are found from the extensions' side (`refclassid`, an index prefix of
    /// `pg_depend`) and hashed once, rather than probed for every relation: every query
    /// that reads `user_relation` pays for it.
    static let prelude = #"""
        WITH user_namespace AS (
            SELECT n.oid, n.nspname::text AS nspname
            FROM pg_namespace n
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp\_%'
              AND ($1::json IS NULL OR n.nspname IN (SELECT json_array_elements_text($1::json)))
              AND n.nspname NOT IN (SELECT json_array_elements_text($2::json))
              AND NOT EXISTS (SELECT 1 FROM pg_depend e
                              WHERE e.classid = 'pg_namespace'::regclass AND e.objid = n.oid AND e.deptype = 'e')
        ),
        user_relation AS (
            SELECT c.oid, c.relkind, n.nspname, c.relname::text AS relname
            FROM pg_class c JOIN user_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm')
              AND c.oid NOT IN (SELECT e.objid FROM pg_depend e
                                WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_class'::regclass
                                  AND e.deptype = 'e')
              AND NOT EXISTS (SELECT 1 FROM json_array_elements($3::json) x
                              WHERE x ->> 0 = n.nspname AND x ->> 1 = c.relname)
        )

        """#

    /// SQL for the names of an index's `INCLUDE` columns as a JSON array (text), NULL when
    /// it has none: `index` is the alias of its `pg_index` row, `table` its table's oid.
    static func includedColumns(index: String, table: String) -> String {
        """
        CASE WHEN \(index).indnatts > \(index).indnkeyatts THEN (
                           SELECT json_agg(a.attname ORDER BY k.position)
                           FROM unnest(\(index).indkey::int2[]) WITH ORDINALITY k(attnum, position)
                           CROSS JOIN LATERAL (SELECT a.attname FROM pg_attribute a
                                               WHERE a.attrelid = \(table) AND a.attnum = k.attnum OFFSET 0) a
                           WHERE k.position > \(index).indnkeyatts)::text END
        """
    }

    /// The parameters `$1`, `$2`, `$3` of the prelude.
    static func parameters(_ options: SchemaInspector.Options) throws -> [String?] {
        let encoder = JSONEncoder()
        func json<T: Encodable>(_ value: T) throws -> String {
            String(decoding: try encoder.encode(value), as: UTF8.self)
        }
        return [
            try options.includeSchemas.map { try json($0) },
            try json(options.excludeSchemas),
            try json(options.excludeTables.map { [$0.schema, $0.name] }),
        ]
    }
}

/// One row of a catalog query, with typed accessors that fail with a
/// ``DatabaseError`` naming the query and column when a value is not what the query
/// promises.
struct CatalogRow {
    let row: Row
    let query: String

    /// A text value that must not be NULL.
    func string(_ column: Int) throws -> String {
        guard let value = row[column] else { throw unexpected(column, "is NULL") }
        return value
    }

    /// A text value, nil for NULL.
    func optionalString(_ column: Int) -> String? {
        row[column]
    }

    /// A boolean (`t` or `f`).
    func bool(_ column: Int) throws -> Bool {
        switch row[column] {
        case "t": return true
        case "f": return false
        case let other: throw unexpected(column, "is \(other.map { "\"\($0)\"" } ?? "NULL"), not a boolean")
        }
    }

    /// An oid (or any unsigned 32-bit number); nil for NULL.
    func oid(_ column: Int) throws -> UInt32? {
        guard let text = row[column] else { return nil }
        guard let value = UInt32(text) else { throw unexpected(column, "is \"\(text)\", not an oid") }
        return value
    }

    /// An integer, nil for NULL.
    func optionalInt(_ column: Int) throws -> Int? {
        guard let text = row[column] else { return nil }
        guard let value = Int(text) else { throw unexpected(column, "is \"\(text)\", not an integer") }
        return value
    }

    /// A 64-bit integer.
    func int64(_ column: Int) throws -> Int64 {
        let text = try string(column)
        guard let value = Int64(text) else { throw unexpected(column, "is \"\(text)\", not an integer") }
        return value
    }

    /// A JSON value (an aggregated list); nil for NULL, which `json_agg` returns for no rows.
    func json<T: CatalogJSONValue>(_ column: Int, as type: T.Type) throws -> T? {
        guard let text = row[column] else { return nil }
        do {
            return try CatalogJSONReader.decode(T.self, from: text)
        } catch {
            throw unexpected(column, "is not the expected JSON (\(error))")
        }
    }

    /// When a trigger or rule fires (`tgenabled`, `ev_enabled`): `O`, `D`, `R` or `A`.
    func enabled(_ column: Int) throws -> Trigger.Enabled {
        switch try string(column) {
        case "O": return .origin
        case "D": return .disabled
        case "R": return .replica
        case "A": return .always
        case let other: throw unexpected(column, "is \"\(other)\", not one of O, D, R, A")
        }
    }

    /// A qualified name from two columns, nil when the first is NULL.
    func optionalName(_ schemaColumn: Int, _ nameColumn: Int) throws -> QualifiedName? {
        guard let schema = row[schemaColumn] else { return nil }
        return QualifiedName(schema, try string(nameColumn))
    }

    func unexpected(_ column: Int, _ problem: String) -> DatabaseError {
        DatabaseError(
            .unexpectedResult,
            "the catalog query for \(query) returned a row whose column \(column + 1) \(problem)",
            hint: "this is a bug in Strata's schema inspection; please report it with the server version"
        )
    }
}
