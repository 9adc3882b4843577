import StrataSchema

/// Checks the merged model (types, references, columns named by keys and indexes) and
/// names every constraint and index that has no name, reporting names that collide.
struct Validator {
    let model: ModelSet
    let naming: NamingConventions

    private var tables: [QualifiedName: ModelTable] {
        Dictionary(model.tables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func validate(_ result: inout ModelSet, problems: inout [ModelProblem]) {
        let tables = self.tables
        let types = TypeNames(model: model)
        var names = NameRegistry()
        for item in model.sequences { names.relation(item.name, "sequence \(item.name.name)", item.location, &problems) }
        for item in model.views { names.relation(item.name, "view \(item.name.name)", item.location, &problems) }
        for item in model.materializedViews { names.relation(item.name, "materialized view \(item.name.name)", item.location, &problems) }
        for table in model.tables { names.relation(table.name, "table \(table.name.name)", table.location, &problems) }

        for domain in model.domains where !types.isKnown(domain.type.spelling) {
            problems.append(unknownType(domain.type, for: "domain \(domain.name.name)"))
        }
        for (index, domain) in result.domains.enumerated() {
            for (checkIndex, check) in domain.checks.enumerated() where check.name == nil {
                result.domains[index].checks[checkIndex].name = NamingConventions.shortened("\(domain.name.name)_check")
            }
        }
        for sequence in model.sequences {
            if let owner = sequence.ownedBy { checkColumn(owner.column, of: owner.table, at: owner.location, tables, &problems) }
        }

        for (tableIndex, table) in model.tables.enumerated() {
            var named = table
            let columns = allColumns(of: table, tables)
            for column in table.columns where !types.isKnown(column.type.spelling) {
                problems.append(unknownType(column.type, for: "column \(table.name.name).\(column.name)"))
            }
            if let parent = table.partitionParent, tables[parent] == nil {
                problems.append(ModelProblem(table.location, "table \(table.name.name) is a partition of \(parent.name), which no model declares"))
            }
            if table.partitionParent != nil, let column = table.columns.first {
                problems.append(ModelProblem(
                    column.location, "partition \(table.name.name) declares columns",
                    hint: "a partition takes its columns from its parent; declare them there"
                ))
            }
            for parent in table.inherits where tables[parent] == nil {
                problems.append(ModelProblem(table.location, "table \(table.name.name) inherits \(parent.name), which no model declares"))
            }
            var constraintNames = TableNames(table: table.name.name)
            func needColumns(_ list: [String], at location: ModelLocation) {
                for column in list where !columns.contains(column) {
                    problems.append(missingColumn(column, table.name, location, columns))
                }
            }

            // Primary key: the table's, or the columns marked primary_key.
            let columnKey = table.columns.filter(\.primaryKey)
            if var key = table.primaryKey {
                if let column = columnKey.first {
                    problems.append(ModelProblem(column.location, "table \(table.name.name) has a primary_key: list and a primary_key column", hint: "use one of them", related: key.location))
                }
                needColumns(key.columns, at: key.location)
                key.name = key.name ?? NamingConventions.name(naming.primaryKey, table: table.name.name, columns: key.columns)
                named.primaryKey = key
            } else if let first = columnKey.first {
                let columnNames = columnKey.map(\.name)
                named.primaryKey = ModelKey(
                    columns: columnNames, name: NamingConventions.name(naming.primaryKey, table: table.name.name, columns: columnNames),
                    location: first.location
                )
            }
            if let key = named.primaryKey, let name = key.name {
                names.relation(QualifiedName(table.name.schema, name), "primary key \(name)", key.location, &problems)
                constraintNames.add(name, key.location, &problems)
            }

            // Column-level unique, check and references become table members.
            var uniques: [ModelKey] = []
            var checks: [ModelCheck] = []
            var foreignKeys: [ModelForeignKey] = []
            for column in table.columns {
                if let unique = column.unique {
                    uniques.append(ModelKey(columns: [column.name], name: unique.name, comment: unique.comment, location: unique.location))
                }
                if let check = column.check {
                    checks.append(ModelCheck(expression: check, column: column.name, location: column.location))
                }
                if let reference = column.references { foreignKeys.append(reference) }
            }
            uniques += table.uniques
            checks += table.checks
            foreignKeys += table.foreignKeys

            for index in uniques.indices {
                needColumns(uniques[index].columns, at: uniques[index].location)
                let name = uniques[index].name ?? NamingConventions.name(naming.unique, table: table.name.name, columns: uniques[index].columns)
                uniques[index].name = name
                names.relation(QualifiedName(table.name.schema, name), "unique constraint \(name)", uniques[index].location, &problems)
                constraintNames.add(name, uniques[index].location, &problems)
            }
            for index in checks.indices {
                let name = checks[index].name
                    ?? NamingConventions.name(naming.check, table: table.name.name, columns: checks[index].column.map { [$0] } ?? [])
                checks[index].name = name
                constraintNames.add(name, checks[index].location, &problems)
            }
            for index in foreignKeys.indices {
                var foreignKey = foreignKeys[index]
                needColumns(foreignKey.columns, at: foreignKey.location)
                if let target = tables[foreignKey.table] {
                    if foreignKey.referencedColumns.isEmpty {
                        let key = target.primaryKey?.columns ?? target.columns.filter(\.primaryKey).map(\.name)
                        if key.isEmpty {
                            problems.append(ModelProblem(
                                foreignKey.location, "table \(target.name.name) has no primary key to reference",
                                hint: "name the column: references: \(target.name.name)(column)"
                            ))
                        }
                        foreignKey.referencedColumns = key
                    }
                    let targetColumns = allColumns(of: target, tables)
                    for column in foreignKey.referencedColumns where !targetColumns.contains(column) {
                        problems.append(missingColumn(column, target.name, foreignKey.location, targetColumns, referenced: true))
                    }
                    if foreignKey.referencedColumns.count != foreignKey.columns.count, !foreignKey.referencedColumns.isEmpty {
                        problems.append(ModelProblem(
                            foreignKey.location,
                            "the foreign key has \(foreignKey.columns.count) column(s) but references \(foreignKey.referencedColumns.count)"
                        ))
                    }
                } else {
                    let suggestion = model.tables.map(\.name.name).min { editDistance($0, foreignKey.table.name) < editDistance($1, foreignKey.table.name) }
                    problems.append(ModelProblem(
                        foreignKey.location, "references \(foreignKey.table.name), which no model declares",
                        hint: suggestion.map { "declared tables include \($0)" } ?? "declare the table in a layer"
                    ))
                }
                let name = foreignKey.name ?? NamingConventions.name(
                    naming.foreignKey, table: table.name.name, columns: foreignKey.columns, refTable: foreignKey.table.name,
                    refColumns: foreignKey.referencedColumns
                )
                foreignKey.name = name
                constraintNames.add(name, foreignKey.location, &problems)
                foreignKeys[index] = foreignKey
            }
            for exclusion in table.exclusions {
                names.relation(QualifiedName(table.name.schema, exclusion.name), "exclusion constraint \(exclusion.name)", exclusion.location, &problems)
                constraintNames.add(exclusion.name, exclusion.location, &problems)
            }
            named.indexes = nameIndexes(table.indexes, on: table.name, columns: columns, &names, &problems)
            // The column-level forms now live in the table's lists.
            for index in named.columns.indices {
                named.columns[index].unique = nil
                named.columns[index].check = nil
                named.columns[index].references = nil
            }
            named.uniques = uniques
            named.checks = checks
            named.foreignKeys = foreignKeys
            var triggerNames = TableNames(table: table.name.name, what: "trigger")
            for trigger in table.triggers { triggerNames.add(trigger.name, trigger.location, &problems) }
            var policyNames = TableNames(table: table.name.name, what: "policy")
            for policy in table.policies { policyNames.add(policy.name, policy.location, &problems) }
            result.tables[tableIndex] = named
        }
        for (index, view) in model.materializedViews.enumerated() {
            result.materializedViews[index].indexes = nameIndexes(view.indexes, on: view.name, columns: nil, &names, &problems)
        }
        problems.sort { ($0.location.file, $0.location.line, $0.location.column) < ($1.location.file, $1.location.line, $1.location.column) }
    }

    private func nameIndexes(
        _ indexes: [ModelIndex], on relation: QualifiedName, columns: Set<String>?, _ names: inout NameRegistry, _ problems: inout [ModelProblem]
    ) -> [ModelIndex] {
        var result = indexes
        for index in result.indices {
            if let columns {
                for key in result[index].keys + result[index].include {
                    let bare = Self.columnName(in: key)
                    if let bare, !columns.contains(bare) { problems.append(missingColumn(bare, relation, result[index].location, columns)) }
                }
            }
            let name = result[index].name ?? NamingConventions.name(
                result[index].unique ? naming.unique : naming.index, table: relation.name, columns: result[index].keys
            )
            result[index].name = name
            names.relation(QualifiedName(relation.schema, name), "index \(name)", result[index].location, &problems)
        }
        return result
    }

    /// The column an index key names (`email`, `created_at DESC`), or nil for an expression.
    static func columnName(in key: String) -> String? {
        var words = key.split(separator: " ").map(String.init)
        while let last = words.last, ["ASC", "DESC", "NULLS", "FIRST", "LAST"].contains(last.uppercased()), words.count > 1 {
            words.removeLast()
        }
        guard words.count == 1, let word = words.first else { return nil }
        if word.hasPrefix("\"") && word.hasSuffix("\"") && word.count >= 2 { return String(word.dropFirst().dropLast()) }
        let isIdentifier = word.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "$" }
        return isIdentifier ? word.lowercased() == word ? word : word.lowercased() : nil
    }

    /// A table's columns, with those it gets from its parents (inheritance, partitioning).
    private func allColumns(of table: ModelTable, _ tables: [QualifiedName: ModelTable], depth: Int = 0) -> Set<String> {
        var result = Set(table.columns.map(\.name))
        guard depth < 16 else { return result }
        for parent in table.inherits + (table.partitionParent.map { [$0] } ?? []) {
            if let parentTable = tables[parent] { result.formUnion(allColumns(of: parentTable, tables, depth: depth + 1)) }
        }
        return result
    }

    private func checkColumn(
        _ column: String, of table: QualifiedName, at location: ModelLocation, _ tables: [QualifiedName: ModelTable], _ problems: inout [ModelProblem]
    ) {
        guard let target = tables[table] else {
            problems.append(ModelProblem(location, "\(table.name) is not a table of the models"))
            return
        }
        let columns = allColumns(of: target, tables)
        if !columns.contains(column) { problems.append(missingColumn(column, table, location, columns)) }
    }

    private func missingColumn(
        _ column: String, _ table: QualifiedName, _ location: ModelLocation, _ columns: Set<String>, referenced: Bool = false
    ) -> ModelProblem {
        let suggestion = columns.min { editDistance($0, column) < editDistance($1, column) }
        let hint = suggestion.map { editDistance($0, column) <= 3 ? "did you mean \($0)?" : "its columns: " + columns.sorted().joined(separator: ", ") }
        return ModelProblem(location, "\(referenced ? "references " : "")column \(table.name).\(column), which table \(table.name) does not have", hint: hint)
    }

    private func unknownType(_ type: ModelType, for what: String) -> ModelProblem {
        ModelProblem(
            type.location, "unknown type \"\(type.spelling)\" for \(what)",
            hint: "use a PostgreSQL type, or declare it under enums:, domains: or extensions:"
        )
    }
}

/// Names that share PostgreSQL's relation namespace in a schema: tables, views,
/// sequences, indexes (and the indexes behind primary key, unique and exclusion
/// constraints).
struct NameRegistry {
    private var seen: [QualifiedName: (what: String, location: ModelLocation)] = [:]

    mutating func relation(_ name: QualifiedName, _ what: String, _ location: ModelLocation, _ problems: inout [ModelProblem]) {
        if let first = seen[name] {
            problems.append(ModelProblem(
                location, "\(what) has the same name as \(first.what) in schema \(name.schema)",
                hint: "give one of them another name: (name: …)", related: first.location
            ))
            return
        }
        seen[name] = (what, location)
    }
}

/// Names unique per table: constraints, triggers, policies.
struct TableNames {
    let table: String
    var what = "constraint"
    private var seen: [String: ModelLocation] = [:]

    init(table: String, what: String = "constraint") {
        self.table = table
        self.what = what
    }

    mutating func add(_ name: String, _ location: ModelLocation, _ problems: inout [ModelProblem]) {
        if let first = seen[name] {
            problems.append(ModelProblem(
                location, "table \(table) has two \(what)s named \(name)", hint: "give one of them another name: (name: …)", related: first
            ))
            return
        }
        seen[name] = location
    }
}
