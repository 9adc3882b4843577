import StrataPostgres
import StrataSchema
import StrataTesting
import Testing

/// Nothing silently ignored (DESIGN §9): on a database holding one object of every kind a
/// user schema can hold — every `relkind`, `typtype` and `prokind`, and the catalogs of
/// rules, statistics, casts, operators, text search, operator classes, conversions,
/// foreign data, event triggers, publications, languages, access methods and transforms —
/// every user object of every catalog must be either in the inspected ``Schema`` or listed
/// in ``Schema/notCompared``. The walk is generic: it reads every non-shared catalog with an
/// `oid` column, so a kind no test thought of still fails here.
@Suite("SchemaInspector: every kind is compared or reported") struct KindInventoryTests {
    /// One of each kind. Superuser-only kinds use PostgreSQL's internal functions.
    static let fixture: [String] = [
        "CREATE SCHEMA s",
        "CREATE EXTENSION IF NOT EXISTS citext SCHEMA s",
        // relkinds r, p, i, I, S, v, m, c, f (and t, the TOAST tables, which are parts)
        "CREATE TABLE s.t (id int PRIMARY KEY, name text COMPRESSION pglz, score numeric, tags s.citext, body text)",
        "CREATE TABLE s.parent (id int, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at)",
        "CREATE TABLE s.part PARTITION OF s.parent FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
        "CREATE INDEX parent_at ON s.parent (at)",
        "CREATE INDEX t_name ON s.t (name)",
        "CREATE INDEX t_lower ON s.t (lower(name))",
        "CREATE SEQUENCE s.counter AS integer",
        "CREATE UNLOGGED SEQUENCE s.scratch",
        "CREATE VIEW s.v AS SELECT id, name FROM s.t",
        "CREATE MATERIALIZED VIEW s.mv AS SELECT id FROM s.t",
        "CREATE TYPE s.pair AS (a int, b text)",
        "CREATE FOREIGN DATA WRAPPER wrapper",
        "CREATE SERVER remote FOREIGN DATA WRAPPER wrapper",
        "CREATE USER MAPPING FOR CURRENT_USER SERVER remote",
        "CREATE FOREIGN TABLE s.remote_rows (id int) SERVER remote",
        // typtypes e, d, r (and m), p (a shell), b (a base type on internal I/O functions)
        "CREATE TYPE s.mood AS ENUM ('sad', 'ok')",
        "CREATE DOMAIN s.positive AS int CONSTRAINT positive_check CHECK (VALUE > 0)",
        "CREATE TYPE s.floatrange AS RANGE (subtype = float8, subtype_diff = float8mi)",
        "CREATE TYPE s.shell",
        "CREATE TYPE s.base",
        "CREATE FUNCTION s.base_in(cstring) RETURNS s.base LANGUAGE internal IMMUTABLE STRICT AS 'int4in'",
        "CREATE FUNCTION s.base_out(s.base) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'int4out'",
        "CREATE TYPE s.base (INPUT = s.base_in, OUTPUT = s.base_out, LIKE = int4)",
        // prokinds f, p, a, w
        "CREATE FUNCTION s.add(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT a + b $$",
        "CREATE PROCEDURE s.noop() LANGUAGE sql AS $$ SELECT 1 $$",
        "CREATE AGGREGATE s.total(int) (SFUNC = s.add, STYPE = int, INITCOND = '0')",
        "CREATE FUNCTION s.my_rank() RETURNS bigint LANGUAGE internal WINDOW IMMUTABLE AS 'window_rank'",
        "CREATE FUNCTION s.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$",
        "CREATE FUNCTION s.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
        // members of tables
        "ALTER TABLE s.t ADD CONSTRAINT score_positive CHECK (score > 0)",
        "CREATE TRIGGER t_touch BEFORE UPDATE ON s.t FOR EACH ROW EXECUTE FUNCTION s.touch()",
        "CREATE TRIGGER parent_touch BEFORE UPDATE ON s.parent FOR EACH ROW EXECUTE FUNCTION s.touch()",
        "CREATE POLICY t_mine ON s.t USING (id > 0)",
        "CREATE RULE t_no_delete AS ON DELETE TO s.t DO INSTEAD NOTHING",
        "CREATE STATISTICS s.t_stats (ndistinct) ON id, score FROM s.t",
        "CREATE TABLE s.child (id int REFERENCES s.t, at timestamptz DEFAULT now())",
        // column and table settings
        "ALTER TABLE s.t ALTER COLUMN score SET (n_distinct = -0.5), ALTER COLUMN score SET STATISTICS 200, ALTER COLUMN body SET STORAGE EXTERNAL",
        "ALTER TABLE s.t SET (fillfactor = 80, toast.autovacuum_enabled = false), REPLICA IDENTITY FULL",
        "ALTER TABLE s.t CLUSTER ON t_name",
        "ALTER INDEX s.t_lower ALTER COLUMN 1 SET STATISTICS 300",
        // casts, operators, operator classes and families, collations, conversions
        "CREATE CAST (s.pair AS text) WITH INOUT",
        "CREATE FUNCTION s.same(int, int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT $1 = $2 $$",
        "CREATE OPERATOR s.=== (FUNCTION = s.same, LEFTARG = int, RIGHTARG = int, COMMUTATOR = OPERATOR(s.===))",
        "CREATE OPERATOR CLASS s.int_ops FOR TYPE int USING btree AS OPERATOR 1 <, FUNCTION 1 btint4cmp(int, int)",
        "CREATE COLLATION s.german (provider = libc, locale = 'C')",
        "CREATE CONVERSION s.latin_to_utf8 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8",
        // text search: configurations and dictionaries compared; parsers and templates not
        "CREATE TEXT SEARCH DICTIONARY s.english (TEMPLATE = snowball, language = 'english')",
        "CREATE TEXT SEARCH CONFIGURATION s.docs (PARSER = default)",
        "ALTER TEXT SEARCH CONFIGURATION s.docs ADD MAPPING FOR asciiword WITH s.english",
        "CREATE TEXT SEARCH PARSER s.parser (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype)",
        "CREATE TEXT SEARCH TEMPLATE s.template (LEXIZE = dsimple_lexize, INIT = dsimple_init)",
        // database-wide objects
        "CREATE EVENT TRIGGER on_ddl ON ddl_command_start EXECUTE FUNCTION s.on_ddl()",
        "CREATE PUBLICATION pub FOR TABLE s.t",
        "CREATE TRUSTED LANGUAGE mylang HANDLER plpgsql_call_handler",
        "CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler",
        "CREATE TABLE s.other_am (id int) USING heap2",
        "CREATE FUNCTION s.from_sql(internal) RETURNS internal LANGUAGE internal IMMUTABLE STRICT AS 'int4recv'",
        "CREATE FUNCTION s.to_sql(internal) RETURNS s.base LANGUAGE internal IMMUTABLE STRICT AS 'int4recv'",
        "CREATE TRANSFORM FOR s.base LANGUAGE mylang (FROM SQL WITH FUNCTION s.from_sql(internal), TO SQL WITH FUNCTION s.to_sql(internal))",
        "COMMENT ON TABLE s.t IS 'rows'",
        // settings the model does not hold, on compared objects
        "CREATE TABLE s.ids (id int GENERATED ALWAYS AS IDENTITY)",
        "GRANT SELECT ON SEQUENCE s.ids_id_seq TO PUBLIC",
        "ALTER VIEW s.v ALTER COLUMN name SET DEFAULT 'anonymous'",
        "ALTER MATERIALIZED VIEW s.mv ALTER COLUMN id SET STATISTICS 50",
        "CREATE MATERIALIZED VIEW s.mv_names WITH (toast.autovacuum_enabled = false) AS SELECT name FROM s.t",
        "CREATE TABLE s.typed OF s.pair",
        // privileges and default privileges
        "GRANT SELECT ON s.t TO PUBLIC",
        "ALTER DEFAULT PRIVILEGES IN SCHEMA s GRANT SELECT ON TABLES TO PUBLIC",
    ]

