import StrataPostgres

/// A relation with storage as the catalog describes it at one moment: a table, a
/// materialized view, an index or a TOAST table, with its current file.
struct CatalogRelation: Sendable, Hashable {
    enum Kind: String, Sendable {
        /// A table or a materialized view (`relkind` `r`, `m`).
        case table
        case index
        /// The TOAST table of ``CatalogRelation/table``.
        case toast
    }

    var oid: String
    var kind: Kind
    var schema: String
    var name: String
    /// `pg_class.relfilenode`: a new one means a new file (a rewrite or a rebuild).
    var filenode: String
    /// The oid of the table it belongs to (itself for a table).
    var table: String
    /// As `regclass` prints it; empty when not read.
    var display: String

    /// Reads a row of `oid, relkind, nspname, relname, relfilenode, table oid[, regclass]`.
    init?(row: Row, offset: Int = 0) {
        guard let oid = row[offset], let relkind = row[offset + 1], let schema = row[offset + 2], let name = row[offset + 3],
              let filenode = row[offset + 4], let table = row[offset + 5] else { return nil }
        switch relkind {
        case "r", "m": kind = .table
        case "i": kind = .index
        case "t": kind = .toast
        default: return nil
        }
        self.oid = oid
        self.schema = schema
        self.name = name
        self.filenode = filenode
        self.table = table
        display = row[offset + 6] ?? ""
    }

    init(oid: String, kind: Kind, schema: String, name: String, filenode: String, table: String, display: String) {
        self.oid = oid
        self.kind = kind
        self.schema = schema
        self.name = name
        self.filenode = filenode
        self.table = table
        self.display = display
    }
}
