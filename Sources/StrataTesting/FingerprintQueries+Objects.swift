extension FingerprintQueries {
    /// Functions, procedures and window functions, by `pg_get_functiondef`.
    var routines: String {
        """
        SELECT CASE p.prokind WHEN 'p' THEN 'procedure ' ELSE 'function ' END || p.oid::regprocedure::text || ': ' || pg_get_functiondef(p.oid)
        FROM pg_proc p
        WHERE p.prokind IN ('f', 'p', 'w') AND \(scope.object("pg_proc", "p.oid", namespace: "p.pronamespace"))
        """
    }

    /// Aggregates, by their `pg_aggregate` row and what `pg_proc` says of them.
    var aggregates: String {
        """
        SELECT 'aggregate ' || p.oid::regprocedure::text || ': kind ' || a.aggkind::text || ' direct ' || a.aggnumdirectargs
               || ' returns ' || format_type(p.prorettype, NULL) || ' strict ' || p.proisstrict || ' parallel ' || p.proparallel::text
               || ' sfunc ' || a.aggtransfn::text || ' stype ' || format_type(a.aggtranstype, NULL) || ' sspace ' || a.aggtransspace
               || ' finalfunc ' || a.aggfinalfn::text || ' finalextra ' || a.aggfinalextra || ' finalmodify ' || a.aggfinalmodify::text
               || ' combinefunc ' || a.aggcombinefn::text || ' serialfunc ' || a.aggserialfn::text || ' deserialfunc ' || a.aggdeserialfn::text
               || ' msfunc ' || a.aggmtransfn::text || ' minvfunc ' || a.aggminvtransfn::text
               || ' mstype ' || CASE WHEN a.aggmtranstype = 0 THEN '-' ELSE format_type(a.aggmtranstype, NULL) END || ' msspace ' || a.aggmtransspace
               || ' mfinalfunc ' || a.aggmfinalfn::text || ' mfinalextra ' || a.aggmfinalextra || ' mfinalmodify ' || a.aggmfinalmodify::text
               || ' sortop ' || a.aggsortop::regoperator::text
               || coalesce(' initcond ' || quote_literal(a.agginitval), '') || coalesce(' minitcond ' || quote_literal(a.aggminitval), '')
        FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
        WHERE \(scope.object("pg_proc", "p.oid", namespace: "p.pronamespace"))
        """
    }

    /// Casts created by users.
    var casts: String {
        """
        SELECT 'cast (' || format_type(c.castsource, NULL) || ' as ' || format_type(c.casttarget, NULL) || '): '
               || CASE c.castmethod WHEN 'f' THEN 'function ' || c.castfunc::regprocedure::text WHEN 'i' THEN 'inout' ELSE 'binary' END
               || ' context ' || CASE c.castcontext WHEN 'e' THEN 'explicit' WHEN 'a' THEN 'assignment' ELSE 'implicit' END
        FROM pg_cast c
        WHERE \(scope.databaseObject("pg_cast", "c.oid"))
        """
    }

    var operators: String {
        """
        SELECT 'operator ' || o.oid::regoperator::text || ': returns ' || format_type(o.oprresult, NULL)
               || ' function ' || o.oprcode::oid::regprocedure::text
               || ' commutator ' || o.oprcom::regoperator::text || ' negator ' || o.oprnegate::regoperator::text
               || ' restrict ' || o.oprrest::text || ' join ' || o.oprjoin::text
               || ' merges ' || o.oprcanmerge || ' hashes ' || o.oprcanhash
        FROM pg_operator o
        WHERE \(scope.object("pg_operator", "o.oid", namespace: "o.oprnamespace"))
        """
    }

    /// Operator families with their operators and support functions, and operator classes.
    var operatorClasses: [String] {
        let family = "(quote_ident(fn.nspname) || '.' || quote_ident(f.opfname) || ' using ' || quote_ident(am.amname))"
        let families = """
            FROM pg_opfamily f JOIN pg_namespace fn ON fn.oid = f.opfnamespace JOIN pg_am am ON am.oid = f.opfmethod
            """
        return [
            """
            SELECT 'operator family ' || \(family) \(families)
            WHERE \(scope.object("pg_opfamily", "f.oid", namespace: "f.opfnamespace"))
            """,
            """
            SELECT 'operator family member ' || \(family) || ': operator ' || o.amopstrategy || ' ' || o.amopopr::regoperator::text
                   || ' (' || format_type(o.amoplefttype, NULL) || ', ' || format_type(o.amoprighttype, NULL) || ')'
                   || CASE WHEN o.amoppurpose = 'o' THEN ' for order by ' || \(Self.qualified("pg_opfamily", "o.amopsortfamily", name: "opfname", namespace: "opfnamespace")) ELSE '' END
            FROM pg_amop o JOIN pg_opfamily f ON f.oid = o.amopfamily JOIN pg_namespace fn ON fn.oid = f.opfnamespace JOIN pg_am am ON am.oid = f.opfmethod
            WHERE \(scope.object("pg_opfamily", "f.oid", namespace: "f.opfnamespace")) AND \(FingerprintScope.notExtensionMember("pg_amop", "o.oid"))
            """,
            """
            SELECT 'operator family member ' || \(family) || ': function ' || p.amprocnum
                   || ' (' || format_type(p.amproclefttype, NULL) || ', ' || format_type(p.amprocrighttype, NULL) || ') '
                   || p.amproc::oid::regprocedure::text
            FROM pg_amproc p JOIN pg_opfamily f ON f.oid = p.amprocfamily JOIN pg_namespace fn ON fn.oid = f.opfnamespace JOIN pg_am am ON am.oid = f.opfmethod
            WHERE \(scope.object("pg_opfamily", "f.oid", namespace: "f.opfnamespace")) AND \(FingerprintScope.notExtensionMember("pg_amproc", "p.oid"))
            """,
            """
            SELECT 'operator class ' || quote_ident(cn.nspname) || '.' || quote_ident(c.opcname) || ' using ' || quote_ident(am.amname)
                   || ': for type ' || format_type(c.opcintype, NULL) || CASE WHEN c.opcdefault THEN ' default' ELSE '' END
                   || ' family ' || \(Self.qualified("pg_opfamily", "c.opcfamily", name: "opfname", namespace: "opfnamespace"))
                   || CASE WHEN c.opckeytype <> 0 THEN ' storage ' || format_type(c.opckeytype, NULL) ELSE '' END
            FROM pg_opclass c JOIN pg_namespace cn ON cn.oid = c.opcnamespace JOIN pg_am am ON am.oid = c.opcmethod
            WHERE \(scope.object("pg_opclass", "c.oid", namespace: "c.opcnamespace"))
            """,
        ]
    }

    /// Text search configurations (and their token mappings), dictionaries, parsers and templates.
    var textSearch: [String] {
        [
            """
            SELECT 'text search configuration ' || c.oid::regconfig::text || ': parser '
                   || \(Self.qualified("pg_ts_parser", "c.cfgparser", name: "prsname", namespace: "prsnamespace"))
            FROM pg_ts_config c
            WHERE \(scope.object("pg_ts_config", "c.oid", namespace: "c.cfgnamespace"))
            """,
            """
            SELECT 'text search mapping ' || c.oid::regconfig::text || ' ' || tt.alias || ': '
                   || string_agg(m.mapdict::regdictionary::text, ', ' ORDER BY m.mapseqno)
            FROM pg_ts_config c
            JOIN pg_ts_config_map m ON m.mapcfg = c.oid
            JOIN LATERAL ts_token_type(c.cfgparser) tt ON tt.tokid = m.maptokentype
            WHERE \(scope.object("pg_ts_config", "c.oid", namespace: "c.cfgnamespace"))
            GROUP BY c.oid, tt.alias
            """,
            """
            SELECT 'text search dictionary ' || d.oid::regdictionary::text || ': template '
                   || \(Self.qualified("pg_ts_template", "d.dicttemplate", name: "tmplname", namespace: "tmplnamespace"))
                   || coalesce(' options ' || d.dictinitoption, '')
            FROM pg_ts_dict d
            WHERE \(scope.object("pg_ts_dict", "d.oid", namespace: "d.dictnamespace"))
            """,
            """
            SELECT 'text search parser ' || quote_ident(n.nspname) || '.' || quote_ident(p.prsname)
                   || ': start ' || p.prsstart::text || ' gettoken ' || p.prstoken::text || ' end ' || p.prsend::text
                   || ' headline ' || p.prsheadline::text || ' lextypes ' || p.prslextype::text
            FROM pg_ts_parser p JOIN pg_namespace n ON n.oid = p.prsnamespace
            WHERE \(scope.object("pg_ts_parser", "p.oid", namespace: "p.prsnamespace"))
            """,
            """
            SELECT 'text search template ' || quote_ident(n.nspname) || '.' || quote_ident(t.tmplname)
                   || ': init ' || t.tmplinit::text || ' lexize ' || t.tmpllexize::text
            FROM pg_ts_template t JOIN pg_namespace n ON n.oid = t.tmplnamespace
            WHERE \(scope.object("pg_ts_template", "t.oid", namespace: "t.tmplnamespace"))
            """,
        ]
    }

    /// Collations. Left out: the library version (it depends on the machine) and the
    /// encoding, which `CREATE COLLATION` sets to the database's (so that a dump and restore
    /// turns a collation for any encoding, as copied from `pg_catalog`, into one for the
    /// database's encoding).
    var collations: String {
        var locale = ""
        if serverVersion >= 170000 {
            locale = " || coalesce(' locale ' || c.colllocale, '')"
        } else if serverVersion >= 150000 {
            locale = " || coalesce(' locale ' || c.colliculocale, '')"
        }
        let rules = serverVersion >= 160000 ? " || coalesce(' rules ' || quote_literal(c.collicurules), '')" : ""
        return """
            SELECT 'collation ' || quote_ident(n.nspname) || '.' || quote_ident(c.collname) || ': provider ' || c.collprovider::text
                   || CASE WHEN c.collisdeterministic THEN '' ELSE ' nondeterministic' END
                   || coalesce(' lc_collate ' || c.collcollate, '') || coalesce(' lc_ctype ' || c.collctype, '')\(locale)\(rules)
            FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace
            WHERE \(scope.object("pg_collation", "c.oid", namespace: "c.collnamespace"))
            """
    }

    var conversions: String {
        """
        SELECT 'conversion ' || quote_ident(n.nspname) || '.' || quote_ident(c.conname) || ': '
               || pg_encoding_to_char(c.conforencoding) || ' to ' || pg_encoding_to_char(c.contoencoding)
               || ' function ' || c.conproc::oid::regprocedure::text || CASE WHEN c.condefault THEN ' default' ELSE '' END
        FROM pg_conversion c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE \(scope.object("pg_conversion", "c.oid", namespace: "c.connamespace"))
        """
    }

    /// Foreign-data wrappers, servers and user mappings (foreign tables are tables).
    var foreignData: [String] {
        [
            """
            SELECT 'foreign data wrapper ' || quote_ident(w.fdwname) || ': handler ' || w.fdwhandler::text || ' validator ' || w.fdwvalidator::text
                   || coalesce(' options (' || \(Self.sorted("w.fdwoptions")) || ')', '')
            FROM pg_foreign_data_wrapper w
            WHERE \(scope.databaseObject("pg_foreign_data_wrapper", "w.oid"))
            """,
            """
            SELECT 'server ' || quote_ident(s.srvname) || ': wrapper ' || quote_ident(w.fdwname)
                   || coalesce(' type ' || quote_literal(s.srvtype), '') || coalesce(' version ' || quote_literal(s.srvversion), '')
                   || coalesce(' options (' || \(Self.sorted("s.srvoptions")) || ')', '')
            FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw
            WHERE \(scope.databaseObject("pg_foreign_server", "s.oid"))
            """,
            """
            SELECT 'user mapping for ' || CASE WHEN u.umuser = 0 THEN 'public' ELSE quote_ident(pg_get_userbyid(u.umuser)) END
                   || ' server ' || quote_ident(s.srvname) || coalesce(': options (' || \(Self.sorted("u.umoptions")) || ')', '')
            FROM pg_user_mapping u JOIN pg_foreign_server s ON s.oid = u.umserver
            WHERE \(scope.databaseObject("pg_foreign_server", "s.oid"))
            """,
        ]
    }

    var eventTriggers: String {
        """
        SELECT 'event trigger ' || quote_ident(e.evtname) || ': on ' || e.evtevent || ' function ' || e.evtfoid::regprocedure::text
               || ' enabled ' || e.evtenabled::text || coalesce(' tags ' || \(Self.sorted("e.evttags")), '')
        FROM pg_event_trigger e
        WHERE \(scope.databaseObject("pg_event_trigger", "e.oid"))
        """
    }

    /// Publications, their tables (with row filters and column lists) and schemas.
    var publications: [String] {
        var tableDetails = ""
        var result: [String] = []
        if serverVersion >= 150000 {
            tableDetails = """
                || coalesce(' where (' || pg_get_expr(r.prqual, r.prrelid) || ')', '')
                || coalesce(' columns (' || (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
                                            FROM pg_attribute a WHERE a.attrelid = r.prrelid AND a.attnum = ANY (r.prattrs)) || ')', '')
                """
            result.append("""
                SELECT 'publication schema ' || quote_ident(p.pubname) || ': ' || quote_ident(n.nspname)
                FROM pg_publication_namespace pn JOIN pg_publication p ON p.oid = pn.pnpubid JOIN pg_namespace n ON n.oid = pn.pnnspid
                WHERE \(scope.databaseObject("pg_publication", "p.oid"))
                """)
        }
        result.append("""
            SELECT 'publication ' || quote_ident(p.pubname) || ': all tables ' || p.puballtables || ' insert ' || p.pubinsert
                   || ' update ' || p.pubupdate || ' delete ' || p.pubdelete || ' truncate ' || p.pubtruncate || ' via root ' || p.pubviaroot
            FROM pg_publication p
            WHERE \(scope.databaseObject("pg_publication", "p.oid"))
            """)
        result.append("""
            SELECT 'publication table ' || quote_ident(p.pubname) || ': ' || r.prrelid::regclass::text \(tableDetails)
            FROM pg_publication_rel r JOIN pg_publication p ON p.oid = r.prpubid
            WHERE \(scope.databaseObject("pg_publication", "p.oid"))
            """)
        return result
    }

    /// Procedural languages created by users (not by an extension).
    var languages: String {
        """
        SELECT 'language ' || quote_ident(l.lanname) || ': trusted ' || l.lanpltrusted || ' handler ' || l.lanplcallfoid::regprocedure::text
               || ' inline ' || l.laninline::regprocedure::text || ' validator ' || l.lanvalidator::regprocedure::text
        FROM pg_language l
        WHERE \(scope.databaseObject("pg_language", "l.oid"))
        """
    }

    var accessMethods: String {
        """
        SELECT 'access method ' || quote_ident(a.amname) || ': type ' || a.amtype::text || ' handler ' || a.amhandler::text
        FROM pg_am a
        WHERE \(scope.databaseObject("pg_am", "a.oid"))
        """
    }

    var transforms: String {
        """
        SELECT 'transform for ' || format_type(t.trftype, NULL) || ' language ' || quote_ident(l.lanname)
               || ': from sql ' || t.trffromsql::text || ' to sql ' || t.trftosql::text
        FROM pg_transform t JOIN pg_language l ON l.oid = t.trflang
        WHERE \(scope.databaseObject("pg_transform", "t.oid"))
        """
    }
}
