import StrataSQL
import StrataSchema

/// What the string bodies of a schema's routines use (`LANGUAGE sql` and `plpgsql` bodies
/// written as `AS '…'` or `AS $$…$$`), resolved against the schema's objects.
///
/// PostgreSQL records no dependency for such a body, yet it analyses a `LANGUAGE sql` body, and
/// resolves a PL/pgSQL body's declared types, when it creates the routine with
/// `check_function_bodies` on; and the body needs the objects it uses whenever it runs (a
/// materialized view filled at creation, a default evaluated for the rows of an existing
/// table). So the ordering creates what a body uses before the routine, as a preference that
/// gives way where it would close a cycle (see ``StatementOrdering``). Standard bodies (`BEGIN
/// ATOMIC`, `RETURN`) are left out: their dependencies are in ``Schema/dependencies``.
///
/// Names resolve as PostgreSQL resolves them, as far as a lexical reading can tell: qualified
/// names exactly; unqualified ones through the routine's `SET search_path` when it has one (the
/// first schema that has an object of that name wins: PostgreSQL checks the body with that
/// path, and runs it with it). Without one, the body is checked with the path of the session
/// that creates it (`"$user", public` by default) and runs with its caller's, so an unqualified
/// name resolves to the objects of that name both in the routine's own schema and in `public`.
/// A call resolves to every overload of the name; a word that names a column of a table the
/// body uses resolves to the column too.
struct RoutineBodyReferences {
    /// Everything each routine's body uses.
    private(set) var used: [ObjectID: Set<ObjectID>] = [:]
    /// What PostgreSQL checks when it creates the routine with `check_function_bodies` on.
    private(set) var checkedAtCreation: [ObjectID: Set<ObjectID>] = [:]

    private let relations: [QualifiedName: [ObjectID]]
    private let routines: [QualifiedName: [ObjectID]]
    private let tables: [QualifiedName: Table]

    init(schema: Schema) {
        var relations: [QualifiedName: [ObjectID]] = [:]
        for table in schema.tables { relations[table.name, default: []].append(.table(table.name)) }
        for view in schema.views { relations[view.name, default: []].append(.view(view.name)) }
        for sequence in schema.sequences { relations[sequence.name, default: []].append(.sequence(sequence.name)) }
        for type in schema.enums.map(\.name) + schema.domains.map(\.name) + schema.compositeTypes.map(\.name) + schema.rangeTypes.map(\.name) {
            relations[type, default: []].append(.type(type))
        }
        var routines: [QualifiedName: [ObjectID]] = [:]
        for routine in schema.routines { routines[routine.name, default: []].append(routine.id) }
        self.relations = relations
        self.routines = routines
        tables = Dictionary(schema.tables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

        for routine in schema.routines {
            guard let definition = RoutineDefinition(routine.definition), case .string? = definition.body else { continue }
            let references = definition.bodyReferences()
            guard !references.used.isEmpty else { continue }
            let path = definition.searchPath.map { SearchPath(schemas: $0, firstMatchOnly: true) }
                ?? SearchPath(schemas: routine.name.schema == "public" ? ["public"] : [routine.name.schema, "public"], firstMatchOnly: false)
            let used = resolve(references.used, path: path).subtracting([routine.id])
            if !used.isEmpty { self.used[routine.id] = used }
            let checked = resolve(references.checkedAtCreation, path: path).subtracting([routine.id])
            if !checked.isEmpty { checkedAtCreation[routine.id] = checked }
        }
    }

    /// The schemas an unqualified name may resolve in.
    private struct SearchPath {
        var schemas: [String]
        /// Whether only the first schema that has the name counts (a known search path), or
        /// every schema (candidates).
        var firstMatchOnly: Bool
    }

    /// The objects that `references` name.
    private func resolve(_ references: [SQLReference], path: SearchPath) -> Set<ObjectID> {
        var found = Set<ObjectID>()
        var usedTables: [QualifiedName] = []
        var bareWords: [String] = []
        for reference in references {
            let parts = reference.parts
            switch (reference.usage, parts.count) {
            case (.call, 1):
                if let ids = firstMatch(parts[0], path: path, in: routines) { found.formUnion(ids) }
            case (.call, _):
                found.formUnion(routines[QualifiedName(parts[parts.count - 2], parts[parts.count - 1])] ?? [])
            case (.name, 1):
                bareWords.append(parts[0])
                if let ids = firstMatch(parts[0], path: path, in: relations) {
                    found.formUnion(ids)
                    usedTables += ids.compactMap { if case .table(let name) = $0 { name } else { nil } }
                }
            case (.name, 2):
                // `schema.relation`, or `relation.column`.
                if let ids = relations[QualifiedName(parts[0], parts[1])] {
                    found.formUnion(ids)
                    usedTables += ids.compactMap { if case .table(let name) = $0 { name } else { nil } }
                } else if let ids = firstMatch(parts[0], path: path, in: relations) {
                    found.formUnion(ids)
                    for case .table(let name) in ids where tables[name]?.column(parts[1]) != nil {
                        found.insert(.column(table: name, name: parts[1]))
                    }
                }
            case (.name, _):
                // `schema.relation.column` (or longer, with a database or field name).
                if let ids = relations[QualifiedName(parts[0], parts[1])] {
                    found.formUnion(ids)
                    for case .table(let name) in ids where tables[name]?.column(parts[2]) != nil {
                        found.insert(.column(table: name, name: parts[2]))
                    }
                }
            }
        }
        for table in usedTables {
            guard let columns = tables[table]?.columns else { continue }
            for word in bareWords where columns.contains(where: { $0.name == word }) {
                found.insert(.column(table: table, name: word))
            }
        }
        return found
    }

    /// The objects named `name` in the schemas of `path`: in the first that has any, or in all.
    private func firstMatch(_ name: String, path: SearchPath, in objects: [QualifiedName: [ObjectID]]) -> [ObjectID]? {
        var found: [ObjectID] = []
        for schema in path.schemas {
            guard let ids = objects[QualifiedName(schema, name)], !ids.isEmpty else { continue }
            if path.firstMatchOnly { return ids }
            found += ids
        }
        return found.isEmpty ? nil : found
    }
}
