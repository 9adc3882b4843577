import StrataSQL
import StrataSchema

extension SQLRenderer {
    static func sequenceSQL(_ change: SchemaChange) -> String {
        switch change {
        case .createSequence(let sequence):
            return "CREATE SEQUENCE " + name(sequence.name) + " " + sequenceOptions(sequence.options, includeType: true)
        case .alterSequence(let sequence, let old, let new):
            return "ALTER SEQUENCE " + name(sequence) + " " + changedSequenceOptions(from: old, to: new, includeType: true).joined(separator: " ")
        case .setSequenceOwner(let sequence, let owner):
            let target = owner.map { name($0.table) + "." + identifier($0.column) } ?? "NONE"
            return "ALTER SEQUENCE " + name(sequence) + " OWNED BY " + target
        case .dropSequence(let sequence):
            return "DROP SEQUENCE " + name(sequence)
        case .restartSequence(let sequence, let start, let range):
            // pg_sequence_last_value is NULL for a sequence that was never used.
            let reference: String
            switch sequence {
            case .sequence(let sequence):
                reference = SQLLiteral.quote(name(sequence)) + "::pg_catalog.regclass"
            case .identity(let table, let column):
                reference = "pg_catalog.pg_get_serial_sequence(" + SQLLiteral.quote(name(table)) + ", "
                    + SQLLiteral.quote(column) + ")::pg_catalog.regclass"
            }
            return "SELECT pg_catalog.setval(s.seq, \(start), false) FROM (SELECT " + reference + " AS seq) s"
                + " WHERE coalesce(pg_catalog.pg_sequence_last_value(s.seq) NOT BETWEEN \(range.lowerBound) AND \(range.upperBound), true)"
        default:
            preconditionFailure("not a sequence change: \(change)")
        }
    }
}