    @Test func everyUserObjectIsComparedOrReported() async throws {
        try await Inspection.withSession { session in
            try await Inspection.load(Self.fixture, into: session)
            let schema = try await SchemaInspector().inspect(session)
            let objects = try await Self.userObjects(session)
            #expect(objects.count > 60, "the walk found only \(objects.count) objects")
            let compared = Self.comparedKeys(schema)
            let reported = Set(schema.notCompared.map { "\($0.kind)|\($0.name)" })
            var kindsSeen = Set<String>()
            for object in objects {
                kindsSeen.insert(object.catalog)
                if let key = object.key, compared.contains(key) || reported.contains(key) { continue }
                if reported.contains("\(object.type)|\(object.identity)") { continue }
                if object.isPart { continue }
                Issue.record("neither compared nor reported: \(object.type) \(object.identity) (\(object.catalog), key \(object.key ?? "none"))")
            }
            // The fixture reaches every catalog that holds user objects.
            for catalog in [
                "pg_class", "pg_type", "pg_proc", "pg_constraint", "pg_trigger", "pg_policy", "pg_rewrite", "pg_statistic_ext",
                "pg_cast", "pg_operator", "pg_opclass", "pg_opfamily", "pg_collation", "pg_conversion", "pg_ts_config",
                "pg_ts_dict", "pg_ts_parser", "pg_ts_template", "pg_event_trigger", "pg_publication", "pg_foreign_data_wrapper",
                "pg_foreign_server", "pg_user_mapping", "pg_language", "pg_am", "pg_transform", "pg_namespace", "pg_extension",
                "pg_attrdef", "pg_enum", "pg_amop", "pg_amproc", "pg_publication_rel", "pg_default_acl",
            ] {
                #expect(kindsSeen.contains(catalog), "the fixture has no object in \(catalog)")
            }
            // Settings of compared objects are compared or reported too.
            let table = try Inspection.table(schema, "s.t")
            let score = try #require(table.column("score"))
            #expect(score.options == ["n_distinct=-0.5"])
            #expect(score.statisticsTarget == 200)
            #expect(table.column("body")?.storage == "external")
            #expect(table.column("name")?.compression == "pglz")
            #expect(table.options == ["fillfactor=80", "toast.autovacuum_enabled=false"])
            #expect(table.replicaIdentity == .full)
            #expect(schema.privileges.contains { $0.object == .table(table.name) }, "the grant on s.t is compared")
            for setting in [
                NotComparedObject(kind: "clustering index of table", name: "s.t (t_name)"),
                NotComparedObject(kind: "statistics target of index column", name: "s.t_lower.lower (300)"),
                NotComparedObject(kind: "persistence of sequence", name: "s.scratch (unlogged)"),
                NotComparedObject(kind: "access method of table", name: "s.other_am (heap2)"),
                NotComparedObject(kind: "privileges of identity sequence", name: "s.ids_id_seq ({postgres=rwU/postgres,=r/postgres})"),
                NotComparedObject(kind: "default of view column", name: "s.v.name ('anonymous'::text)"),
                NotComparedObject(kind: "settings of materialized view column", name: "s.mv.id"),
                NotComparedObject(kind: "storage parameters of TOAST table of materialized view", name: "s.mv_names (autovacuum_enabled=false)"),
                NotComparedObject(kind: "type of typed table", name: "s.typed (OF s.pair)"),
            ] {
                #expect(schema.notCompared.contains(setting), "\(setting) is not reported: \(schema.notCompared)")
            }
        }
    }

