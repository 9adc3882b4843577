/// The catalog queries of a ``SchemaFingerprint``: one or a few per category, each
/// returning one text column, one row per line.
///
/// Written for this oracle alone, from PostgreSQL's documented catalogs (13 to 17), and
/// run with `search_path` empty, so that every name outside `pg_catalog` is printed with
/// its schema. They share nothing with Strata's own introspection.
struct FingerprintQueries: Sendable {
    var scope: FingerprintScope
    /// `server_version_num`, e.g. `150004`.
    var serverVersion: Int
    var options: SchemaFingerprint.Options

    /// The queries of the categories the options keep, in a fixed order.
    func all() -> [(SchemaFingerprint.Category, String)] {
        var result: [(SchemaFingerprint.Category, String)] = []
        func add(_ category: SchemaFingerprint.Category, _ queries: @autoclosure () -> [String]) {
            guard options.includes(category) else { return }
            for query in queries() { result.append((category, query)) }
        }
        add(.schemas, [schemas])
        add(.extensions, [extensions])
        add(.types, types)
        add(.sequences, [sequences])
        add(.tables, [tables])
        add(.columns, [columns])
        add(.constraints, [constraints])
        add(.indexes, [indexes])
        add(.views, [views])
        add(.triggers, [triggers])
        add(.policies, [policies])
        add(.rules, [rules])
        add(.statistics, [statistics])
        add(.routines, [routines])
        add(.aggregates, [aggregates])
        add(.casts, [casts])
        add(.operators, [operators])
        add(.operatorClasses, operatorClasses)
        add(.textSearch, textSearch)
        add(.collations, [collations])
        add(.conversions, [conversions])
        add(.foreignData, foreignData)
        add(.eventTriggers, [eventTriggers])
        add(.publications, publications)
        add(.languages, [languages])
        add(.accessMethods, [accessMethods])
        add(.transforms, [transforms])
        add(.comments, [comments])
        add(.privileges, [privileges])
        add(.defaultPrivileges, [defaultPrivileges])
        add(.owners, [owners])
        return result
    }

    // MARK: Shared snippets

    /// The schema-qualified, quoted name of collation `oid`.
    static func collation(_ oid: String) -> String {
        "(SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = \(oid))"
    }

    /// The elements of a text array, sorted and joined with `, ` (NULL for none).
    static func sorted(_ array: String) -> String {
        "(SELECT string_agg(so, ', ' ORDER BY so) FROM unnest(\(array)) so)"
    }

    /// `a.b` for the object `oid` of a catalog with a name and a namespace column.
    static func qualified(_ catalog: String, _ oid: String, name: String, namespace: String) -> String {
        "(SELECT quote_ident(qn.nspname) || '.' || quote_ident(q.\(name)) FROM \(catalog) q JOIN pg_namespace qn ON qn.oid = q.\(namespace) WHERE q.oid = \(oid))"
    }

    /// A role's name, `owner` when it is `owner`, `public` for 0.
    static func role(_ oid: String, owner: String) -> String {
        "CASE WHEN \(oid) = \(owner) THEN 'owner' WHEN \(oid) = 0 THEN 'public' ELSE quote_ident(pg_get_userbyid(\(oid))) END"
    }

    /// The options of a sequence (`pg_sequence` row `s`).
    static let sequenceOptions = """
        'as ' || format_type(s.seqtypid, NULL) || ' start ' || s.seqstart || ' increment ' || s.seqincrement
        || ' min ' || s.seqmin || ' max ' || s.seqmax || ' cache ' || s.seqcache
        || CASE WHEN s.seqcycle THEN ' cycle' ELSE ' no cycle' END
        """

    // MARK: Schemas, extensions, types, sequences

    var schemas: String {
        """
        SELECT 'schema ' || quote_ident(n.nspname) FROM pg_namespace n
        WHERE \(scope.schema("n.nspname")) AND \(FingerprintScope.notExtensionMember("pg_namespace", "n.oid"))
        """
    }

    var extensions: String {
        let version = options.extensionVersions ? " || ' version ' || e.extversion" : ""
        return """
            SELECT 'extension ' || quote_ident(e.extname) || ': schema ' || quote_ident(n.nspname)\(version)
            FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
            WHERE e.extname <> 'plpgsql'
              AND (\(scope.schema("n.nspname")) OR (n.nspname = 'pg_catalog' AND \(scope.includesDatabaseObjects)))
            """
    }

