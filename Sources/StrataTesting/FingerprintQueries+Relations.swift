extension FingerprintQueries {
    /// Tables, partitioned tables and foreign tables with everything stored on `pg_class`.
    var tables: String {
        let toast = "(SELECT array_agg('toast.' || o) FROM pg_class tc, unnest(tc.reloptions) o WHERE tc.oid = c.reltoastrelid)"
        return """
            SELECT CASE c.relkind WHEN 'r' THEN 'table ' WHEN 'p' THEN 'partitioned table ' ELSE 'foreign table ' END
                   || c.oid::regclass::text || ':'
                   || CASE c.relpersistence WHEN 'u' THEN ' unlogged' WHEN 't' THEN ' temporary' ELSE '' END
                   || coalesce(' partition by ' || pg_get_partkeydef(c.oid), '')
                   || coalesce(' partition of ' || (SELECT h.inhparent::regclass::text FROM pg_inherits h WHERE h.inhrelid = c.oid AND c.relispartition)
                               || ' ' || pg_get_expr(c.relpartbound, c.oid), '')
                   || coalesce(' inherits ' || (SELECT string_agg(h.inhparent::regclass::text, ', ' ORDER BY h.inhseqno)
                                                FROM pg_inherits h WHERE h.inhrelid = c.oid AND NOT c.relispartition), '')
                   || coalesce(' of type ' || nullif(c.reloftype, 0)::regtype::text, '')
                   || CASE WHEN c.relrowsecurity THEN ' row security' ELSE '' END
                   || CASE WHEN c.relforcerowsecurity THEN ' forced row security' ELSE '' END
                   || ' replica identity ' || CASE c.relreplident WHEN 'd' THEN 'default' WHEN 'n' THEN 'nothing' WHEN 'f' THEN 'full'
                        ELSE 'index ' || coalesce((SELECT x.indexrelid::regclass::text FROM pg_index x WHERE x.indrelid = c.oid AND x.indisreplident), '?') END
                   || coalesce(' with (' || \(Self.sorted("c.reloptions || \(toast)")) || ')', '')
                   || coalesce(' using ' || (SELECT quote_ident(am.amname) FROM pg_am am WHERE am.oid = c.relam), '')
                   || coalesce(' tablespace ' || (SELECT quote_ident(ts.spcname) FROM pg_tablespace ts WHERE ts.oid = c.reltablespace), '')
                   || coalesce((SELECT ' server ' || quote_ident(fs.srvname) || coalesce(' options (' || \(Self.sorted("ft.ftoptions")) || ')', '')
                                FROM pg_foreign_table ft JOIN pg_foreign_server fs ON fs.oid = ft.ftserver WHERE ft.ftrelid = c.oid), '')
            FROM pg_class c
            WHERE c.relkind IN ('r', 'p', 'f') AND \(scope.relation("c.oid"))
            """
    }

    /// Columns of tables, views, materialized views and foreign tables; with their
    /// position only when ``SchemaFingerprint/Options/columnOrder`` is set, whether they
    /// are declared locally and inherited unless ``SchemaFingerprint/Options/columnLocality``
    /// is unset, and with their
    /// options (statistics, storage, compression, `attoptions`) unless
    /// ``SchemaFingerprint/Category/columnOptions`` is left out.
    var columns: String {
        let position = options.columnOrder ? " || ' position ' || row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum)" : ""
        var columnOptions = ""
        if options.includes(.columnOptions) {
            columnOptions = """
                || coalesce(' options (' || \(Self.sorted("a.attoptions")) || ')', '')
                || CASE WHEN coalesce(a.attstattarget, -1) <> -1 THEN ' statistics ' || a.attstattarget ELSE '' END
                || CASE WHEN a.attstorage <> t.typstorage THEN ' storage ' || a.attstorage::text ELSE '' END
                """
            if serverVersion >= 140000 {
                columnOptions += "\n|| CASE a.attcompression WHEN 'p' THEN ' compression pglz' WHEN 'l' THEN ' compression lz4' ELSE '' END"
            }
        }
        let locality = options.columnLocality ? """

                   || CASE WHEN a.attislocal THEN '' ELSE ' not local' END
                   || CASE WHEN a.attinhcount > 0 THEN ' inherited ' || a.attinhcount ELSE '' END
            """ : ""
        let identity = """
            (SELECT ' (sequence ' || s.seqrelid::regclass::text || ' ' || \(Self.sequenceOptions) || ')'
             FROM pg_depend dep JOIN pg_sequence s ON s.seqrelid = dep.objid
             WHERE dep.classid = 'pg_class'::regclass AND dep.refclassid = 'pg_class'::regclass AND dep.deptype = 'i'
               AND dep.refobjid = c.oid AND dep.refobjsubid = a.attnum)
            """
        return """
            SELECT 'column ' || c.oid::regclass::text || '.' || quote_ident(a.attname) || ':'\(position)
                   || ' ' || format_type(a.atttypid, a.atttypmod)
                   || CASE WHEN a.attcollation <> t.typcollation THEN ' collate ' || \(Self.collation("a.attcollation")) ELSE '' END
                   || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
                   || CASE WHEN a.attgenerated = 's' THEN ' generated always as (' || pg_get_expr(d.adbin, d.adrelid) || ') stored'
                           ELSE coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') END
                   || CASE a.attidentity WHEN 'a' THEN ' identity always' WHEN 'd' THEN ' identity by default' ELSE '' END
                   || coalesce(\(identity), '')\(locality)
                   || coalesce(' fdw options (' || \(Self.sorted("a.attfdwoptions")) || ')', '')
                   \(columnOptions)
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f', 'v', 'm') AND \(scope.relation("c.oid"))
            """
    }

    /// Constraints of tables (partitions' copies included, with their parent), without
    /// the copies a foreign key gets for each partition of the table it references.
    var constraints: String {
        """
        SELECT 'constraint ' || c.conrelid::regclass::text || '.' || quote_ident(c.conname) || ': ' || pg_get_constraintdef(c.oid)
               || CASE WHEN c.conislocal THEN '' ELSE ' not local' END
               || CASE WHEN c.coninhcount > 0 THEN ' inherited ' || c.coninhcount ELSE '' END
               || coalesce(' parent ' || (SELECT p.conrelid::regclass::text || '.' || quote_ident(p.conname) FROM pg_constraint p WHERE p.oid = c.conparentid), '')
        FROM pg_constraint c
        WHERE c.conrelid <> 0 AND \(scope.relation("c.conrelid"))
          AND NOT EXISTS (SELECT 1 FROM pg_constraint p WHERE p.oid = c.conparentid AND p.conrelid = c.conrelid)
        """
    }

    /// Every index of a table or materialized view (those behind constraints and
    /// partitions' copies too), with validity, clustering and what it is attached to.
    var indexes: String {
        let statistics = options.includes(.columnOptions)
            ? """
              || coalesce(' statistics (' || (SELECT string_agg(ia.attnum || '=' || ia.attstattarget, ', ' ORDER BY ia.attnum)
                                              FROM pg_attribute ia WHERE ia.attrelid = x.indexrelid AND coalesce(ia.attstattarget, -1) <> -1) || ')', '')
              """
            : ""
        return """
            SELECT 'index ' || x.indexrelid::regclass::text || ': ' || pg_get_indexdef(x.indexrelid)
                   || CASE WHEN x.indisvalid THEN '' ELSE ' invalid' END
                   || CASE WHEN x.indisclustered THEN ' clustered' ELSE '' END
                   || coalesce(' attached to ' || (SELECT h.inhparent::regclass::text FROM pg_inherits h WHERE h.inhrelid = x.indexrelid), '')
                   || coalesce(' tablespace ' || (SELECT quote_ident(ts.spcname) FROM pg_tablespace ts WHERE ts.oid = i.reltablespace), '')
                   \(statistics)
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
            WHERE \(scope.relation("x.indrelid"))
            """
    }

    /// Views and materialized views: options, and for materialized ones whether they hold
    /// data, their access method and tablespace; then the definition.
    var views: String {
        """
        SELECT CASE c.relkind WHEN 'v' THEN 'view ' ELSE 'materialized view ' END || c.oid::regclass::text || ':'
               || coalesce(' with (' || \(Self.sorted("c.reloptions")) || ')', '')
               || CASE WHEN c.relkind = 'm' AND NOT c.relispopulated THEN ' not populated' ELSE '' END
               || CASE WHEN c.relkind = 'm' THEN coalesce(' using ' || (SELECT quote_ident(am.amname) FROM pg_am am WHERE am.oid = c.relam), '') ELSE '' END
               || coalesce(' tablespace ' || (SELECT quote_ident(ts.spcname) FROM pg_tablespace ts WHERE ts.oid = c.reltablespace), '')
               || ' as ' || pg_get_viewdef(c.oid)
        FROM pg_class c
        WHERE c.relkind IN ('v', 'm') AND \(scope.relation("c.oid"))
        """
    }

    /// Triggers that users wrote (not those behind foreign keys), with their enabled state.
    var triggers: String {
        """
        SELECT 'trigger ' || t.tgrelid::regclass::text || '.' || quote_ident(t.tgname) || ': ' || pg_get_triggerdef(t.oid)
               || ' enabled ' || t.tgenabled::text || CASE WHEN t.tgparentid <> 0 THEN ' cloned' ELSE '' END
        FROM pg_trigger t
        WHERE NOT t.tgisinternal AND \(scope.relation("t.tgrelid"))
        """
    }

    var policies: String {
        let roles = """
            (SELECT string_agg(rn, ', ' ORDER BY rn)
             FROM (SELECT CASE WHEN r = 0 THEN 'public' ELSE quote_ident(pg_get_userbyid(r)) END rn FROM unnest(p.polroles) r) pr)
            """
        return """
            SELECT 'policy ' || p.polrelid::regclass::text || '.' || quote_ident(p.polname) || ': '
                   || CASE WHEN p.polpermissive THEN 'permissive' ELSE 'restrictive' END
                   || ' for ' || CASE p.polcmd WHEN 'r' THEN 'select' WHEN 'a' THEN 'insert' WHEN 'w' THEN 'update' WHEN 'd' THEN 'delete' ELSE 'all' END
                   || ' to ' || \(roles)
                   || coalesce(' using (' || pg_get_expr(p.polqual, p.polrelid) || ')', '')
                   || coalesce(' with check (' || pg_get_expr(p.polwithcheck, p.polrelid) || ')', '')
            FROM pg_policy p
            WHERE \(scope.relation("p.polrelid"))
            """
    }

    /// Rules other than the `_RETURN` rule of a view.
    var rules: String {
        """
        SELECT 'rule ' || r.ev_class::regclass::text || '.' || quote_ident(r.rulename) || ': ' || pg_get_ruledef(r.oid)
               || ' enabled ' || r.ev_enabled::text
        FROM pg_rewrite r
        WHERE r.rulename <> '_RETURN' AND \(scope.relation("r.ev_class"))
        """
    }

    /// Extended statistics objects.
    var statistics: String {
        """
        SELECT 'statistics ' || quote_ident(n.nspname) || '.' || quote_ident(s.stxname) || ': ' || pg_get_statisticsobjdef(s.oid)
               || CASE WHEN coalesce(s.stxstattarget, -1) <> -1 THEN ' target ' || s.stxstattarget ELSE '' END
        FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace
        WHERE \(scope.schema("n.nspname")) AND \(FingerprintScope.notExtensionMember("pg_statistic_ext", "s.oid")) AND \(scope.relation("s.stxrelid"))
        """
    }
}
