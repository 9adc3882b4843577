import StrataSchema
import Yams

/// One run of ``ModelImporter``: walks a sorted schema, builds the YAML nodes of each
/// file and collects what it skips.
struct SchemaImport {
    let schema: Schema
    /// "key depends on value" edges, for ordering objects of one kind inside a file.
    let dependencies: [ObjectID: [ObjectID]]
    private(set) var skipped: [String] = []
    private var files: [ImportedModels.File] = []
    /// Lowercased paths already used, so that names differing only in case (or in
    /// characters a file name cannot hold) still get distinct files.
    private var usedPaths: Set<String> = []

    init(schema: Schema) {
        self.schema = schema
        var dependencies: [ObjectID: [ObjectID]] = [:]
        for edge in schema.dependencies { dependencies[edge.from, default: []].append(edge.to) }
        self.dependencies = dependencies
    }

    mutating func run() -> ImportedModels {
        write("schemas.yaml", [("schemas", namespaces())])
        write("extensions.yaml", [("extensions", extensions())])
        let enumSection = enums(), domainSection = domains()
        write("types.yaml", [("enums", enumSection), ("domains", domainSection)])
        let sequenceSection = sequences()
        write("sequences.yaml", [("sequences", sequenceSection)])
        write("functions.yaml", [("functions", routines())])
        for table in schema.tables {
            guard let node = tableNode(table) else { continue }
            let path = uniquePath("tables/" + Self.fileName(key(table.name)) + ".yaml")
            write(path, [("tables", ModelYAML.block([(key(table.name), node)]))])
        }
        let viewSection = views(materialized: false), materializedViewSection = views(materialized: true)
        write("views.yaml", [("views", viewSection), ("materialized_views", materializedViewSection)])
        for type in schema.compositeTypes {
            skip("composite type", type.name.description, "composite types are not in the model format")
        }
        for collation in schema.collations {
            skip("collation", collation.name.description, "collations are not in the model format")
        }
        skipObjectsWithoutModel()
        skipPrivilegesAndOwners()
        return ImportedModels(files: files, skipped: skipped)
    }

    /// The kinds the model format has no section for, and what the inspection did not
    /// compare at all: each is named (keep them in `.sql` files of the schema folder).
    private mutating func skipObjectsWithoutModel() {
        for type in schema.rangeTypes { skip("range type", type.name.description, "range types are not in the model format") }
        for table in schema.tables {
            if table.replicaIdentity != .default {
                skip("replica identity", table.name.description, "REPLICA IDENTITY is not in the model format")
            }
        }
        for relation in schema.tables.map({ ($0.name, $0.rules) }) + schema.views.map({ ($0.name, $0.rules) }) {
            for rule in relation.1 { skip("rule", "\(relation.0).\(rule.name)", "rules are not in the model format") }
        }
        for item in schema.statistics { skip("statistics", item.name.description, "extended statistics are not in the model format") }
        for item in schema.casts { skip("cast", "(\(item.source) AS \(item.target))", "casts are not in the model format") }
        for item in schema.operators { skip("operator", "\(item.name)(\(item.arguments))", "operators are not in the model format") }
        for item in schema.textSearchDictionaries {
            skip("text search dictionary", item.name.description, "text search dictionaries are not in the model format")
        }
        for item in schema.textSearchConfigurations {
            skip("text search configuration", item.name.description, "text search configurations are not in the model format")
        }
        for object in schema.notCompared { skip(object.kind, object.name, "Strata does not compare this kind of object") }
    }

    // MARK: Names

    /// The model's name for an object: `users` in `public`, `auth.users` elsewhere.
    func key(_ name: QualifiedName) -> String {
        name.schema == "public" ? name.name : "\(name.schema).\(name.name)"
    }

    /// False when a part of the name holds a dot, which a model key cannot tell from the
    /// schema separator.
    func isExpressible(_ name: QualifiedName) -> Bool {
        !name.schema.contains(".") && !name.name.contains(".")
    }

    /// A `format_type` spelling as the model writes it: `public.` dropped (`status[]`).
    func typeSpelling(_ type: String) -> String {
        type.hasPrefix("public.") ? String(type.dropFirst("public.".count)) : type
    }

    /// A collation as the model writes it: `C` for `pg_catalog."C"`, else its key.
    func collationSpelling(_ collation: QualifiedName) -> String {
        collation.schema == "pg_catalog" ? collation.name : key(collation)
    }

    mutating func skip(_ kind: String, _ name: String, _ reason: String) {
        skipped.append("\(kind) \(name): \(reason)")
    }

    /// `items` with every item after the items of the list it depends on, otherwise in
    /// their order (a depth-first walk; a cycle keeps the given order).
    func orderedByDependencies<Item>(_ items: [Item], id: (Item) -> ObjectID) -> [Item] {
        var position: [ObjectID: Int] = [:]
        for (index, item) in items.enumerated() { position[id(item)] = index }
        var state = [UInt8](repeating: 0, count: items.count) // 0 new, 1 visiting, 2 done
        var ordered: [Item] = []
        ordered.reserveCapacity(items.count)
        func visit(_ index: Int) {
            guard state[index] == 0 else { return }
            state[index] = 1
            let requirements = (dependencies[id(items[index])] ?? []).compactMap { position[$0] }.sorted()
            for requirement in requirements { visit(requirement) }
            state[index] = 2
            ordered.append(items[index])
        }
        for index in items.indices { visit(index) }
        return ordered
    }

    // MARK: Files

    private mutating func write(_ path: String, _ sections: [(String, Node?)]) {
        let present = sections.compactMap { section in section.1.map { (section.0, $0) } }
        guard !present.isEmpty else { return }
        do {
            files.append(ImportedModels.File(path: path, text: try ModelYAML.serialize(ModelYAML.block(present))))
        } catch {
            skip("file", path, "the YAML emitter failed: \(error)")
        }
    }

    private mutating func uniquePath(_ path: String) -> String {
        let stem = String(path.dropLast(".yaml".count))
        var candidate = path
        var counter = 2
        while usedPaths.contains(candidate.lowercased()) {
            candidate = "\(stem)-\(counter).yaml"
            counter += 1
        }
        usedPaths.insert(candidate.lowercased())
        return candidate
    }

    /// A file name for a model key: characters that are not safe in file names on common
    /// systems become `_`; a leading dot (a hidden file) gets a `_` before it.
    static func fileName(_ key: String) -> String {
        let unsafe: Set<Character> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|"]
        var name = String(key.map { character in
            unsafe.contains(character) || character.unicodeScalars.contains { $0.properties.generalCategory == .control } ? "_" : character
        })
        if name.hasPrefix(".") || name.isEmpty { name = "_" + name }
        return name
    }
}
