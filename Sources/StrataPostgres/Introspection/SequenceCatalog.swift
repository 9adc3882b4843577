import StrataSchema

/// Sequences, with the column that owns them (`OWNED BY`, a `pg_depend` auto dependency
/// on a table column). Identity sequences (an internal dependency on their column) are
/// read with the column instead, and sequences owned by an excluded table are left out
/// with it.
enum SequenceCatalog: CatalogQuery {
    static let name = "sequences"
    static let sql = #"""
        SELECT n.nspname, c.relname::text, format_type(s.seqtypid, NULL),
               s.seqstart::text, s.seqincrement::text, s.seqmin::text, s.seqmax::text, s.seqcache::text, s.seqcycle,
               o.nspname::text, o.relname::text, o.attname::text,
               (SELECT d.description FROM pg_description d
                WHERE d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0),
               c.oid::text
        FROM pg_class c
        JOIN user_namespace n ON n.oid = c.relnamespace
        JOIN pg_sequence s ON s.seqrelid = c.oid
        LEFT JOIN LATERAL (
            SELECT t.oid, tn.nspname, t.relname, a.attname
            FROM pg_depend od
            JOIN pg_class t ON t.oid = od.refobjid
            JOIN pg_namespace tn ON tn.oid = t.relnamespace
            JOIN pg_attribute a ON a.attrelid = od.refobjid AND a.attnum = od.refobjsubid
            WHERE od.classid = 'pg_class'::regclass AND od.objid = c.oid AND od.deptype = 'a'
              AND od.refclassid = 'pg_class'::regclass AND od.refobjsubid > 0
            LIMIT 1
        ) o ON true
        WHERE c.relkind = 'S'
          AND NOT EXISTS (SELECT 1 FROM pg_depend e
                          WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype IN ('e', 'i'))
          AND (o.oid IS NULL OR o.oid IN (SELECT oid FROM user_relation))
        """#

    static func item(_ row: CatalogRow) throws -> (oid: UInt32?, sequence: Sequence) {
        let owner = try row.optionalName(9, 10).map { Sequence.Owner(table: $0, column: try row.string(11)) }
        return (try row.oid(13), Sequence(
            name: QualifiedName(try row.string(0), try row.string(1)),
            options: try SequenceOptions(row, from: 2),
            ownedBy: owner,
            comment: row.optionalString(12)
        ))
    }
}

extension SequenceOptions {
    /// Reads seven columns from `first` on: `format_type(seqtypid)`, start, increment,
    /// min, max, cache, cycle.
    init(_ row: CatalogRow, from first: Int) throws {
        self.init(
            dataType: try row.string(first),
            start: try row.int64(first + 1),
            increment: try row.int64(first + 2),
            minValue: try row.int64(first + 3),
            maxValue: try row.int64(first + 4),
            cache: try row.int64(first + 5),
            cycle: try row.bool(first + 6)
        )
    }

    /// Reads the same seven values from the text of a packed column (``ColumnCatalog``).
    init(_ values: [String?], row: CatalogRow, column: Int) throws {
        guard values.count == 7, let dataType = values[0] else {
            throw row.unexpected(column, "does not hold a type and six sequence options")
        }
        func number(_ index: Int) throws -> Int64 {
            guard let text = values[index], let value = Int64(text) else {
                throw row.unexpected(column, "has the sequence option \(values[index].map { "\"\($0)\"" } ?? "NULL"), not an integer")
            }
            return value
        }
        let cycle: Bool
        switch values[6] {
        case "t": cycle = true
        case "f": cycle = false
        case let other: throw row.unexpected(column, "has the cycle flag \(other.map { "\"\($0)\"" } ?? "NULL"), not t or f")
        }
        self.init(
            dataType: dataType, start: try number(1), increment: try number(2), minValue: try number(3),
            maxValue: try number(4), cache: try number(5), cycle: cycle
        )
    }
}
