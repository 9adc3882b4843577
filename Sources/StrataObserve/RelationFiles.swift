/// The files of the relations that existed before the observed file began, followed
/// statement by statement: a table (or materialized view) or index that gets a new
/// `relfilenode` was rewritten or rebuilt.
///
/// Tables are followed by oid, TOAST tables through their table. Indexes are followed by
/// oid, and by name within their table when the oid goes away in the statement that makes a
/// new index of that name: PostgreSQL rebuilds the indexes of a table whose column type
/// changes as new indexes of the same name (keeping the old file when nothing needs
/// rebuilding), and `REINDEX CONCURRENTLY` swaps in a new index.
struct RelationFiles: Sendable {
    /// What a statement rewrote: per table, whether the table itself got a new file and which
    /// of its indexes did.
    struct Rewrite: Sendable, Hashable {
        var tableOid: String
        var table: String
        var tableRewritten: Bool
        var indexes: [String]
    }

    private struct Followed {
        var filenode: String
        var display: String
        var table: String
        var name: String
    }

    private var tables: [String: Followed] = [:]
    /// TOAST files by the oid of their table.
    private var toasts: [String: String] = [:]
    private var indexes: [String: Followed] = [:]

    init(_ relations: [CatalogRelation] = []) {
        merge(relations, gone: [])
    }

    /// Whether the table (by oid) existed when the current file began.
    func isExisting(table oid: String) -> Bool { tables[oid] != nil }

    /// The oids followed, for asking which of them are gone.
    var followedOids: [String] { Array(tables.keys) + Array(indexes.keys) }

    /// The name a followed relation had, for a lock on an oid that is gone.
    func display(of oid: String) -> String? {
        tables[oid]?.display ?? indexes[oid]?.display
    }

    /// Takes what changed between files as the new state before the next file: relations
    /// created or given new files since, and relations dropped since (`gone`).
    mutating func merge(_ relations: [CatalogRelation], gone: Set<String>) {
        for oid in gone {
            tables[oid] = nil
            toasts[oid] = nil
            indexes[oid] = nil
        }
        for relation in relations {
            let followed = Followed(filenode: relation.filenode, display: relation.display, table: relation.table, name: relation.name)
            switch relation.kind {
            case .table: tables[relation.oid] = followed
            case .toast: toasts[relation.table] = relation.filenode
            case .index: indexes[relation.oid] = followed
            }
        }
    }

    /// The followed relations of the tables in `current` that `current` lacks: when `current`
    /// holds everything of each of its tables, those are gone.
    func missing(from current: [CatalogRelation]) -> Set<String> {
        let present = Set(current.map(\.oid))
        let covered = Set(current.map(\.table))
        return Set(indexes.filter { covered.contains($0.value.table) && !present.contains($0.key) }.map(\.key))
    }

    /// Compares `current` (relations as they are now) with what was recorded, knowing which
    /// followed relations are `gone`; records the new files and returns what changed, ordered
    /// by table name. Relations that are not followed (created since the file began) are left
    /// out.
    mutating func compare(_ current: [CatalogRelation], gone: Set<String>) -> [Rewrite] {
        var rewrittenTables: Set<String> = []
        var rebuilt: [String: [String]] = [:]
        var claimed: Set<String> = []

        for relation in current {
            switch relation.kind {
            case .table:
                guard let old = tables[relation.oid] else { continue }
                if old.filenode != relation.filenode { rewrittenTables.insert(relation.oid) }
                tables[relation.oid]?.filenode = relation.filenode
            case .toast:
                guard tables[relation.table] != nil, let old = toasts[relation.table] else { continue }
                if old != relation.filenode { rewrittenTables.insert(relation.table) }
                toasts[relation.table] = relation.filenode
            case .index:
                if indexes[relation.oid] == nil {
                    // A new oid: the rebuilt copy of a followed index of the same table and name
                    // that went away, or a new index.
                    guard let replaced = indexes.first(where: { oid, followed in
                        followed.table == relation.table && followed.name == relation.name && gone.contains(oid) && !claimed.contains(oid)
                    })?.key else { continue }
                    indexes[relation.oid] = indexes.removeValue(forKey: replaced)
                }
                claimed.insert(relation.oid)
                guard let old = indexes[relation.oid] else { continue }
                if old.filenode != relation.filenode { rebuilt[old.table, default: []].append(old.display) }
                indexes[relation.oid]?.filenode = relation.filenode
            }
        }
        for oid in gone where !claimed.contains(oid) {
            indexes[oid] = nil
        }
        let changed = rewrittenTables.union(rebuilt.keys)
        return changed.compactMap { oid -> Rewrite? in
            guard let table = tables[oid] else { return nil }
            return Rewrite(tableOid: oid, table: table.display, tableRewritten: rewrittenTables.contains(oid), indexes: (rebuilt[oid] ?? []).sorted())
        }
        .sorted { $0.table < $1.table }
    }
}
