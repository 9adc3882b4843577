import StrataSchema

/// Views and materialized views with their output columns (and the columns' comments).
enum ViewCatalog: CatalogQuery {
    static let name = "views"
    static let sql = #"""
        SELECT r.oid::text, r.nspname, r.relname, r.relkind::text, pg_get_viewdef(r.oid),
               (SELECT json_agg(json_build_array(
                           a.attname, format_type(a.atttypid, a.atttypmod),
                           (SELECT ad.description FROM pg_description ad
                            WHERE ad.objoid = a.attrelid AND ad.classoid = 'pg_class'::regclass AND ad.objsubid = a.attnum)
                       ) ORDER BY a.attnum)
                FROM pg_attribute a
                WHERE a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped)::text,
               to_json(c.reloptions)::text, c.relispopulated,
               (SELECT d.description FROM pg_description d
                WHERE d.objoid = r.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0),
               (SELECT w.oid FROM pg_rewrite w WHERE w.ev_class = r.oid AND w.rulename = '_RETURN')::text,
               c.reltype::text, (SELECT rt.typarray FROM pg_type rt WHERE rt.oid = c.reltype)::text
        FROM user_relation r
        JOIN pg_class c ON c.oid = r.oid
        WHERE r.relkind IN ('v', 'm')
        """#

    /// The view keyed by its oid, with its `_RETURN` rule's oid and its row type's oids.
    static func item(_ row: CatalogRow) throws -> (oid: String, rule: UInt32?, rowTypes: [UInt32?], view: View) {
        let columns = try (row.json(5, as: [[String?]].self) ?? []).map { entry in
            guard entry.count == 3, let name = entry[0], let type = entry[1] else {
                throw row.unexpected(5, "has a column that is not [name, type, comment]")
            }
            return View.Column(name: name, type: type, comment: entry[2])
        }
        let view = View(
            name: QualifiedName(try row.string(1), try row.string(2)),
            isMaterialized: try row.string(3) == "m",
            definition: trimmedQuery(try row.string(4)),
            columns: columns,
            options: (try row.json(6, as: [String].self) ?? []).sorted(),
            isPopulated: try row.bool(7),
            comment: row.optionalString(8)
        )
        return (try row.string(0), try row.oid(9), [try row.oid(10), try row.oid(11)], view)
    }

    /// `pg_get_viewdef` without the surrounding white space and the final semicolon.
    static func trimmedQuery(_ text: String) -> String {
        var query = Substring(text)
        query = query.drop { $0.isWhitespace }
        while let last = query.last, last.isWhitespace { query.removeLast() }
        if query.hasSuffix(";") { query.removeLast() }
        while let last = query.last, last.isWhitespace { query.removeLast() }
        return String(query)
    }
}