    /// A user object of some catalog, as `pg_identify_object` names it, with the key it has
    /// in ``comparedKeys(_:)`` when its kind is one the model holds, and whether it is a part
    /// of another object (an array or row type, a TOAST table, a partition's copy of an
    /// index or trigger, a constraint's index or trigger, a default, an enum label, an
    /// operator family's members, a publication's tables …), which that object covers.
    struct UserObject {
        var catalog: String
        var type: String
        var identity: String
        var key: String?
        var isPart: Bool
    }

    static func userObjects(_ session: any DatabaseSession) async throws -> [UserObject] {
        let catalogs = try await session.query("""
            SELECT c.relname::text FROM pg_class c
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'oid'
            WHERE c.relnamespace = 'pg_catalog'::regnamespace AND c.relkind = 'r' AND NOT c.relisshared
              AND c.relname <> 'pg_largeobject_metadata'
            ORDER BY 1
            """).compactMap { $0[0] } + ["pg_subscription"]
        var objects: [UserObject] = []
        for catalog in catalogs where catalog == "pg_enum" {
            // pg_identify_object has no names for enum labels: they are parts of their enum.
            let count = try await session.query("SELECT count(*)::text FROM pg_enum WHERE oid >= 16384").first?[0]
            for _ in 0..<(Int(count ?? "0") ?? 0) {
                objects.append(UserObject(catalog: catalog, type: "enum label", identity: "", key: nil, isPart: true))
            }
        }
        for catalog in catalogs where catalog != "pg_enum" {
            let filter = catalog == "pg_subscription" ? "AND o.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())" : ""
            let rows = try await session.query("""
                SELECT i.type, i.identity, \(keyExpression(catalog)),
                       EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '\(catalog)'::regclass AND d.objid = o.oid
                               AND d.deptype IN ('i', 'P', 'S'))
                FROM \(catalog) o
                CROSS JOIN LATERAL pg_identify_object('\(catalog)'::regclass, o.oid, 0) i
                WHERE o.oid >= 16384 \(filter)
                  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '\(catalog)'::regclass AND e.objid = o.oid AND e.deptype = 'e')
                  AND coalesce(i.schema, '') NOT IN ('pg_toast', 'information_schema', 'pg_catalog')
                  AND coalesce(i.schema, '') NOT LIKE 'pg\\_temp%'
                """)
            for row in rows {
                let parts: Set<String> = ["pg_enum", "pg_amop", "pg_amproc", "pg_publication_rel", "pg_publication_namespace"]
                objects.append(UserObject(
                    catalog: catalog, type: row[0] ?? "", identity: row[1] ?? "", key: row[2],
                    isPart: row[3] == "t" || parts.contains(catalog) || isImpliedPart(catalog: catalog, key: row[2])
                ))
            }
        }
        return objects
    }

