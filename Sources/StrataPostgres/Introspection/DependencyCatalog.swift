import StrataSchema

/// Dependencies between user objects, as bare catalog addresses (resolved to the model's
/// identities by ``ObjectResolver`` from what the other queries read), and which
/// extension each extension member belongs to.
///
/// Edges are `pg_depend` rows of type `n` (normal) and `a` (automatic) between user
/// objects (oids from `FirstNormalObjectId`, 16384, on). Thousands of them come back as
/// one text value, numbers separated by commas and records by semicolons, which is far
/// cheaper to move and read than as many rows of text cells.
enum DependencyCatalog: CatalogQuery {
    static let name = "dependencies"
    static let sql = #"""
        SELECT (SELECT string_agg(concat_ws(',', d.classid::int8, d.objid::int8, d.objsubid,
                                             d.refclassid::int8, d.refobjid::int8, d.refobjsubid,
                                             CASE d.deptype WHEN 'a' THEN 1 ELSE 0 END), ';')
                FROM pg_depend d
                WHERE d.deptype IN ('n', 'a') AND d.objid >= 16384 AND d.refobjid >= 16384),
               (SELECT string_agg(concat_ws(',', m.classid::int8, m.objid::int8, m.extension::int8), ';')
                FROM (SELECT e.classid, e.objid, e.refobjid AS extension
                      FROM pg_depend e
                      WHERE e.refclassid = 'pg_extension'::regclass AND e.deptype = 'e'
                      UNION ALL
                      SELECT 'pg_type'::regclass, t.typarray, e.refobjid
                      FROM pg_depend e JOIN pg_type t ON t.oid = e.objid
                      WHERE e.refclassid = 'pg_extension'::regclass AND e.deptype = 'e'
                        AND e.classid = 'pg_type'::regclass AND t.typarray <> 0) m)
        """#

    struct Edge {
        var from: CatalogAddress
        var to: CatalogAddress
        var isAutomatic: Bool
    }

    /// The query's one row: the edges, and the extension members with their extension's oid.
    struct Links {
        var edges: [Edge] = []
        var members: [(CatalogAddress, UInt32)] = []
    }

    static func item(_ row: CatalogRow) throws -> Links {
        func address(_ record: [Int64], _ first: Int, column: Int) throws -> CatalogAddress {
            guard let catalog = UInt32(exactly: record[first]), let oid = UInt32(exactly: record[first + 1]),
                  let subID = Int32(exactly: record[first + 2]) else {
                throw row.unexpected(column, "holds an object address out of range")
            }
            return CatalogAddress(catalog, oid, subID)
        }
        var links = Links()
        for record in try records(row, 0, width: 7) {
            links.edges.append(Edge(
                from: try address(record, 0, column: 0), to: try address(record, 3, column: 0), isAutomatic: record[6] == 1
            ))
        }
        for record in try records(row, 1, width: 3) {
            guard let catalog = UInt32(exactly: record[0]), let oid = UInt32(exactly: record[1]),
                  let extensionOID = UInt32(exactly: record[2]) else {
                throw row.unexpected(1, "holds an extension member out of range")
            }
            links.members.append((CatalogAddress(catalog, oid), extensionOID))
        }
        return links
    }

    /// Parses `n,n,…;n,n,…` (every record `width` numbers) without making strings.
    static func records(_ row: CatalogRow, _ column: Int, width: Int) throws -> [[Int64]] {
        guard let text = row.optionalString(column) else { return [] }
        var records: [[Int64]] = []
        var record: [Int64] = []
        record.reserveCapacity(width)
        var value: Int64 = 0
        var negative = false
        var hasDigits = false
        func finishValue() throws {
            guard hasDigits else { throw row.unexpected(column, "has an empty number") }
            record.append(negative ? -value : value)
            value = 0
            negative = false
            hasDigits = false
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = value &* 10 &+ Int64(byte - UInt8(ascii: "0"))
                hasDigits = true
            case UInt8(ascii: "-"):
                negative = true
            case UInt8(ascii: ","):
                try finishValue()
            case UInt8(ascii: ";"):
                try finishValue()
                guard record.count == width else { throw row.unexpected(column, "has a record of \(record.count) numbers, not \(width)") }
                records.append(record)
                record.removeAll(keepingCapacity: true)
            default:
                throw row.unexpected(column, "holds the unexpected character \(Unicode.Scalar(byte))")
            }
        }
        try finishValue()
        guard record.count == width else { throw row.unexpected(column, "has a record of \(record.count) numbers, not \(width)") }
        records.append(record)
        return records
    }
}
