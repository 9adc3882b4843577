import StrataSchema

/// Text search dictionaries in the inspected schemas.
enum TextSearchDictionaryCatalog: CatalogQuery {
    static let name = "text search dictionaries"
    static let sql = #"""
        SELECT n.nspname, d.dictname::text, tn.nspname::text, t.tmplname::text, d.dictinitoption,
               (SELECT c.description FROM pg_description c
                WHERE c.objoid = d.oid AND c.classoid = 'pg_ts_dict'::regclass AND c.objsubid = 0),
               d.oid::text
        FROM pg_ts_dict d
        JOIN user_namespace n ON n.oid = d.dictnamespace
        JOIN pg_ts_template t ON t.oid = d.dicttemplate
        JOIN pg_namespace tn ON tn.oid = t.tmplnamespace
        WHERE NOT EXISTS (SELECT 1 FROM pg_depend e
                          WHERE e.classid = 'pg_ts_dict'::regclass AND e.objid = d.oid AND e.deptype = 'e')
        """#

    static func item(_ row: CatalogRow) throws -> (oid: UInt32?, dictionary: TextSearchDictionary) {
        (try row.oid(6), TextSearchDictionary(
            name: QualifiedName(try row.string(0), try row.string(1)),
            template: QualifiedName(try row.string(2), try row.string(3)),
            options: row.optionalString(4),
            comment: row.optionalString(5)
        ))
    }
}

/// Text search configurations in the inspected schemas, with their mappings: for each
/// token type (by the parser's alias for it), the dictionaries in order.
enum TextSearchConfigurationCatalog: CatalogQuery {
    static let name = "text search configurations"
    static let sql = #"""
        SELECT n.nspname, c.cfgname::text, pn.nspname::text, p.prsname::text,
               (SELECT json_agg(m.entry ORDER BY m.alias)
                FROM (SELECT tt.alias::text AS alias,
                             to_json(ARRAY[tt.alias::text] || array_agg(v.part ORDER BY cm.mapseqno, v.position)) AS entry
                      FROM pg_ts_config_map cm
                      JOIN ts_token_type(c.cfgparser) tt ON tt.tokid = cm.maptokentype
                      JOIN pg_ts_dict d ON d.oid = cm.mapdict
                      JOIN pg_namespace dn ON dn.oid = d.dictnamespace
                      CROSS JOIN LATERAL (VALUES (1, dn.nspname::text), (2, d.dictname::text)) v(position, part)
                      WHERE cm.mapcfg = c.oid
                      GROUP BY tt.alias) m)::text,
               (SELECT d.description FROM pg_description d
                WHERE d.objoid = c.oid AND d.classoid = 'pg_ts_config'::regclass AND d.objsubid = 0),
               c.oid::text
        FROM pg_ts_config c
        JOIN user_namespace n ON n.oid = c.cfgnamespace
        JOIN pg_ts_parser p ON p.oid = c.cfgparser
        JOIN pg_namespace pn ON pn.oid = p.prsnamespace
        WHERE NOT EXISTS (SELECT 1 FROM pg_depend e
                          WHERE e.classid = 'pg_ts_config'::regclass AND e.objid = c.oid AND e.deptype = 'e')
        """#

    static func item(_ row: CatalogRow) throws -> (oid: UInt32?, configuration: TextSearchConfiguration) {
        // Each mapping is [alias, schema, dictionary, schema, dictionary, …].
        let mappings = try (row.json(4, as: [[String]].self) ?? []).map { entry in
            guard entry.count >= 3, entry.count % 2 == 1 else {
                throw row.unexpected(4, "has a mapping that is not [token type, schema, dictionary, …]")
            }
            let pairs = stride(from: 1, to: entry.count, by: 2).map { QualifiedName(entry[$0], entry[$0 + 1]) }
            return TextSearchConfiguration.Mapping(tokenType: entry[0], dictionaries: pairs)
        }
        return (try row.oid(6), TextSearchConfiguration(
            name: QualifiedName(try row.string(0), try row.string(1)),
            parser: QualifiedName(try row.string(2), try row.string(3)),
            mappings: mappings,
            comment: row.optionalString(5)
        ))
    }
}