    /// Parts the catalog rows cannot show through `pg_depend`: shell operators made for a
    /// commutator, and a partition's copy of its parent's index or trigger.
    static func isImpliedPart(catalog: String, key: String?) -> Bool {
        key?.hasPrefix("shell:") == true || key?.hasPrefix("clone:") == true
    }

    /// SQL that computes, from a row `o` of `catalog`, the key ``comparedKeys(_:)`` gives
    /// the same object in the model (NULL for kinds the model does not hold).
    static func keyExpression(_ catalog: String) -> String {
        switch catalog {
        case "pg_namespace": return "'schema:' || o.nspname"
        case "pg_extension": return "'extension:' || o.extname"
        case "pg_class":
            return """
                CASE WHEN o.relkind IN ('i', 'I') AND EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = o.oid) THEN 'clone:'
                     ELSE 'relation:' || o.relkind::text || ':' || o.relnamespace::regnamespace::text || '.' || o.relname END
                """
        case "pg_type":
            return "'type:' || o.typtype::text || ':' || o.typnamespace::regnamespace::text || '.' || o.typname"
        case "pg_proc":
            return "'routine:' || o.pronamespace::regnamespace::text || '.' || o.proname || '(' || CASE WHEN o.prokind = 'a' AND o.pronargs = 0 THEN '*' ELSE pg_get_function_identity_arguments(o.oid) END || ')'"
        case "pg_constraint":
            return """
                CASE WHEN o.contypid <> 0 THEN 'domain constraint:' || (SELECT t.typnamespace::regnamespace::text || '.' || t.typname FROM pg_type t WHERE t.oid = o.contypid) || '.' || o.conname
                     ELSE 'constraint:' || (SELECT c.relnamespace::regnamespace::text || '.' || c.relname FROM pg_class c WHERE c.oid = o.conrelid) || '.' || o.conname END
                """
        case "pg_trigger":
            return """
                CASE WHEN o.tgparentid <> 0 THEN 'clone:'
                     ELSE 'trigger:' || (SELECT c.relnamespace::regnamespace::text || '.' || c.relname FROM pg_class c WHERE c.oid = o.tgrelid) || '.' || o.tgname END
                """
        case "pg_policy":
            return "'policy:' || (SELECT c.relnamespace::regnamespace::text || '.' || c.relname FROM pg_class c WHERE c.oid = o.polrelid) || '.' || o.polname"
        case "pg_rewrite":
            return "'rule:' || (SELECT c.relnamespace::regnamespace::text || '.' || c.relname FROM pg_class c WHERE c.oid = o.ev_class) || '.' || o.rulename"
        case "pg_statistic_ext": return "'statistics:' || o.stxnamespace::regnamespace::text || '.' || o.stxname"
        case "pg_cast": return "'cast:' || format_type(o.castsource, NULL) || ' AS ' || format_type(o.casttarget, NULL)"
        case "pg_operator":
            return """
                CASE WHEN o.oprcode = 0 THEN 'shell:'
                     ELSE 'operator:' || o.oprnamespace::regnamespace::text || '.' || o.oprname || '(' || coalesce(format_type(nullif(o.oprleft, 0), NULL), 'NONE') || ', ' || format_type(o.oprright, NULL) || ')' END
                """
        case "pg_collation": return "'collation:' || o.collnamespace::regnamespace::text || '.' || o.collname"
        case "pg_ts_config": return "'text search configuration:' || o.cfgnamespace::regnamespace::text || '.' || o.cfgname"
        case "pg_ts_dict": return "'text search dictionary:' || o.dictnamespace::regnamespace::text || '.' || o.dictname"
        case "pg_attrdef":
            // A table column's default is compared with its column; a view column's is reported.
            return """
                CASE WHEN (SELECT c.relkind FROM pg_class c WHERE c.oid = o.adrelid) = 'v'
                     THEN 'default of view column|' || (pg_identify_object('pg_class'::regclass, o.adrelid, o.adnum)).identity
                          || ' (' || pg_get_expr(o.adbin, o.adrelid) || ')'
                     ELSE 'default:' || (SELECT c.relnamespace::regnamespace::text || '.' || c.relname FROM pg_class c WHERE c.oid = o.adrelid)
                          || '.' || (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = o.adrelid AND a.attnum = o.adnum) END
                """
        case "pg_default_acl":
            return "'default privileges:' || coalesce(o.defaclnamespace::regnamespace::text, '') || ':' || o.defaclobjtype::text"
        default: return "NULL::text"
        }
    }

