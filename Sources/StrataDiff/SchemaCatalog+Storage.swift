import StrataSchema

extension SchemaCatalog {
    /// The storage PostgreSQL gives a column of `type` (`typstorage`), to set a column's
    /// storage back to its default: arrays, ranges, composites and variable-length
    /// built-in types are `extended`, `numeric` is `main`, fixed-length types and enums
    /// `plain`; a domain has its base type's. A type of an extension that is not known
    /// here is taken as `extended`, the storage of every variable-length type unless its
    /// author chose otherwise.
    func defaultStorage(ofType type: String) -> String {
        if type.hasSuffix("[]") { return "extended" }
        if let name = userType(named: type) {
            if let domain = domains[name] { return defaultStorage(ofType: domain.baseType) }
            if enums[name] != nil { return "plain" }
            return "extended"
        }
        var base = Substring(type)
        if let parenthesis = base.firstIndex(of: "(") {
            // `character varying(20)`, `timestamp(3) with time zone`: the modifier does not matter.
            let closing = base[parenthesis...].firstIndex(of: ")") ?? base.endIndex
            base = base[..<parenthesis] + (closing < base.endIndex ? base[base.index(after: closing)...] : "")
        }
        let plain: Set<Substring> = [
            "smallint", "integer", "bigint", "real", "double precision", "boolean", "\"char\"", "date", "time without time zone",
            "time with time zone", "timestamp without time zone", "timestamp with time zone", "interval", "uuid", "money",
            "oid", "regclass", "regtype", "regproc", "regprocedure", "regoper", "regoperator", "regconfig", "regdictionary",
            "regnamespace", "regrole", "regcollation", "pg_lsn", "macaddr", "macaddr8", "point", "lseg", "box", "line",
            "circle", "tid", "xid", "xid8", "cid", "name", "txid_snapshot",
        ]
        if plain.contains(base) { return "plain" }
        if base == "numeric" { return "main" }
        return "extended"
    }
}
