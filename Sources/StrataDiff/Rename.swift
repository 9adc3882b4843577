import StrataSchema

/// A rename the user asserts: the differ then renames instead of dropping and adding.
public struct Rename: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable {
        case table, column
    }

    public var kind: Kind
    /// For `.table`: the old table (its name is `from`). For `.column`: the table that
    /// holds the column, named as in the source schema.
    public var table: QualifiedName
    public var from: String
    public var to: String

    public init(kind: Kind, table: QualifiedName, from: String, to: String) {
        self.kind = kind
        self.table = table
        self.from = from
        self.to = to
    }

    /// A table rename within its schema.
    public static func table(_ table: QualifiedName, to: String) -> Rename {
        Rename(kind: .table, table: table, from: table.name, to: to)
    }

    /// A column rename in `table`.
    public static func column(_ table: QualifiedName, from: String, to: String) -> Rename {
        Rename(kind: .column, table: table, from: from, to: to)
    }

    public var description: String {
        switch kind {
        case .table: return "table \(table.schema).\(from) -> \(to)"
        case .column: return "column \(table).\(from) -> \(to)"
        }
    }
}