    /// The keys of every object the model holds, in the form ``keyExpression(_:)`` builds.
    /// (Names are compared unquoted; the fixture's names need no quoting.)
    static func comparedKeys(_ schema: Schema) -> Set<String> {
        var keys = Set<String>()
        func relation(_ kind: String, _ name: QualifiedName) { keys.insert("relation:\(kind):\(name.schema).\(name.name)") }
        for namespace in schema.namespaces { keys.insert("schema:\(namespace.name)") }
        for item in schema.extensions { keys.insert("extension:\(item.name)") }
        for item in schema.enums { keys.insert("type:e:\(item.name)") }
        for item in schema.domains {
            keys.insert("type:d:\(item.name)")
            for constraint in item.constraints { keys.insert("domain constraint:\(item.name).\(constraint.name)") }
        }
        for item in schema.compositeTypes {
            keys.insert("type:c:\(item.name)")
            relation("c", item.name)
        }
        for item in schema.rangeTypes { keys.insert("type:r:\(item.name)") }
        for item in schema.collations { keys.insert("collation:\(item.name)") }
        for item in schema.sequences { relation("S", item.name) }
        for table in schema.tables {
            relation(table.kind == .partitioned ? "p" : "r", table.name)
            for column in table.columns where column.defaultExpression != nil || column.generatedExpression != nil {
                keys.insert("default:\(table.name).\(column.name)")
            }
            keys.insert("type:c:\(table.name)")
            for constraint in table.constraints {
                keys.insert("constraint:\(table.name).\(constraint.name)")
                if let index = constraint.indexName {
                    relation("i", QualifiedName(table.name.schema, index))
                    relation("I", QualifiedName(table.name.schema, index))
                }
            }
            for index in table.indexes { relation(index.isPartitioned ? "I" : "i", index.name) }
            for trigger in table.triggers { keys.insert("trigger:\(table.name).\(trigger.name)") }
            for policy in table.policies { keys.insert("policy:\(table.name).\(policy.name)") }
            for rule in table.rules { keys.insert("rule:\(table.name).\(rule.name)") }
        }
        for view in schema.views {
            relation(view.isMaterialized ? "m" : "v", view.name)
            keys.insert("type:c:\(view.name)")
            keys.insert("rule:\(view.name)._RETURN")
            for index in view.indexes { relation("i", index.name) }
            for trigger in view.triggers { keys.insert("trigger:\(view.name).\(trigger.name)") }
            for rule in view.rules { keys.insert("rule:\(view.name).\(rule.name)") }
        }
        for routine in schema.routines { keys.insert("routine:\(routine.name)(\(routine.arguments))") }
        for item in schema.statistics { keys.insert("statistics:\(item.name)") }
        for item in schema.casts { keys.insert("cast:\(item.source) AS \(item.target)") }
        for item in schema.operators { keys.insert("operator:\(item.name)(\(item.arguments))") }
        for item in schema.textSearchConfigurations { keys.insert("text search configuration:\(item.name)") }
        for item in schema.textSearchDictionaries { keys.insert("text search dictionary:\(item.name)") }
        for item in schema.defaultPrivileges {
            let code: String
            switch item.kind {
            case .tables: code = "r"
            case .sequences: code = "S"
            case .functions: code = "f"
            case .types: code = "T"
            case .schemas: code = "n"
            }
            keys.insert("default privileges:\(item.schema ?? ""):\(code)")
        }
        return keys
    }
}
