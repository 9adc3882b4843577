import StrataSchema

/// What the inspection finds but the model does not hold (DESIGN §9), so that commands can
/// name it: objects of kinds Strata does not compare, and settings of compared objects
/// that it does not compare. Each as `pg_identify_object` names it.
///
/// Objects in a schema are read from the inspected schemas; objects of the whole database
/// (event triggers, publications, foreign-data wrappers, servers, languages…) only when
/// every schema is inspected. Objects that belong to an extension are left out, as
/// everywhere in the inspection.
enum NotComparedCatalog: CatalogQuery {
    static let name = "objects not compared"
    static let sql = #"""
        , unmodelled AS (
            SELECT 'pg_class'::regclass AS classid, c.oid AS objid
            FROM pg_class c JOIN user_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'f'
            UNION ALL
            SELECT 'pg_type'::regclass, t.oid
            FROM pg_type t JOIN user_namespace n ON n.oid = t.typnamespace
            WHERE (t.typtype = 'b' AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = t.oid))
               OR (t.typtype = 'p' AND NOT t.typisdefined)
            UNION ALL
            SELECT 'pg_opclass'::regclass, o.oid FROM pg_opclass o JOIN user_namespace n ON n.oid = o.opcnamespace
            UNION ALL
            SELECT 'pg_opfamily'::regclass, o.oid FROM pg_opfamily o JOIN user_namespace n ON n.oid = o.opfnamespace
            UNION ALL
            SELECT 'pg_conversion'::regclass, o.oid FROM pg_conversion o JOIN user_namespace n ON n.oid = o.connamespace
            UNION ALL
            SELECT 'pg_ts_parser'::regclass, o.oid FROM pg_ts_parser o JOIN user_namespace n ON n.oid = o.prsnamespace
            UNION ALL
            SELECT 'pg_ts_template'::regclass, o.oid FROM pg_ts_template o JOIN user_namespace n ON n.oid = o.tmplnamespace
            UNION ALL
            SELECT 'pg_event_trigger'::regclass, o.oid FROM pg_event_trigger o WHERE $1::json IS NULL
            UNION ALL
            SELECT 'pg_publication'::regclass, o.oid FROM pg_publication o WHERE $1::json IS NULL
            UNION ALL
            SELECT 'pg_subscription'::regclass, o.oid FROM pg_subscription o
            WHERE $1::json IS NULL AND o.subdbid = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
            UNION ALL
            SELECT 'pg_foreign_data_wrapper'::regclass, o.oid FROM pg_foreign_data_wrapper o
            WHERE o.oid >= 16384 AND $1::json IS NULL
            UNION ALL
            SELECT 'pg_foreign_server'::regclass, o.oid FROM pg_foreign_server o WHERE $1::json IS NULL
            UNION ALL
            -- The pg_user_mappings view, which every role may read (the catalog is for superusers).
            SELECT 'pg_user_mapping'::regclass, o.umid FROM pg_user_mappings o WHERE $1::json IS NULL
            UNION ALL
            SELECT 'pg_language'::regclass, o.oid FROM pg_language o WHERE o.oid >= 16384 AND $1::json IS NULL
            UNION ALL
            SELECT 'pg_am'::regclass, o.oid FROM pg_am o WHERE o.oid >= 16384 AND $1::json IS NULL
            UNION ALL
            SELECT 'pg_transform'::regclass, o.oid FROM pg_transform o WHERE o.oid >= 16384 AND $1::json IS NULL
        ),
        settings AS (
            SELECT 'tablespace of ' || i.type AS kind, i.identity || ' (' || quote_ident(s.spcname) || ')' AS name
            FROM pg_class c
            JOIN user_namespace n ON n.oid = c.relnamespace
            JOIN pg_tablespace s ON s.oid = c.reltablespace
            CROSS JOIN LATERAL pg_identify_object('pg_class'::regclass, c.oid, 0) i
            WHERE c.reltablespace <> 0 AND c.relkind IN ('r', 'p', 'm', 'i', 'I')
              AND NOT EXISTS (SELECT 1 FROM pg_depend e
                              WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
            UNION ALL
            SELECT 'access method of ' || i.type, i.identity || ' (' || quote_ident(a.amname) || ')'
            FROM pg_class c
            JOIN pg_am a ON a.oid = c.relam
            CROSS JOIN LATERAL pg_identify_object('pg_class'::regclass, c.oid, 0) i
            WHERE c.relkind IN ('r', 'm') AND a.amname <> 'heap' AND c.oid IN (SELECT r.oid FROM user_relation r)
            UNION ALL
            SELECT 'clustering index of table', i.identity || ' (' || quote_ident(ic.relname) || ')'
            FROM user_relation r
            JOIN pg_index x ON x.indrelid = r.oid AND x.indisclustered
            JOIN pg_class ic ON ic.oid = x.indexrelid
            CROSS JOIN LATERAL pg_identify_object('pg_class'::regclass, r.oid, 0) i
            UNION ALL
            SELECT 'persistence of sequence', i.identity || ' (unlogged)'
            FROM pg_class c
            JOIN user_namespace n ON n.oid = c.relnamespace
            CROSS JOIN LATERAL pg_identify_object('pg_class'::regclass, c.oid, 0) i
            WHERE c.relkind = 'S' AND c.relpersistence = 'u'
            UNION ALL
            SELECT 'statistics target of index column', i.identity || ' (' || a.attstattarget || ')'
            FROM pg_class c
            JOIN user_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND a.attstattarget > 0
            CROSS JOIN LATERAL pg_identify_object('pg_class'::regclass, c.oid, a.attnum) i
            WHERE c.relkind IN ('i', 'I')
            UNION ALL
            SELECT 'privileges of identity sequence', i.identity || ' (' || c.relacl::text || ')'
            FROM pg_class c
            JOIN user_namespace n ON n.oid = c.relnamespace
            JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'i'
                            AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid <> 0
            CROSS JOIN LATERAL pg_identify_object('pg_class'::regclass, c.oid, 0) i
            WHERE c.relkind = 'S' AND c.relacl IS NOT NULL AND c.relacl <> acldefault('s', c.relowner)
            UNION ALL
            SELECT 'default of view column', i.identity || ' (' || pg_get_expr(ad.adbin, ad.adrelid) || ')'
            FROM user_relation r
            JOIN pg_attrdef ad ON ad.adrelid = r.oid
            CROSS JOIN LATERAL pg_identify_object('pg_class'::regclass, r.oid, ad.adnum) i
            WHERE r.relkind = 'v'
            UNION ALL
            SELECT 'settings of materialized view column', i.identity
            FROM user_relation r
            JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
            JOIN pg_type t ON t.oid = a.atttypid
            CROSS JOIN LATERAL pg_identify_object('pg_class'::regclass, r.oid, a.attnum) i
            WHERE r.relkind = 'm'
              AND (a.attoptions IS NOT NULL OR coalesce(a.attstattarget, -1) <> -1 OR a.attstorage <> t.typstorage)
            UNION ALL
            SELECT 'storage parameters of TOAST table of materialized view', i.identity || ' (' || array_to_string(tc.reloptions, ', ') || ')'
            FROM user_relation r
            JOIN pg_class c ON c.oid = r.oid
            JOIN pg_class tc ON tc.oid = c.reltoastrelid
            CROSS JOIN LATERAL pg_identify_object('pg_class'::regclass, r.oid, 0) i
            WHERE r.relkind = 'm' AND tc.reloptions IS NOT NULL
            UNION ALL
            SELECT 'type of typed table', i.identity || ' (OF ' || format_type(c.reloftype, NULL) || ')'
            FROM user_relation r
            JOIN pg_class c ON c.oid = r.oid
            CROSS JOIN LATERAL pg_identify_object('pg_class'::regclass, r.oid, 0) i
            WHERE r.relkind IN ('r', 'p') AND c.reloftype <> 0
            UNION ALL
            SELECT 'security label on ' || i.type, i.identity || ' (' || quote_ident(l.provider) || ')'
            FROM pg_seclabel l
            CROSS JOIN LATERAL pg_identify_object(l.classoid, l.objoid, l.objsubid) i
            WHERE l.objoid >= 16384 AND (i.schema IS NULL OR i.schema IN (SELECT nspname FROM user_namespace))
        )
        SELECT i.type, i.identity
        FROM unmodelled u
        CROSS JOIN LATERAL pg_identify_object(u.classid, u.objid, 0) i
        WHERE NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = u.classid AND e.objid = u.objid AND e.deptype = 'e')
        UNION ALL
        SELECT kind, name FROM settings
        """#

    static func item(_ row: CatalogRow) throws -> NotComparedObject {
        NotComparedObject(kind: try row.string(0), name: try row.string(1))
    }
}
