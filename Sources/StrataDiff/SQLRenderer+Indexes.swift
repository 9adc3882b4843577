import StrataSQL
import StrataSchema

extension SQLRenderer {
    static func indexSQL(_ change: SchemaChange) -> String {
        switch change {
        case .createIndex(let index, let concurrently):
            var definition = trimmed(index.definition)
            // pg_get_indexdef reads `ON ONLY` for an index of a partitioned table; created
            // that way it would stay invalid until each partition's index is attached, so
            // create it on the whole tree instead.
            if index.isPartitioned, let range = definition.range(of: " ON ONLY ") {
                definition.replaceSubrange(range, with: " ON ")
            }
            guard concurrently, let range = definition.range(of: "INDEX ") else { return definition }
            return definition.replacingCharacters(in: range, with: "INDEX CONCURRENTLY ")
        case .dropIndex(let index, let concurrently):
            return "DROP INDEX " + (concurrently ? "CONCURRENTLY " : "") + name(index)
        case .renameIndex(let index, let newName):
            return "ALTER INDEX " + name(index) + " RENAME TO " + identifier(newName)
        default:
            preconditionFailure("not an index change: \(change)")
        }
    }
}
