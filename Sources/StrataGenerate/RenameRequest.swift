import StrataDiff
import StrataSchema

/// A rename as a user writes it: `users.mail=email` (a column), `old_table=new_table` or
/// `app.old_table=new_table` (a table). Resolved against the source schema, because
/// `a.b` can name a column of table `a` or table `b` of schema `a`.
public struct RenameRequest: Sendable, Hashable, CustomStringConvertible {
    public var left: [String]
    public var newName: String
    public var text: String

    /// - Throws: ``GenerateError`` (`usage`) when the text is not `old=new`.
    public init(_ text: String) throws {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty, !parts[1].contains("."),
              case let left = parts[0].split(separator: ".", omittingEmptySubsequences: false).map(String.init),
              (1...3).contains(left.count), left.allSatisfy({ !$0.isEmpty })
        else {
            throw GenerateError(
                .usage, "--rename \(text): expected old=new",
                hint: "a column: --rename users.mail=email (or schema.table.column=new); a table: --rename old_table=new_table"
            )
        }
        self.left = left
        self.newName = String(parts[1])
        self.text = text
    }

    public var description: String { text }

    /// The rename this request means in `schema`.
    ///
    /// - Throws: ``GenerateError`` (`usage`) when no table or column matches.
    public func resolve(in schema: Schema) throws -> Rename {
        func table(_ name: QualifiedName) -> Table? { schema.tables.first { $0.name == name } }
        switch left.count {
        case 1:
            if table(QualifiedName("public", left[0])) != nil {
                return Rename(kind: .table, table: QualifiedName("public", left[0]), from: left[0], to: newName)
            }
        case 2:
            if let found = table(QualifiedName("public", left[0])), found.column(left[1]) != nil {
                return Rename(kind: .column, table: found.name, from: left[1], to: newName)
            }
            if table(QualifiedName(left[0], left[1])) != nil {
                return Rename(kind: .table, table: QualifiedName(left[0], left[1]), from: left[1], to: newName)
            }
        default:
            if let found = table(QualifiedName(left[0], left[1])), found.column(left[2]) != nil {
                return Rename(kind: .column, table: found.name, from: left[2], to: newName)
            }
        }
        throw GenerateError(
            .usage, "--rename \(text): no such table or column in the current schema",
            hint: "name the table or column as it is now (before the rename), e.g. users.mail=email"
        )
    }
}

extension Rename {
    /// The rename that undoes this one (for planning the down part).
    var inverted: Rename {
        switch kind {
        case .table:
            return Rename(kind: .table, table: QualifiedName(table.schema, to), from: to, to: from)
        case .column:
            return Rename(kind: .column, table: table, from: to, to: from)
        }
    }
}
