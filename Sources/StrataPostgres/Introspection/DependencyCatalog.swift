import StrataSchema

/// "`from` depends on `to`" edges from `pg_depend` (normal and automatic dependencies),
/// with both ends mapped to the model's identities by the `object` table below:
///
/// - a table column (`pg_class` + attnum) is a column; a column default or generation
///   expression (`pg_attrdef`) stands for its column;
/// - a view's `_RETURN` rule (`pg_rewrite`) and a view's columns stand for the view;
/// - an index backing a primary key, unique or exclusion constraint stands for the
///   constraint (so a foreign key depends on the referenced key constraint);
/// - a table's or view's row type stands for the table or view, an array type for its
///   element type, a domain's constraint for the domain, a standalone composite type's
///   relation for the type;
/// - an object that belongs to an extension (and the array type of such a type) stands
///   for the extension, so that, say, a `citext` column depends on extension `citext`.
///
/// Dropped: edges whose ends are not in the model (system objects, identity sequences,
/// a partition's copies of indexes, constraints and triggers, rules other than a view's),
/// self-edges, membership edges (a trigger, policy, constraint or index on its own table
/// or view: implied by the model's structure), and a sequence's automatic dependency on
/// the column that owns it, which ``Sequence/ownedBy`` records and which would otherwise
/// form a cycle with the column default's dependency on the sequence.
enum DependencyCatalog: CatalogQuery {
    static let name = "dependencies"
    static let sql = #"""
        , user_type AS (
            -- enums, domains and standalone composite types, and the row types of tables and views
            SELECT t.oid, t.typarray, n.nspname, t.typname::text AS typname, 'type' AS kind
            FROM pg_type t JOIN user_namespace n ON n.oid = t.typnamespace
            LEFT JOIN pg_class c ON c.oid = t.typrelid
            WHERE (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND c.relkind = 'c'))
              AND NOT EXISTS (SELECT 1 FROM pg_depend e
                              WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid AND e.deptype = 'e')
            UNION ALL
            SELECT t.oid, t.typarray, r.nspname, r.relname,
                   CASE WHEN r.relkind IN ('r', 'p') THEN 'table' ELSE 'view' END
            FROM user_relation r JOIN pg_type t ON t.typrelid = r.oid
        ),
        model_constraint AS (
            SELECT c.oid, c.conrelid, c.conindid, c.contype, r.nspname, r.relname, c.conname::text AS conname
            FROM pg_constraint c JOIN user_relation r ON r.oid = c.conrelid
            WHERE c.contype IN ('p', 'u', 'c', 'f', 'x') AND c.conparentid = 0 AND r.relkind IN ('r', 'p')
        ),
        object (classid, objid, objsubid, parent, kind, a, b, c) AS (
            SELECT 'pg_namespace'::regclass, n.oid, 0, 0::oid, 'namespace', n.nspname, NULL, NULL
            FROM user_namespace n
            UNION ALL
            SELECT 'pg_extension'::regclass, x.oid, 0, 0::oid, 'extension', x.extname::text, NULL, NULL
            FROM pg_extension x JOIN user_namespace n ON n.oid = x.extnamespace
            UNION ALL
            SELECT 'pg_collation'::regclass, c.oid, 0, 0::oid, 'collation', n.nspname, c.collname::text, NULL
            FROM pg_collation c JOIN user_namespace n ON n.oid = c.collnamespace
            WHERE NOT EXISTS (SELECT 1 FROM pg_depend e
                              WHERE e.classid = 'pg_collation'::regclass AND e.objid = c.oid AND e.deptype = 'e')
            UNION ALL
            -- tables and views, and their columns (a view's columns stand for the view)
            SELECT 'pg_class'::regclass, r.oid, 0, 0::oid,
                   CASE WHEN r.relkind IN ('r', 'p') THEN 'table' ELSE 'view' END, r.nspname, r.relname, NULL
            FROM user_relation r
            UNION ALL
            SELECT 'pg_class'::regclass, r.oid, a.attnum, r.oid,
                   CASE WHEN r.relkind IN ('r', 'p') THEN 'column' ELSE 'view' END, r.nspname, r.relname,
                   CASE WHEN r.relkind IN ('r', 'p') THEN a.attname::text END
            FROM user_relation r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
            UNION ALL
            -- a view's rule stands for the view
            SELECT 'pg_rewrite'::regclass, w.oid, 0, 0::oid, 'view', r.nspname, r.relname, NULL
            FROM pg_rewrite w JOIN user_relation r ON r.oid = w.ev_class
            WHERE r.relkind IN ('v', 'm') AND w.rulename = '_RETURN'
            UNION ALL
            -- column defaults and generation expressions stand for their columns
            SELECT 'pg_attrdef'::regclass, ad.oid, 0, ad.adrelid, 'column', r.nspname, r.relname, a.attname::text
            FROM pg_attrdef ad
            JOIN user_relation r ON r.oid = ad.adrelid
            JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
            UNION ALL
            -- sequences that are not an identity column's own
            SELECT 'pg_class'::regclass, c.oid, 0, 0::oid, 'sequence', n.nspname, c.relname::text, NULL
            FROM pg_class c JOIN user_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'S'
              AND NOT EXISTS (SELECT 1 FROM pg_depend e
                              WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype IN ('e', 'i'))
            UNION ALL
            -- indexes: those backing a constraint stand for the constraint
            SELECT 'pg_class'::regclass, x.indexrelid, 0, x.indrelid,
                   CASE WHEN mc.oid IS NULL THEN 'index' ELSE 'constraint' END,
                   r.nspname, CASE WHEN mc.oid IS NULL THEN i.relname::text ELSE r.relname END, mc.conname
            FROM pg_index x
            JOIN user_relation r ON r.oid = x.indrelid
            JOIN pg_class i ON i.oid = x.indexrelid
            LEFT JOIN model_constraint mc ON mc.conindid = x.indexrelid AND mc.conrelid = x.indrelid AND mc.contype IN ('p', 'u', 'x')
            WHERE NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = x.indexrelid)
            UNION ALL
            -- standalone composite types (their relation and its attributes)
            SELECT 'pg_class'::regclass, c.oid, coalesce(a.attnum, 0), 0::oid, 'type', n.nspname, c.relname::text, NULL
            FROM pg_class c JOIN user_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = c.reltype
            LEFT JOIN LATERAL (SELECT 0 AS attnum UNION ALL
                               SELECT a.attnum FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0) a ON true
            WHERE c.relkind = 'c'
              AND NOT EXISTS (SELECT 1 FROM pg_depend e
                              WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid AND e.deptype = 'e')
            UNION ALL
            -- types, and array types standing for their element type
            SELECT 'pg_type'::regclass, t.oid, 0, 0::oid, t.kind, t.nspname, t.typname, NULL FROM user_type t
            UNION ALL
            SELECT 'pg_type'::regclass, t.typarray, 0, 0::oid, t.kind, t.nspname, t.typname, NULL
            FROM user_type t WHERE t.typarray <> 0
            UNION ALL
            SELECT 'pg_proc'::regclass, p.oid, 0, 0::oid, 'routine', n.nspname, p.proname::text,
                   pg_get_function_identity_arguments(p.oid)
            FROM pg_proc p JOIN user_namespace n ON n.oid = p.pronamespace
            WHERE p.prokind IN ('f', 'p')
              AND NOT EXISTS (SELECT 1 FROM pg_depend e
                              WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid AND e.deptype = 'e')
            UNION ALL
            SELECT 'pg_constraint'::regclass, mc.oid, 0, mc.conrelid, 'constraint', mc.nspname, mc.relname, mc.conname
            FROM model_constraint mc
            UNION ALL
            -- a domain's constraints stand for the domain
            SELECT 'pg_constraint'::regclass, c.oid, 0, 0::oid, 'type', t.nspname, t.typname, NULL
            FROM pg_constraint c JOIN user_type t ON t.oid = c.contypid
            UNION ALL
            SELECT 'pg_trigger'::regclass, g.oid, 0, g.tgrelid, 'trigger', r.nspname, r.relname, g.tgname::text
            FROM pg_trigger g JOIN user_relation r ON r.oid = g.tgrelid
            WHERE NOT g.tgisinternal AND g.tgparentid = 0
            UNION ALL
            SELECT 'pg_policy'::regclass, p.oid, 0, p.polrelid, 'policy', r.nspname, r.relname, p.polname::text
            FROM pg_policy p JOIN user_relation r ON r.oid = p.polrelid
            UNION ALL
            -- an extension's own objects (and the array types of its types) stand for the extension
            SELECT e.classid, e.objid, 0, 0::oid, 'extension', x.extname::text, NULL, NULL
            FROM pg_depend e
            JOIN pg_extension x ON x.oid = e.refobjid
            JOIN user_namespace n ON n.oid = x.extnamespace
            WHERE e.refclassid = 'pg_extension'::regclass AND e.deptype = 'e'
            UNION ALL
            SELECT 'pg_type'::regclass, t.typarray, 0, 0::oid, 'extension', x.extname::text, NULL, NULL
            FROM pg_depend e
            JOIN pg_extension x ON x.oid = e.refobjid
            JOIN user_namespace n ON n.oid = x.extnamespace
            JOIN pg_type t ON t.oid = e.objid
            WHERE e.refclassid = 'pg_extension'::regclass AND e.deptype = 'e' AND e.classid = 'pg_type'::regclass
              AND t.typarray <> 0
        )
        SELECT DISTINCT f.kind, f.a, f.b, f.c, t.kind, t.a, t.b, t.c
        FROM pg_depend d
        JOIN object f ON f.classid = d.classid AND f.objid = d.objid AND f.objsubid = d.objsubid
        JOIN object t ON t.classid = d.refclassid AND t.objid = d.refobjid AND t.objsubid = d.refobjsubid
        WHERE d.deptype IN ('n', 'a')
          AND (f.kind, f.a, f.b, f.c) IS DISTINCT FROM (t.kind, t.a, t.b, t.c)
          AND NOT (t.classid = 'pg_class'::regclass AND t.objid = f.parent AND (t.objsubid = 0 OR t.kind = 'view'))
          AND NOT (d.deptype = 'a' AND f.kind = 'sequence' AND t.kind = 'column')
        """#

    static func item(_ row: CatalogRow) throws -> Dependency {
        Dependency(from: try objectID(row, from: 0), to: try objectID(row, from: 4))
    }

    /// An identity from four columns: kind, then two or three name parts.
    static func objectID(_ row: CatalogRow, from first: Int) throws -> ObjectID {
        let kind = try row.string(first)
        func part(_ offset: Int) throws -> String { try row.string(first + offset) }
        func qualified() throws -> QualifiedName { QualifiedName(try part(1), try part(2)) }
        switch kind {
        case "namespace": return .namespace(try part(1))
        case "extension": return .extension(try part(1))
        case "collation": return .collation(try qualified())
        case "type": return .type(try qualified())
        case "sequence": return .sequence(try qualified())
        case "table": return .table(try qualified())
        case "view": return .view(try qualified())
        case "index": return .index(try qualified())
        case "column": return .column(table: try qualified(), name: try part(3))
        case "constraint": return .constraint(table: try qualified(), name: try part(3))
        case "trigger": return .trigger(table: try qualified(), name: try part(3))
        case "policy": return .policy(table: try qualified(), name: try part(3))
        case "routine": return .routine(try qualified(), arguments: try part(3))
        default: throw row.unexpected(first, "is the unknown object kind \"\(kind)\"")
        }
    }
}
