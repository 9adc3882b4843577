import StrataSQL
import StrataSchema

extension SQLRenderer {
    static func indexSQL(_ change: SchemaChange) -> String {
        switch change {
        case .createIndex(let index, let concurrently):
            let definition = trimmed(index.definition)
            guard concurrently, let range = definition.range(of: "INDEX ") else { return definition }
            return definition.replacingCharacters(in: range, with: "INDEX CONCURRENTLY ")
        case .dropIndex(let index, let concurrently):
            return "DROP INDEX " + (concurrently ? "CONCURRENTLY " : "") + name(index)
        default:
            preconditionFailure("not an index change: \(change)")
        }
    }
}
