import StrataSchema

/// Columns of the tables (their comments come from ``ColumnCommentCatalog``), in no
/// particular order: the inspector puts each table's in
/// `attnum` order, which costs less there than a sort of every column on the server. A
/// generated column's expression goes to `generatedExpression`, not to the default; an
/// identity column carries its sequence's options (the sequence with an internal
/// dependency on the column). Per-column settings: attribute options, statistics target,
/// storage when it differs from the type's, and compression (PostgreSQL 14 and later; 13
/// has none to read).
///
/// A default is deparsed without its table (`pg_get_expr(…, 0)`): it cannot name a column,
/// so the text is the same, and the server need not open every table (building its relation
/// cache entry) to name columns that are not there. A generated column's expression names
/// columns and is deparsed with its table.
enum ColumnCatalog: CatalogQuery {
    static let name = "columns"
    static let sql = #"""
        SELECT a.attrelid::text, a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull,
               CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, 0) END,
               CASE WHEN a.attgenerated <> '' THEN pg_get_expr(ad.adbin, ad.adrelid) END,
               CASE WHEN a.attidentity <> '' THEN json_build_array(
                   a.attidentity, format_type(s.seqtypid, NULL), s.seqstart::text, s.seqincrement::text, s.seqmin::text,
                   s.seqmax::text, s.seqcache::text, CASE WHEN s.seqcycle THEN 't' ELSE 'f' END)::text END,
               co.nspname, co.collname, a.attislocal, a.attnum::text, ad.oid::text,
               CASE WHEN a.attoptions IS NOT NULL OR NULLIF(a.attstattarget, -1) IS NOT NULL OR a.attstorage <> t.typstorage
                         OR a.attcompression <> '' THEN json_build_array(
                   to_json(a.attoptions)::text, NULLIF(a.attstattarget, -1)::text,
                   CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage::text END,
                   NULLIF(a.attcompression::text, ''))::text END,
               t.typstorage::text
        FROM user_relation r
        JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
        -- Types and defaults are hashed once (OFFSET 0 keeps them whole) rather than probed
        -- for every column.
        JOIN (SELECT t.oid, t.typstorage, t.typcollation FROM pg_type t OFFSET 0) t ON t.oid = a.atttypid
        LEFT JOIN (SELECT ad.oid, ad.adrelid, ad.adnum, ad.adbin FROM pg_attrdef ad OFFSET 0) ad
               ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
        -- Only identity columns look for their sequence: for the others the condition is a
        -- one-time filter (OFFSET 0 keeps the subquery from being pulled up into a join
        -- filter), so there is no pg_depend probe per column.
        LEFT JOIN LATERAL (
            SELECT seq.* FROM pg_depend d JOIN pg_sequence seq ON seq.seqrelid = d.objid
            WHERE a.attidentity <> '' AND d.refclassid = 'pg_class'::regclass AND d.refobjid = a.attrelid
              AND d.refobjsubid = a.attnum AND d.classid = 'pg_class'::regclass AND d.deptype = 'i'
            OFFSET 0
        ) s ON true
        LEFT JOIN LATERAL (
            SELECT cn.nspname::text AS nspname, c.collname::text AS collname
            FROM pg_collation c JOIN pg_namespace cn ON cn.oid = c.collnamespace
            WHERE a.attcollation <> t.typcollation AND c.oid = a.attcollation
            OFFSET 0
        ) co ON true
        WHERE r.relkind IN ('r', 'p')
        """#

    /// PostgreSQL 13 has no `attcompression`.
    static func sql(serverVersion: Int) -> String {
        guard serverVersion < 140000 else { return sql }
        return sql.replacingOccurrences(of: "OR a.attcompression <> ''", with: "OR false")
            .replacingOccurrences(of: "NULLIF(a.attcompression::text, ''))", with: "NULL::text)")
    }

    /// The column keyed by its table's oid, with its number and its default's oid (`pg_attrdef`).
    ///
    /// What most columns lack comes packed, as a JSON array of text or NULL, so that a column
    /// costs fourteen cells to send and read rather than twenty-five: an identity's generation
    /// and sequence options (`attidentity`, then the seven values ``SequenceOptions`` reads),
    /// and the settings (options, statistics target, storage, compression).
    static func item(_ row: CatalogRow) throws -> (table: String, number: Int32, defaultOID: UInt32?, column: Column) {
        var identity: Column.Identity?
        if let values = try row.json(6, as: [String?].self) {
            guard values.count == 8 else { throw row.unexpected(6, "has \(values.count) identity values, not 8") }
            let options = try SequenceOptions(Array(values[1...]), row: row, column: 6)
            switch values[0] {
            case "a": identity = .init(generation: .always, options: options)
            case "d": identity = .init(generation: .byDefault, options: options)
            case let other: throw row.unexpected(6, "has attidentity \(other.map { "\"\($0)\"" } ?? "NULL"), not a or d")
            }
        }
        let settings = try row.json(12, as: [String?].self) ?? [nil, nil, nil, nil]
        guard settings.count == 4 else { throw row.unexpected(12, "has \(settings.count) settings, not 4") }
        let options: [String]
        do {
            options = try settings[0].map { try CatalogJSONReader.decode([String].self, from: $0) } ?? []
        } catch {
            throw row.unexpected(12, "has options that are not the expected JSON (\(error))")
        }
        let column = Column(
            name: try row.string(1),
            type: try row.string(2),
            isNotNull: try row.bool(3),
            defaultExpression: row.optionalString(4),
            identity: identity,
            generatedExpression: row.optionalString(5),
            collation: try row.optionalName(7, 8),
            isLocal: try row.bool(9),
            options: options.sorted(),
            statisticsTarget: try settings[1].map { text in
                guard let value = Int(text) else { throw row.unexpected(12, "has the statistics target \"\(text)\"") }
                return value
            },
            storage: try settings[2].map { try storage($0, row, 12) },
            typeStorage: try storage(try row.string(13), row, 13),
            compression: try settings[3].map { code in
                switch code {
                case "p": return "pglz"
                case "l": return "lz4"
                default: throw row.unexpected(12, "has attcompression \"\(code)\"")
                }
            },
            comment: nil
        )
        guard let number = Int32(try row.string(10)) else { throw row.unexpected(10, "is not a column number") }
        return (try row.string(0), number, try row.oid(11), column)
    }

    /// A storage code (`attstorage`, `typstorage`) as `SET STORAGE` spells it.
    private static func storage(_ code: String, _ row: CatalogRow, _ column: Int) throws -> String {
        switch code {
        case "p": return "plain"
        case "e": return "external"
        case "x": return "extended"
        case "m": return "main"
        default: throw row.unexpected(column, "is a storage code \"\(code)\", not p, e, x or m")
        }
    }
}
