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
        default:
            preconditionFailure("not a sequence change: \(change)")
        }
    }
}
