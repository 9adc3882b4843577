extension FingerprintQueries {
    /// The categories left out, as an SQL array of their names.
    private var excludedCategories: String {
        let names = SchemaFingerprint.Category.allCases.filter { !options.includes($0) }.map(\.rawValue)
        return FingerprintScope.array(names.isEmpty ? [""] : names)
    }

    /// Comments on every described object, labelled by `pg_identify_object`; comments on
    /// objects of a category that is left out are left out too.
    var comments: String {
        let relation = """
            CASE d.classoid
                WHEN 'pg_class'::regclass THEN d.objoid
                WHEN 'pg_constraint'::regclass THEN (SELECT nullif(c.conrelid, 0) FROM pg_constraint c WHERE c.oid = d.objoid)
                WHEN 'pg_trigger'::regclass THEN (SELECT t.tgrelid FROM pg_trigger t WHERE t.oid = d.objoid)
                WHEN 'pg_policy'::regclass THEN (SELECT p.polrelid FROM pg_policy p WHERE p.oid = d.objoid)
                WHEN 'pg_rewrite'::regclass THEN (SELECT r.ev_class FROM pg_rewrite r WHERE r.oid = d.objoid)
            END
            """
        let category = """
            CASE o.type
                WHEN 'schema' THEN 'schemas' WHEN 'extension' THEN 'extensions'
                WHEN 'type' THEN 'types' WHEN 'domain constraint' THEN 'types' WHEN 'composite type' THEN 'types' WHEN 'composite type column' THEN 'types'
                WHEN 'sequence' THEN 'sequences' WHEN 'table' THEN 'tables' WHEN 'table column' THEN 'columns'
                WHEN 'table constraint' THEN 'constraints' WHEN 'index' THEN 'indexes'
                WHEN 'view' THEN 'views' WHEN 'materialized view' THEN 'views' WHEN 'view column' THEN 'views' WHEN 'materialized view column' THEN 'views'
                WHEN 'trigger' THEN 'triggers' WHEN 'policy' THEN 'policies' WHEN 'rule' THEN 'rules' WHEN 'statistics object' THEN 'statistics'
                WHEN 'function' THEN 'routines' WHEN 'procedure' THEN 'routines' WHEN 'aggregate' THEN 'aggregates'
                WHEN 'cast' THEN 'casts' WHEN 'operator' THEN 'operators' WHEN 'operator class' THEN 'operatorClasses' WHEN 'operator family' THEN 'operatorClasses'
                WHEN 'text search configuration' THEN 'textSearch' WHEN 'text search dictionary' THEN 'textSearch'
                WHEN 'text search parser' THEN 'textSearch' WHEN 'text search template' THEN 'textSearch'
                WHEN 'collation' THEN 'collations' WHEN 'conversion' THEN 'conversions'
                WHEN 'foreign-data wrapper' THEN 'foreignData' WHEN 'server' THEN 'foreignData'
                WHEN 'foreign table' THEN 'foreignData' WHEN 'foreign table column' THEN 'foreignData'
                WHEN 'event trigger' THEN 'eventTriggers' WHEN 'publication' THEN 'publications' WHEN 'language' THEN 'languages'
                WHEN 'access method' THEN 'accessMethods' WHEN 'transform' THEN 'transforms'
                ELSE 'other'
            END
            """
        return """
            SELECT 'comment on ' || o.type || ' ' || o.identity || ': ' || quote_literal(d.description)
            FROM pg_description d
            CROSS JOIN LATERAL pg_identify_object(d.classoid, d.objoid, d.objsubid) o
            CROSS JOIN LATERAL (SELECT \(relation) AS rel) r
            WHERE d.objoid >= 16384
              AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = d.classoid AND x.objid = d.objoid AND x.deptype = 'e')
              AND (r.rel IS NULL OR \(scope.relation("r.rel")))
              AND CASE
                      WHEN d.classoid = 'pg_namespace'::regclass THEN \(scope.schemaOID("d.objoid"))
                      WHEN d.classoid = 'pg_extension'::regclass THEN EXISTS (
                          SELECT 1 FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                          WHERE e.oid = d.objoid AND e.extname <> 'plpgsql'
                            AND (\(scope.schema("n.nspname")) OR (n.nspname = 'pg_catalog' AND \(scope.includesDatabaseObjects))))
                      WHEN o.schema IS NULL THEN \(scope.includesDatabaseObjects)
                      ELSE \(scope.schema("o.schema"))
                  END
              AND \(category) <> ALL (\(excludedCategories))
            """
    }

    /// Every described object that has an owner or privileges: `(category, label, owner,
    /// acl, kind, owned)`, where `kind` is the `acldefault` kind (NULL for objects without
    /// privileges) and `owned` is false for columns.
    private var accessObjects: String {
        """
        SELECT 'schemas' category, 'schema ' || quote_ident(n.nspname) label, n.nspowner owner, n.nspacl acl, 'n'::"char" kind, true owned
        FROM pg_namespace n WHERE \(scope.schema("n.nspname")) AND \(FingerprintScope.notExtensionMember("pg_namespace", "n.oid"))
        UNION ALL
        SELECT CASE c.relkind WHEN 'S' THEN 'sequences' WHEN 'f' THEN 'foreignData' WHEN 'v' THEN 'views' WHEN 'm' THEN 'views' ELSE 'tables' END,
               CASE c.relkind WHEN 'S' THEN 'sequence ' WHEN 'f' THEN 'foreign table ' WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view ' ELSE 'table ' END
                   || c.oid::regclass::text,
               c.relowner, c.relacl, CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::"char", true
        FROM pg_class c WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND \(scope.relation("c.oid"))
        UNION ALL
        SELECT 'columns', 'column ' || c.oid::regclass::text || '.' || quote_ident(a.attname), c.relowner, a.attacl, 'c'::"char", false
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND \(scope.relation("c.oid"))
        UNION ALL
        SELECT CASE p.prokind WHEN 'a' THEN 'aggregates' ELSE 'routines' END,
               CASE p.prokind WHEN 'a' THEN 'aggregate ' WHEN 'p' THEN 'procedure ' ELSE 'function ' END || p.oid::regprocedure::text,
               p.proowner, p.proacl, 'f'::"char", true
        FROM pg_proc p WHERE \(scope.object("pg_proc", "p.oid", namespace: "p.pronamespace"))
        UNION ALL
        SELECT 'types', 'type ' || t.oid::regtype::text, t.typowner, t.typacl, 'T'::"char", true
        FROM pg_type t
        WHERE t.typtype IN ('b', 'c', 'd', 'e', 'r', 'm', 'p')
          AND NOT (t.typelem <> 0 AND EXISTS (SELECT 1 FROM pg_type e WHERE e.oid = t.typelem AND e.typarray = t.oid))
          AND (t.typrelid = 0 OR EXISTS (SELECT 1 FROM pg_class tc WHERE tc.oid = t.typrelid AND tc.relkind = 'c'))
          AND \(scope.object("pg_type", "t.oid", namespace: "t.typnamespace"))
        UNION ALL
        SELECT 'languages', 'language ' || quote_ident(l.lanname), l.lanowner, l.lanacl, 'l'::"char", true
        FROM pg_language l WHERE \(scope.databaseObject("pg_language", "l.oid"))
        UNION ALL
        SELECT 'foreignData', 'foreign data wrapper ' || quote_ident(w.fdwname), w.fdwowner, w.fdwacl, 'F'::"char", true
        FROM pg_foreign_data_wrapper w WHERE \(scope.databaseObject("pg_foreign_data_wrapper", "w.oid"))
        UNION ALL
        SELECT 'foreignData', 'server ' || quote_ident(s.srvname), s.srvowner, s.srvacl, 'S'::"char", true
        FROM pg_foreign_server s WHERE \(scope.databaseObject("pg_foreign_server", "s.oid"))
        UNION ALL
        SELECT 'operators', 'operator ' || o.oid::regoperator::text, o.oprowner, NULL, NULL, true
        FROM pg_operator o WHERE \(scope.object("pg_operator", "o.oid", namespace: "o.oprnamespace"))
        UNION ALL
        SELECT 'operatorClasses', 'operator class ' || \(Self.qualified("pg_opclass", "c.oid", name: "opcname", namespace: "opcnamespace"))
               || ' using ' || (SELECT am.amname FROM pg_am am WHERE am.oid = c.opcmethod), c.opcowner, NULL, NULL, true
        FROM pg_opclass c WHERE \(scope.object("pg_opclass", "c.oid", namespace: "c.opcnamespace"))
        UNION ALL
        SELECT 'operatorClasses', 'operator family ' || \(Self.qualified("pg_opfamily", "f.oid", name: "opfname", namespace: "opfnamespace"))
               || ' using ' || (SELECT am.amname FROM pg_am am WHERE am.oid = f.opfmethod), f.opfowner, NULL, NULL, true
        FROM pg_opfamily f WHERE \(scope.object("pg_opfamily", "f.oid", namespace: "f.opfnamespace"))
        UNION ALL
        SELECT 'collations', 'collation ' || \(Self.collation("c.oid")), c.collowner, NULL, NULL, true
        FROM pg_collation c WHERE \(scope.object("pg_collation", "c.oid", namespace: "c.collnamespace"))
        UNION ALL
        SELECT 'conversions', 'conversion ' || \(Self.qualified("pg_conversion", "c.oid", name: "conname", namespace: "connamespace")), c.conowner, NULL, NULL, true
        FROM pg_conversion c WHERE \(scope.object("pg_conversion", "c.oid", namespace: "c.connamespace"))
        UNION ALL
        SELECT 'textSearch', 'text search configuration ' || c.oid::regconfig::text, c.cfgowner, NULL, NULL, true
        FROM pg_ts_config c WHERE \(scope.object("pg_ts_config", "c.oid", namespace: "c.cfgnamespace"))
        UNION ALL
        SELECT 'textSearch', 'text search dictionary ' || d.oid::regdictionary::text, d.dictowner, NULL, NULL, true
        FROM pg_ts_dict d WHERE \(scope.object("pg_ts_dict", "d.oid", namespace: "d.dictnamespace"))
        UNION ALL
        SELECT 'statistics', 'statistics ' || \(Self.qualified("pg_statistic_ext", "s.oid", name: "stxname", namespace: "stxnamespace")), s.stxowner, NULL, NULL, true
        FROM pg_statistic_ext s WHERE \(scope.object("pg_statistic_ext", "s.oid", namespace: "s.stxnamespace")) AND \(scope.relation("s.stxrelid"))
        UNION ALL
        SELECT 'eventTriggers', 'event trigger ' || quote_ident(e.evtname), e.evtowner, NULL, NULL, true
        FROM pg_event_trigger e WHERE \(scope.databaseObject("pg_event_trigger", "e.oid"))
        UNION ALL
        SELECT 'publications', 'publication ' || quote_ident(p.pubname), p.pubowner, NULL, NULL, true
        FROM pg_publication p WHERE \(scope.databaseObject("pg_publication", "p.oid"))
        """
    }

    /// Privileges as the difference from each object's default (`acldefault`): `grant`
    /// lines for what is granted beyond it, `revoke` lines for what is missing from it.
    /// A NULL ACL is the default; the owner's entries read `owner`.
    var privileges: String {
        aclDifference(objects: "SELECT category, label, owner, acl, kind, true has_default FROM (\(accessObjects)) o WHERE kind IS NOT NULL")
    }

    /// `ALTER DEFAULT PRIVILEGES`: for all schemas, the difference from the built-in
    /// default; for one schema, what it adds.
    var defaultPrivileges: String {
        """
        \(aclDifference(objects: """
            SELECT 'defaultPrivileges' category,
                   'default privileges for role ' || quote_ident(pg_get_userbyid(d.defaclrole)) || coalesce(' in schema ' || quote_ident(n.nspname), '')
                   || ' on ' || CASE d.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences' WHEN 'f' THEN 'functions'
                                                     WHEN 'T' THEN 'types' ELSE 'schemas' END label,
                   d.defaclrole owner, d.defaclacl acl, (CASE d.defaclobjtype WHEN 'S' THEN 's' ELSE d.defaclobjtype::text END)::"char" kind,
                   d.defaclnamespace = 0 has_default
            FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
            WHERE (d.defaclnamespace = 0 AND \(scope.includesDatabaseObjects)) OR (n.oid IS NOT NULL AND \(scope.schema("n.nspname")))
            """))
        """
    }

    var owners: String {
        """
        SELECT 'owner ' || o.label || ': ' || quote_ident(pg_get_userbyid(o.owner))
        FROM (\(accessObjects)) o
        WHERE o.owned AND o.category <> ALL (\(excludedCategories))
        """
    }

    /// `grant` and `revoke` lines for objects `(category, label, owner, acl, kind,
    /// has_default)`: the ACL against `acldefault(kind, owner)` (against nothing when
    /// `has_default` is false).
    private func aclDifference(objects: String) -> String {
        let entry = """
            e.privilege_type || CASE WHEN e.is_grantable THEN ' with grant option' ELSE '' END
            || CASE WHEN e.grantor = e.owner THEN '' ELSE ' by ' || \(Self.role("e.grantor", owner: "e.owner")) END
            """
        return """
            WITH objects AS (SELECT * FROM (\(objects)) ob WHERE ob.category <> ALL (\(excludedCategories))),
            actual AS (
                SELECT o.label, o.owner, x.grantor, x.grantee, x.privilege_type, x.is_grantable
                FROM objects o CROSS JOIN LATERAL aclexplode(coalesce(o.acl, acldefault(o.kind, o.owner))) x
            ),
            expected AS (
                SELECT o.label, o.owner, x.grantor, x.grantee, x.privilege_type, x.is_grantable
                FROM objects o CROSS JOIN LATERAL aclexplode(acldefault(o.kind, o.owner)) x WHERE o.has_default
            )
            SELECT 'privilege ' || e.label || ': grant ' || \(entry) || ' to ' || \(Self.role("e.grantee", owner: "e.owner"))
            FROM (SELECT * FROM actual EXCEPT SELECT * FROM expected) e
            UNION ALL
            SELECT 'privilege ' || e.label || ': revoke ' || \(entry) || ' from ' || \(Self.role("e.grantee", owner: "e.owner"))
            FROM (SELECT * FROM expected EXCEPT SELECT * FROM actual) e
            """
    }
}