    /// Enums, domains with their constraints, composite types, range types, base and shell types.
    var types: [String] {
        let type = "pg_type"
        let multirange = serverVersion >= 140000 ? " || ' multirange ' || r.rngmultitypid::regtype::text" : ""
        return [
            """
            SELECT 'enum ' || t.oid::regtype::text || ': '
                   || coalesce((SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid), '')
            FROM pg_type t WHERE t.typtype = 'e' AND \(scope.object(type, "t.oid", namespace: "t.typnamespace"))
            """,
            """
            SELECT 'domain ' || t.oid::regtype::text || ': ' || format_type(t.typbasetype, t.typtypmod)
                   || CASE WHEN t.typnotnull THEN ' not null' ELSE '' END
                   || coalesce(' default ' || pg_get_expr(t.typdefaultbin, 0), '')
                   || CASE WHEN t.typcollation <> b.typcollation THEN ' collate ' || \(Self.collation("t.typcollation")) ELSE '' END
            FROM pg_type t JOIN pg_type b ON b.oid = t.typbasetype
            WHERE t.typtype = 'd' AND \(scope.object(type, "t.oid", namespace: "t.typnamespace"))
            """,
            """
            SELECT 'domain constraint ' || t.oid::regtype::text || '.' || quote_ident(c.conname) || ': ' || pg_get_constraintdef(c.oid)
            FROM pg_constraint c JOIN pg_type t ON t.oid = c.contypid
            WHERE \(scope.object(type, "t.oid", namespace: "t.typnamespace"))
            """,
            """
            SELECT 'composite ' || t.oid::regtype::text || ': '
                   || coalesce((SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod)
                                       || CASE WHEN a.attcollation <> at.typcollation THEN ' collate ' || \(Self.collation("a.attcollation")) ELSE '' END,
                                       ', ' ORDER BY a.attnum)
                                FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid
                                WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), '')
            FROM pg_type t JOIN pg_class c ON c.oid = t.typrelid
            WHERE t.typtype = 'c' AND c.relkind = 'c' AND \(scope.object(type, "t.oid", namespace: "t.typnamespace"))
            """,
            """
            SELECT 'range ' || t.oid::regtype::text || ': subtype ' || format_type(r.rngsubtype, NULL)
                   || ' opclass ' || \(Self.qualified("pg_opclass", "r.rngsubopc", name: "opcname", namespace: "opcnamespace"))
                   || CASE WHEN r.rngcollation <> 0 THEN ' collate ' || \(Self.collation("r.rngcollation")) ELSE '' END
                   || ' canonical ' || r.rngcanonical::text || ' subdiff ' || r.rngsubdiff::text\(multirange)
            FROM pg_range r JOIN pg_type t ON t.oid = r.rngtypid
            WHERE \(scope.object(type, "t.oid", namespace: "t.typnamespace"))
            """,
            """
            SELECT 'base type ' || t.oid::regtype::text || ': input ' || t.typinput::text || ' output ' || t.typoutput::text
                   || ' receive ' || t.typreceive::text || ' send ' || t.typsend::text
                   || ' typmod in ' || t.typmodin::text || ' typmod out ' || t.typmodout::text || ' analyze ' || t.typanalyze::text
                   || ' length ' || t.typlen || ' by value ' || t.typbyval || ' align ' || t.typalign::text
                   || ' storage ' || t.typstorage::text || ' category ' || t.typcategory::text || ' preferred ' || t.typispreferred
                   || ' delimiter ' || quote_literal(t.typdelim::text) || ' element ' || t.typelem::regtype::text
                   || coalesce(' default ' || quote_literal(t.typdefault), '') || ' collatable ' || (t.typcollation <> 0)
            FROM pg_type t
            WHERE t.typtype = 'b'
              AND NOT (t.typelem <> 0 AND EXISTS (SELECT 1 FROM pg_type e WHERE e.oid = t.typelem AND e.typarray = t.oid))
              AND \(scope.object(type, "t.oid", namespace: "t.typnamespace"))
            """,
            """
            SELECT 'shell type ' || t.oid::regtype::text FROM pg_type t
            WHERE t.typtype = 'p' AND NOT t.typisdefined AND \(scope.object(type, "t.oid", namespace: "t.typnamespace"))
            """,
        ]
    }

    /// Sequences that are not an identity column's (those are part of the column).
    var sequences: String {
        let unlogged = "CASE c.relpersistence WHEN 'u' THEN ' unlogged' ELSE '' END"
        return """
            SELECT 'sequence ' || c.oid::regclass::text || ': ' || \(Self.sequenceOptions) || \(unlogged)
                   || coalesce(' owned by ' || (SELECT d.refobjid::regclass::text || '.' || quote_ident(a.attname)
                                                FROM pg_depend d JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                                                WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'a'
                                                  AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0), '')
            FROM pg_class c JOIN pg_sequence s ON s.seqrelid = c.oid
            WHERE c.relkind = 'S' AND \(scope.relation("c.oid"))
              AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid = 'pg_class'::regclass AND i.objid = c.oid AND i.deptype = 'i')
            """
    }
}
