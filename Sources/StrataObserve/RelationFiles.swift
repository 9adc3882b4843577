/// The files of the relations that existed before a file began, followed statement by
/// statement: a table (or materialized view) or index that gets a new `relfilenode` was
/// rewritten or rebuilt.
///
/// Tables are followed by oid, TOAST tables through their table. Indexes are followed by
/// oid, and by name within their table when the oid goes away: PostgreSQL rebuilds the
/// indexes of a table whose column type changes as new indexes of the same name (keeping the
/// old file when nothing needs rebuilding).
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

    init(_ relations: [CatalogRelation]) {
        for relation in relations {
            let followed = Followed(filenode: relation.filenode, display: relation.display, table: relation.table, name: relation.name)
            switch relation.kind {
            case .table: tables[relation.oid] = followed
            case .toast: toasts[relation.table] = relation.filenode
            case .index: indexes[relation.oid] = followed
            }
        }
    }

    /// Whether the table (by oid) existed when the file began.
    func isExisting(table oid: String) -> Bool { tables[oid] != nil }

    /// The name a followed relation had, for a lock on an oid that is gone.
    func display(of oid: String) -> String? {
        tables[oid]?.display ?? indexes[oid]?.display
    }

    /// Compares `current`, the relations of some tables as they are now (everything of each
    /// table: itself, its TOAST table and its indexes), with what was recorded; records the new
    /// files and returns what changed, ordered by table name.
    mutating func compare(_ current: [CatalogRelation]) -> [Rewrite] {
        var rewrittenTables: Set<String> = []
        var rebuilt: [String: [String]] = [:]
        let presentOids = Set(current.map(\.oid))
        let coveredTables = Set(current.map(\.table))
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
                var key = relation.oid
                if indexes[key] == nil {
                    // A new oid: the rebuilt copy of a followed index of the same table and name?
                    guard let replaced = indexes.first(where: { oid, followed in
                        followed.table == relation.table && followed.name == relation.name && !presentOids.contains(oid)
                    })?.key else { continue }
                    indexes[relation.oid] = indexes.removeValue(forKey: replaced)
                    key = relation.oid
                }
                claimed.insert(key)
                guard let old = indexes[key] else { continue }
                if old.filenode != relation.filenode { rebuilt[old.table, default: []].append(old.display) }
                indexes[key]?.filenode = relation.filenode
            }
        }
        // Followed indexes of the tables read that are gone were dropped: stop following them,
        // so that a new index of the same name is not taken for a rebuild.
        for (oid, followed) in indexes where coveredTables.contains(followed.table) && !claimed.contains(oid) && !presentOids.contains(oid) {
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
