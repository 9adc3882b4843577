import StrataSchema
import Yams

/// Everything outside tables: schemas, extensions, enums, domains, sequences, functions,
/// views and materialized views. Each returns its section, or nil when it is empty.
extension SchemaImport {
    /// Every schema but `public` (so that empty ones are created too), and `public` only
    /// for a comment of its own.
    func namespaces() -> Node? {
        let pairs = schema.namespaces.compactMap { namespace -> (String, Node)? in
            guard namespace.name != "public" || namespace.comment != nil else { return nil }
            return (namespace.name, ModelYAML.inline(namespace.comment.map { [("comment", ModelYAML.text($0))] } ?? []))
        }
        return pairs.isEmpty ? nil : ModelYAML.block(pairs)
    }

    /// `{name: {schema, version}}`: the version the database has (delete it from the
    /// file to take the server's default).
    func extensions() -> Node? {
        let pairs = schema.extensions.map {
            ($0.name, ModelYAML.inline([("schema", ModelYAML.text($0.schema)), ("version", ModelYAML.text($0.version))]))
        }
        return pairs.isEmpty ? nil : ModelYAML.block(pairs)
    }

    mutating func enums() -> Node? {
        var pairs: [(String, Node)] = []
        for type in schema.enums {
            guard isExpressible(type.name) else {
                skip("enum", type.name.description, "a name with a dot cannot be a model key")
                continue
            }
            let values = ModelYAML.inlineList(type.labels)
            pairs.append((key(type.name), type.comment.map {
                ModelYAML.block([("values", values), ("comment", ModelYAML.text($0))])
            } ?? values))
        }
        return pairs.isEmpty ? nil : ModelYAML.block(pairs)
    }

    /// Domains over other domains come after them.
    mutating func domains() -> Node? {
        var pairs: [(String, Node)] = []
        for domain in orderedByDependencies(schema.domains, id: { .type($0.name) }) {
            guard isExpressible(domain.name) else {
                skip("domain", domain.name.description, "a name with a dot cannot be a model key")
                continue
            }
            var domainPairs: [(String, Node)] = [("type", ModelYAML.text(typeSpelling(domain.baseType)))]
            if domain.isNotNull { domainPairs.append(("not_null", ModelYAML.flag(true))) }
            if let expression = domain.defaultExpression { domainPairs.append(("default_sql", ModelYAML.text(expression))) }
            if let collation = domain.collation { domainPairs.append(("collation", ModelYAML.text(collationSpelling(collation)))) }
            var checks: [(String, Node)] = []
            for constraint in domain.constraints where !constraint.definition.hasPrefix("NOT NULL") {
                do throws(ImportGap) {
                    checks.append((constraint.name, checkNode(try CheckDefinition(parsing: constraint.definition), comment: nil)))
                } catch {
                    skip("domain constraint", "\(domain.name).\(constraint.name)", error.reason)
                }
            }
            if !checks.isEmpty { domainPairs.append(("checks", ModelYAML.block(checks))) }
            if let comment = domain.comment { domainPairs.append(("comment", ModelYAML.text(comment))) }
            pairs.append((key(domain.name), ModelYAML.block(domainPairs)))
        }
        return pairs.isEmpty ? nil : ModelYAML.block(pairs)
    }

    /// Sequences that are not an identity column's (the schema has none of those), with
    /// the options that differ from the defaults for their type, and `owned_by`.
    mutating func sequences() -> Node? {
        var pairs: [(String, Node)] = []
        for sequence in schema.sequences {
            guard isExpressible(sequence.name) else {
                skip("sequence", sequence.name.description, "a name with a dot cannot be a model key")
                continue
            }
            var sequencePairs = sequenceOptionPairs(sequence.options, withType: true)
            if let owner = sequence.ownedBy {
                guard isExpressible(owner.table), !owner.column.contains(".") else {
                    skip("sequence", sequence.name.description, "its owner \(owner.table).\(owner.column) has a dot in a name, which owned_by cannot hold")
                    continue
                }
                sequencePairs.append(("owned_by", ModelYAML.text("\(key(owner.table)).\(owner.column)")))
            }
            if let comment = sequence.comment { sequencePairs.append(("comment", ModelYAML.text(comment))) }
            pairs.append((key(sequence.name), ModelYAML.inline(sequencePairs)))
        }
        return pairs.isEmpty ? nil : ModelYAML.block(pairs)
    }

