import StrataSchema

/// Merges the files of every layer into one ``ModelSet``, by the rules of docs/models.md:
/// a later layer may add objects, and add members to a table an earlier layer declared;
/// it replaces a column only with `override: true`. Any other second declaration is a
/// problem naming both places.
struct ModelMerger {
    private(set) var model = ModelSet()
    private(set) var problems: [ModelProblem] = []

    /// Where each named object was first declared, and in which layer.
    private var declared: [String: (location: ModelLocation, layer: Int)] = [:]
    private var tableIndex: [QualifiedName: Int] = [:]
    private var tableLayer: [QualifiedName: Int] = [:]

    mutating func add(_ file: ModelSet, layer: Int) {
        for item in file.extensions where claim("extension \(item.name)", item.location, layer) { model.extensions.append(item) }
        for item in file.schemas where claim("schema \(item.name)", item.location, layer) { model.schemas.append(item) }
        for item in file.enums where claim(typeKey(item.name), item.location, layer, what: "type \(item.name.name)") { model.enums.append(item) }
        for item in file.domains where claim(typeKey(item.name), item.location, layer, what: "type \(item.name.name)") { model.domains.append(item) }
        for item in file.sequences where claim(relationKey(item.name), item.location, layer, what: "sequence \(item.name.name)") {
            model.sequences.append(item)
        }
        for item in file.functions where claim("function \(item.name)", item.location, layer) { model.functions.append(item) }
        for item in file.views where claim(relationKey(item.name), item.location, layer, what: "view \(item.name.name)") { model.views.append(item) }
        for item in file.materializedViews where claim(relationKey(item.name), item.location, layer, what: "materialized view \(item.name.name)") {
            model.materializedViews.append(item)
        }
        for table in file.tables { add(table, layer: layer) }
    }

    private func typeKey(_ name: QualifiedName) -> String { "type \(name)" }
    private func relationKey(_ name: QualifiedName) -> String { "relation \(name)" }

    /// Records the first declaration of `key`; a second one is a problem.
    private mutating func claim(_ key: String, _ location: ModelLocation, _ layer: Int, what: String? = nil) -> Bool {
        if let first = declared[key] {
            let name = what ?? key
            problems.append(ModelProblem(
                location, "\(name) is declared twice", hint: "declare it once; a later layer may only add to a table", related: first.location
            ))
            return false
        }
        declared[key] = (location, layer)
        return true
    }

    private mutating func add(_ table: ModelTable, layer: Int) {
        guard let index = tableIndex[table.name] else {
            guard claim(relationKey(table.name), table.location, layer, what: "table \(table.name.name)") else { return }
            tableIndex[table.name] = model.tables.count
            tableLayer[table.name] = layer
            model.tables.append(table)
            checkColumnsAreNew(table)
            return
        }
        guard let firstLayer = tableLayer[table.name], firstLayer < layer else {
            problems.append(ModelProblem(
                table.location, "table \(table.name.name) is declared twice in the same layer",
                hint: "declare it in one file; only a later layer may add to it", related: model.tables[index].location
            ))
            return
        }
        var merged = model.tables[index]
        extend(&merged, with: table)
        model.tables[index] = merged
    }

    private mutating func checkColumnsAreNew(_ table: ModelTable) {
        var seen: [String: ModelLocation] = [:]
        for column in table.columns {
            if let first = seen[column.name] {
                problems.append(ModelProblem(column.location, "column \(table.name.name).\(column.name) is declared twice", related: first))
            }
            seen[column.name] = column.location
            if column.override {
                problems.append(ModelProblem(
                    column.location, "column \(table.name.name).\(column.name) has override: true, but no earlier layer declares it",
                    hint: "remove override: true"
                ))
            }
        }
    }

    /// Adds a later layer's declaration of a table to the earlier one.
    private mutating func extend(_ base: inout ModelTable, with addition: ModelTable) {
        let name = base.name.name
        for column in addition.columns {
            if let position = base.columns.firstIndex(where: { $0.name == column.name }) {
                if column.override {
                    base.columns[position] = column
                } else {
                    problems.append(ModelProblem(
                        column.location, "column \(name).\(column.name) is already declared by an earlier layer",
                        hint: "add `override: true` to replace it, or give the column another name", related: base.columns[position].location
                    ))
                }
            } else if column.override {
                problems.append(ModelProblem(
                    column.location, "column \(name).\(column.name) has override: true, but no earlier layer declares it",
                    hint: "remove override: true"
                ))
            } else {
                base.columns.append(column)
            }
        }
        func setOnce<T>(_ keyPath: WritableKeyPath<ModelTable, T?>, _ what: String, at location: ModelLocation?) {
            guard let value = addition[keyPath: keyPath] else { return }
            if base[keyPath: keyPath] != nil {
                problems.append(ModelProblem(
                    location ?? addition.location, "\(what) of table \(name) is already set by an earlier layer",
                    hint: "set it in one layer", related: base.location
                ))
            } else {
                base[keyPath: keyPath] = value
            }
        }
        setOnce(\.comment, "the comment", at: addition.commentLocation)
        if addition.comment != nil, base.commentLocation == nil { base.commentLocation = addition.commentLocation }
        setOnce(\.unlogged, "unlogged", at: nil)
        setOnce(\.partitionBy, "partition_by", at: nil)
        setOnce(\.partitionParent, "partition_of", at: nil)
        if addition.partitionBound != nil, base.partitionBound == nil { base.partitionBound = addition.partitionBound }
        setOnce(\.primaryKey, "the primary key", at: addition.primaryKey?.location)
        setOnce(\.rowLevelSecurity, "row_level_security", at: nil)
        setOnce(\.forceRowLevelSecurity, "row_level_security force", at: nil)
        if !addition.inherits.isEmpty {
            if base.inherits.isEmpty { base.inherits = addition.inherits } else {
                problems.append(ModelProblem(addition.location, "inherits of table \(name) is already set by an earlier layer", related: base.location))
            }
        }
        base.options += addition.options
        base.uniques += addition.uniques
        base.checks += addition.checks
        base.foreignKeys += addition.foreignKeys
        base.exclusions += addition.exclusions
        base.indexes += addition.indexes
        base.triggers += addition.triggers
        base.policies += addition.policies
    }
}
