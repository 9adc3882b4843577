import StrataSQL

/// The SQL predicates that decide which objects a ``SchemaFingerprint`` describes: user
/// schemas (filtered by the options), no object that belongs to an extension, and no
/// migration tool's history table (nor anything on it).
///
/// Each predicate is an SQL boolean expression over the column names it is given, to be
/// written into a `WHERE` clause. Names in the options are written as string constants.
struct FingerprintScope: Sendable {
    var includeSchemas: [String]?
    var excludeSchemas: [String]
    var historyTables: [String]

    /// Whether the schema named by the expression `name` is described.
    func schema(_ name: String) -> String {
        var parts = [
            "\(name) NOT IN ('pg_catalog', 'information_schema')",
            "\(name) NOT LIKE 'pg\\_toast%'",
            "\(name) NOT LIKE 'pg\\_temp\\_%'",
        ]
        if let includeSchemas { parts.append("\(name) = ANY (\(Self.array(includeSchemas)))") }
        if !excludeSchemas.isEmpty { parts.append("\(name) <> ALL (\(Self.array(excludeSchemas)))") }
        return "(" + parts.joined(separator: " AND ") + ")"
    }

    /// Whether the schema with oid `oid` is described.
    func schemaOID(_ oid: String) -> String {
        "EXISTS (SELECT 1 FROM pg_namespace sn WHERE sn.oid = \(oid) AND \(schema("sn.nspname")))"
    }

    /// Whether objects that belong to no schema (casts, event triggers, publications,
    /// foreign servers, …) are described: only when no schema list narrows the scope.
    var includesDatabaseObjects: Bool { includeSchemas == nil }

    /// The object `oid` of system catalog `catalog` (e.g. `pg_class`) is not part of an
    /// extension.
    static func notExtensionMember(_ catalog: String, _ oid: String) -> String {
        "NOT EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.classid = '\(catalog)'::regclass AND xd.objid = \(oid) AND xd.deptype = 'e')"
    }

    /// The object `oid` of `catalog` is not an internal part of another object (as the
    /// constructor functions and casts of a range type's multirange type are).
    static func notInternal(_ catalog: String, _ oid: String) -> String {
        "NOT EXISTS (SELECT 1 FROM pg_depend id WHERE id.classid = '\(catalog)'::regclass AND id.objid = \(oid) AND id.deptype = 'i')"
    }

    /// The relation `oid` is described: its schema is, it is no extension's, it is not a
    /// history table, and it is not a sequence owned by (or the identity of) a history table.
    func relation(_ oid: String) -> String {
        """
        (EXISTS (SELECT 1 FROM pg_class sc JOIN pg_namespace sn ON sn.oid = sc.relnamespace
                 WHERE sc.oid = \(oid) AND \(schema("sn.nspname")) AND NOT (sc.relkind IN ('r', 'p') AND \(isHistoryTable("sc.relname"))))
         AND \(Self.notExtensionMember("pg_class", oid))
         AND NOT EXISTS (SELECT 1 FROM pg_depend od JOIN pg_class oc ON oc.oid = od.refobjid
                         WHERE od.classid = 'pg_class'::regclass AND od.objid = \(oid)
                           AND od.refclassid = 'pg_class'::regclass AND od.deptype IN ('a', 'i')
                           AND oc.relkind IN ('r', 'p') AND \(isHistoryTable("oc.relname"))))
        """
    }

    /// The object `oid` of `catalog` lives in a described schema (its namespace column is
    /// `namespace`), is no extension's and is no internal part of another object.
    func object(_ catalog: String, _ oid: String, namespace: String) -> String {
        "(\(schemaOID(namespace)) AND \(Self.notExtensionMember(catalog, oid)) AND \(Self.notInternal(catalog, oid)))"
    }

    /// An object of `catalog` that belongs to no schema: created by a user (not at initdb
    /// time) and no extension's, and only when the scope is not narrowed to some schemas.
    func databaseObject(_ catalog: String, _ oid: String) -> String {
        guard includesDatabaseObjects else { return "false" }
        return "(\(oid) >= 16384 AND \(Self.notExtensionMember(catalog, oid)) AND \(Self.notInternal(catalog, oid)))"
    }

    private func isHistoryTable(_ name: String) -> String {
        historyTables.isEmpty ? "false" : "\(name) = ANY (\(Self.array(historyTables)))"
    }

    /// `ARRAY['a', 'b']::text[]`.
    static func array(_ values: [String]) -> String {
        "ARRAY[" + values.map(SQLLiteral.quote).joined(separator: ", ") + "]::text[]"
    }
}