    /// `type` (unless `bigint`), `start`, `increment`, `min_value`, `max_value`, `cache`
    /// and `cycle`, each only when it differs from what PostgreSQL would choose.
    func sequenceOptionPairs(_ options: SequenceOptions, withType: Bool) -> [(String, Node)] {
        let (typeMin, typeMax): (Int64, Int64)
        switch options.dataType {
        case "smallint": (typeMin, typeMax) = (Int64(Int16.min), Int64(Int16.max))
        case "integer": (typeMin, typeMax) = (Int64(Int32.min), Int64(Int32.max))
        default: (typeMin, typeMax) = (Int64.min, Int64.max)
        }
        let ascending = options.increment > 0
        var pairs: [(String, Node)] = []
        if withType, options.dataType != "bigint" { pairs.append(("type", ModelYAML.text(options.dataType))) }
        if options.start != (ascending ? options.minValue : options.maxValue) { pairs.append(("start", ModelYAML.number(options.start))) }
        if options.increment != 1 { pairs.append(("increment", ModelYAML.number(options.increment))) }
        if options.minValue != (ascending ? 1 : typeMin) { pairs.append(("min_value", ModelYAML.number(options.minValue))) }
        if options.maxValue != (ascending ? typeMax : -1) { pairs.append(("max_value", ModelYAML.number(options.maxValue))) }
        if options.cache != 1 { pairs.append(("cache", ModelYAML.number(options.cache))) }
        if options.cycle { pairs.append(("cycle", ModelYAML.flag(true))) }
        return pairs
    }

    /// `{label: CREATE OR REPLACE FUNCTION …}`: the label is the function's key, or
    /// `key(arguments)` for every function of an overloaded name.
    func routines() -> Node? {
        var overloads: [QualifiedName: Int] = [:]
        for routine in schema.routines { overloads[routine.name, default: 0] += 1 }
        let pairs = orderedByDependencies(schema.routines, id: \.id).map { routine in
            let label = overloads[routine.name, default: 0] > 1 ? "\(key(routine.name))(\(routine.arguments))" : key(routine.name)
            return (label, statementNode(routine.definition, comment: routine.comment))
        }
        return pairs.isEmpty ? nil : ModelYAML.block(pairs)
    }

    /// Views (`name: query`, or `{query, options, comment, triggers}`) or materialized views
    /// (`{query, options, indexes, comment}`), each after the views it reads.
    mutating func views(materialized: Bool) -> Node? {
        var pairs: [(String, Node)] = []
        for view in orderedByDependencies(schema.views.filter { $0.isMaterialized == materialized }, id: { .view($0.name) }) {
            let kind = materialized ? "materialized view" : "view"
            guard isExpressible(view.name) else {
                skip(kind, view.name.description, "a name with a dot cannot be a model key")
                continue
            }
            for column in view.columns where column.comment != nil {
                skip("comment on column", "\(view.name).\(column.name)", "comments on \(kind) columns are not in the model format")
            }
            let query = ModelYAML.text(view.definition)
            var viewPairs: [(String, Node)] = [("query", query)]
            if !view.options.isEmpty { viewPairs.append(("options", ModelYAML.inlineList(view.options))) }
            let indexes = view.indexes.compactMap { indexNode($0) }
            if !indexes.isEmpty { viewPairs.append(("indexes", ModelYAML.blockList(indexes))) }
            if let triggers = triggersNode(view.triggers, on: view.name) { viewPairs.append(("triggers", triggers)) }
            if let comment = view.comment { viewPairs.append(("comment", ModelYAML.text(comment))) }
            if materialized, !view.isPopulated { viewPairs.append(("with_data", ModelYAML.flag(false))) }
            pairs.append((key(view.name), !materialized && viewPairs.count == 1 ? query : ModelYAML.block(viewPairs)))
        }
        return pairs.isEmpty ? nil : ModelYAML.block(pairs)
    }
}
