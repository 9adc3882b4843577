import StrataSchema

extension SchemaCatalog {
    /// The storage PostgreSQL gives a column of `type` (`typstorage`), for a column of a
    /// schema built by hand (an inspected column carries its type's storage in
    /// ``Column/typeStorage``): arrays, ranges, composites and variable-length built-in
    /// types are `extended`, `numeric`, `inet` and `cidr` `main`, fixed-length types,
    /// `tsquery` and enums `plain`; a domain has its base type's. Any other type is taken as
    /// `extended`, the storage of most variable-length types.
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
            "circle", "tid", "xid", "xid8", "cid", "name", "tsquery", "aclitem",
        ]
        if plain.contains(base) { return "plain" }
        if base == "numeric" || base == "inet" || base == "cidr" { return "main" }
        return "extended"
    }
}
