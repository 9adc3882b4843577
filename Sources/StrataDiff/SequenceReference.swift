import StrataSchema

/// A sequence as a statement reaches it: by its name, or as the sequence behind an identity
/// column (whose name the schema model does not record; `pg_get_serial_sequence` finds it).
public enum SequenceReference: Sendable, Hashable, Codable, CustomStringConvertible {
    case sequence(QualifiedName)
    case identity(table: QualifiedName, column: String)

    /// The object a change of this sequence acts on: the sequence, or the identity column.
    public var object: ObjectID {
        switch self {
        case .sequence(let name): return .sequence(name)
        case .identity(let table, let column): return .column(table: table, name: column)
        }
    }

    public var description: String {
        switch self {
        case .sequence(let name): return "sequence \(name)"
        case .identity(let table, let column): return "the identity sequence of \(table).\(column)"
        }
    }
}
