import StrataSchema

/// Reads a table declaration and its members.
struct TableParser {
    let parser: ModelFileParser

    static let tableKeys = [
        "columns", "primary_key", "unique", "checks", "foreign_keys", "exclusions", "indexes", "triggers",
        "row_level_security", "policies", "comment", "unlogged", "partition_by", "partition_of", "inherits", "options",
    ]

    static let columnKeys = [
        "type", "nullable", "default", "default_sql", "primary_key", "unique", "identity", "generated", "check",
        "references", "on_delete", "on_update", "collation", "comment", "override", "options", "statistics", "storage",
        "compression",
    ]

    func table(_ name: QualifiedName, _ node: YAMLNode) throws(ModelError) -> ModelTable {
        var table = ModelTable(name: name, location: node.keyLocation)
        if node.isNull { return table }
        let fields = try node.fields(Self.tableKeys, of: "table \(name.name)")
        if let columns = fields["columns"], !columns.isNull {
            for (key, keyNode, value) in try columns.entries() {
                table.columns.append(try column(key, value, keyLocation: keyNode.location))
            }
        }
        if let comment = fields["comment"] {
            table.comment = try comment.string("comment")
            table.commentLocation = comment.keyLocation
        }
        table.unlogged = try fields["unlogged"]?.bool("unlogged")
        table.partitionBy = try fields["partition_by"]?.string("partition_by")
        if let partition = fields["partition_of"] {
            let parts = try partition.fields(["table", "bound"], of: "partition_of")
            guard let parent = parts["table"] else { throw ModelError(partition.location, "partition_of needs table:") }
            table.partitionParent = try parser.qualifiedName(try parent.string("table"), at: parent.location)
            table.partitionBound = try parts["bound"]?.string("bound") ?? "DEFAULT"
        }
        if let inherits = fields["inherits"] {
            for item in inherits.isSequence ? try inherits.items() : [inherits] {
                table.inherits.append(try parser.qualifiedName(try item.string("a table"), at: item.location))
            }
        }
        table.options = try fields["options"]?.strings("a storage parameter") ?? []
        if let primaryKey = fields["primary_key"] { table.primaryKey = try key(primaryKey, what: "primary_key") }
        if let unique = fields["unique"] { table.uniques = try keys(unique) }
        if let checks = fields["checks"], !checks.isNull { table.checks = try parser.namedChecks(checks) }
        if let foreignKeys = fields["foreign_keys"], !foreignKeys.isNull {
            for item in try foreignKeys.items() { table.foreignKeys.append(try foreignKey(item)) }
        }
        if let exclusions = fields["exclusions"], !exclusions.isNull {
            for (key, keyNode, value) in try exclusions.entries() {
                var exclusion = ModelExclusion(name: key, body: "", location: keyNode.location)
                if value.isMapping {
                    let parts = try value.fields(["body", "comment"], of: "exclusion \(key)")
                    guard let body = parts["body"] else { throw ModelError(value.location, "exclusion \(key) has no body:") }
                    exclusion.body = try body.string("body")
                    exclusion.comment = try parts["comment"]?.string("comment")
                } else {
                    exclusion.body = try value.string("the exclusion's body")
                }
                table.exclusions.append(exclusion)
            }
        }
        if let indexes = fields["indexes"] { table.indexes = try self.indexes(indexes) }
        if let triggers = fields["triggers"] { table.triggers = try parser.statements(triggers, what: "trigger") }
        if let security = fields["row_level_security"] {
            if security.isMapping {
                let parts = try security.fields(["enabled", "force"], of: "row_level_security")
                table.rowLevelSecurity = try parts["enabled"]?.bool("enabled") ?? true
                table.forceRowLevelSecurity = try parts["force"]?.bool("force") ?? false
            } else {
                table.rowLevelSecurity = try security.bool("row_level_security")
            }
        }
        if let policies = fields["policies"], !policies.isNull {
            for (key, keyNode, value) in try policies.entries() { table.policies.append(try policy(key, value, keyLocation: keyNode.location)) }
        }
        return table
    }

    func column(_ name: String, _ node: YAMLNode, keyLocation: ModelLocation) throws(ModelError) -> ModelColumn {
        var column = ModelColumn(
            name: name, type: ModelType(spelling: "", location: node.location), nullable: false, primaryKey: false, override: false,
            location: keyLocation
        )
        if !node.isMapping {
            var spelling = try node.string("column \(name)'s type")
            if spelling.hasSuffix("?") {
                spelling.removeLast()
                column.nullable = true
            }
            column.type.spelling = spelling.trimmingSpaces
            if column.type.spelling.isEmpty { throw ModelError(node.location, "column \(name) has no type") }
            return column
        }
        let fields = try node.fields(Self.columnKeys, of: "column \(name)")
        guard let type = fields["type"] else {
            throw ModelError(node.location, "column \(name) has no type:", hint: "add `type: text` (or another type)")
        }
        var spelling = try type.string("type")
        if spelling.hasSuffix("?") {
            spelling.removeLast()
            column.nullable = true
        }
        column.type = ModelType(spelling: spelling.trimmingSpaces, location: type.location)
        if let nullable = fields["nullable"] { column.nullable = try nullable.bool("nullable") }
        column.defaultSQL = try parser.defaultSQL(fields)
        column.primaryKey = try fields["primary_key"]?.bool("primary_key") ?? false
        if let unique = fields["unique"] {
            if unique.scalar.map({ ["true", "false", "yes", "no"].contains($0.lowercased()) }) ?? false {
                if try unique.bool("unique") { column.unique = ModelNamed(location: unique.location) }
            } else {
                column.unique = ModelNamed(name: try unique.string("unique"), location: unique.location)
            }
        }
        if let identity = fields["identity"] { column.identity = try self.identity(identity) }
        column.generated = try fields["generated"]?.string("generated")
        if let check = fields["check"] {
            column.check = try check.string("check")
        }
        if let references = fields["references"] {
            var foreignKey = try reference(references, columns: [name])
            if let onDelete = fields["on_delete"] { foreignKey.onDelete = try action(onDelete) }
            if let onUpdate = fields["on_update"] { foreignKey.onUpdate = try action(onUpdate) }
            column.references = foreignKey
        } else if let stray = fields["on_delete"] ?? fields["on_update"] {
            throw ModelError(stray.keyLocation, "on_delete and on_update need references:")
        }
        column.collation = try fields["collation"]?.string("collation")
        column.comment = try fields["comment"]?.string("comment")
        column.override = try fields["override"]?.bool("override") ?? false
        try settings(fields, into: &column)
        return column
    }

    /// `options`, `statistics`, `storage` and `compression`: what `ALTER COLUMN` sets
    /// without touching the data.
    private func settings(_ fields: [String: YAMLNode], into column: inout ModelColumn) throws(ModelError) {
        if let options = fields["options"] {
            guard options.isMapping else {
                throw ModelError(options.location, "options of column \(column.name) must be a mapping", hint: "e.g. options: {n_distinct: -0.02}")
            }
            for entry in try options.entries() {
                guard let value = entry.value.scalar, !entry.value.isMapping, !entry.value.isSequence else {
                    throw ModelError(entry.value.location, "option \(entry.key) of column \(column.name) must be a single value")
                }
                column.options.append(entry.key + "=" + value)
            }
        }
        if let statistics = fields["statistics"] {
            let value = try statistics.integer("statistics")
            guard (-1...10_000).contains(value) else {
                throw ModelError(statistics.location, "statistics of column \(column.name) must be between -1 (the default) and 10000")
            }
            column.statistics = Int(value)
        }
        if let storage = fields["storage"] {
            let value = try storage.string("storage").lowercased()
            guard ["plain", "external", "extended", "main"].contains(value) else {
                throw ModelError(storage.location, "storage of column \(column.name) is \(value)", hint: "use plain, external, extended or main")
            }
            column.storage = value
        }
        if let compression = fields["compression"] {
            let value = try compression.string("compression").lowercased()
            guard ["pglz", "lz4"].contains(value) else {
                throw ModelError(compression.location, "compression of column \(column.name) is \(value)", hint: "use pglz or lz4")
            }
            column.compression = value
        }
    }

    func identity(_ node: YAMLNode) throws(ModelError) -> ModelColumn.Identity {
        var identity = ModelColumn.Identity(always: true, cycle: false)
        if node.isMapping {
            let fields = try node.fields(
                ["generation", "start", "increment", "min_value", "max_value", "cache", "cycle"], of: "identity"
            )
            if let generation = fields["generation"] { identity.always = try self.generation(generation) }
            identity.start = try fields["start"]?.integer("start")
            identity.increment = try fields["increment"]?.integer("increment")
            identity.minValue = try fields["min_value"]?.integer("min_value")
            identity.maxValue = try fields["max_value"]?.integer("max_value")
            identity.cache = try fields["cache"]?.integer("cache")
            identity.cycle = try fields["cycle"]?.bool("cycle") ?? false
        } else if node.scalar?.lowercased() == "true" {
            identity.always = true
        } else {
            identity.always = try generation(node)
        }
        return identity
    }

    func generation(_ node: YAMLNode) throws(ModelError) -> Bool {
        switch try node.string("identity").lowercased().replacingOccurrences(of: " ", with: "_") {
        case "always": return true
        case "by_default": return false
        default: throw ModelError(node.location, "identity must be always or by_default, found \(node.kind)")
        }
    }

    func action(_ node: YAMLNode) throws(ModelError) -> String {
        let text = try node.string("an action").lowercased().replacingOccurrences(of: "_", with: " ")
        let allowed = ["cascade", "restrict", "no action", "set null", "set default"]
        guard allowed.contains(text) else {
            throw ModelError(node.location, "\(node.kind) is not a referential action", hint: "use one of: " + allowed.joined(separator: ", "))
        }
        return text.uppercased()
    }

    /// `table`, `table(col, …)`, or `{ table, column(s), on_delete, … }`.
    func reference(_ node: YAMLNode, columns: [String]) throws(ModelError) -> ModelForeignKey {
        var foreignKey = ModelForeignKey(columns: columns, table: QualifiedName("public", ""), referencedColumns: [], location: node.location)
        if node.isMapping {
            let fields = try node.fields(
                ["table", "column", "columns", "on_delete", "on_update", "match", "name", "deferrable", "initially_deferred", "not_valid", "comment"],
                of: "references"
            )
            guard let table = fields["table"] else { throw ModelError(node.location, "references needs table:") }
            foreignKey = try reference(table, columns: columns)
            if let column = fields["column"] { foreignKey.referencedColumns = [try column.string("column")] }
            if let referenced = fields["columns"] { foreignKey.referencedColumns = try referenced.strings("a column") }
            try applyOptions(fields, to: &foreignKey)
            return foreignKey
        }
        let text = try node.string("references").trimmingSpaces
        if let open = text.firstIndex(of: "("), text.hasSuffix(")") {
            foreignKey.table = try parser.qualifiedName(String(text[..<open]).trimmingSpaces, at: node.location)
            foreignKey.referencedColumns = text[text.index(after: open)..<text.index(before: text.endIndex)]
                .split(separator: ",").map { String($0).trimmingSpaces }
        } else {
            foreignKey.table = try parser.qualifiedName(text, at: node.location)
        }
        return foreignKey
    }

    func applyOptions(_ fields: [String: YAMLNode], to foreignKey: inout ModelForeignKey) throws(ModelError) {
        if let onDelete = fields["on_delete"] { foreignKey.onDelete = try action(onDelete) }
        if let onUpdate = fields["on_update"] { foreignKey.onUpdate = try action(onUpdate) }
        if let match = fields["match"] {
            let text = try match.string("match").uppercased()
            guard ["FULL", "SIMPLE"].contains(text) else { throw ModelError(match.location, "match must be full or simple") }
            foreignKey.match = text == "FULL" ? "FULL" : nil
        }
        foreignKey.name = try fields["name"]?.string("name")
        foreignKey.deferrable = try fields["deferrable"]?.bool("deferrable") ?? false
        foreignKey.initiallyDeferred = try fields["initially_deferred"]?.bool("initially_deferred") ?? false
        if foreignKey.initiallyDeferred { foreignKey.deferrable = true }
        foreignKey.notValid = try fields["not_valid"]?.bool("not_valid") ?? false
        foreignKey.comment = try fields["comment"]?.string("comment")
    }

    func foreignKey(_ node: YAMLNode) throws(ModelError) -> ModelForeignKey {
        let fields = try node.fields(
            ["columns", "references", "on_delete", "on_update", "match", "name", "deferrable", "initially_deferred", "not_valid", "comment"],
            of: "a foreign key"
        )
        guard let columns = fields["columns"] else { throw ModelError(node.location, "a foreign key needs columns:") }
        guard let references = fields["references"] else { throw ModelError(node.location, "a foreign key needs references:") }
        var foreignKey = try reference(references, columns: try columns.strings("a column"))
        foreignKey.location = node.location
        try applyOptions(fields, to: &foreignKey)
        return foreignKey
    }

    /// `[a, b]`, or `{ columns, name, nulls_not_distinct, comment }`.
    func key(_ node: YAMLNode, what: String) throws(ModelError) -> ModelKey {
        if node.isMapping {
            let fields = try node.fields(["columns", "name", "nulls_not_distinct", "deferrable", "initially_deferred", "comment"], of: what)
            guard let columns = fields["columns"] else { throw ModelError(node.location, "\(what) needs columns:") }
            let initiallyDeferred = try fields["initially_deferred"]?.bool("initially_deferred") ?? false
            return ModelKey(
                columns: try columns.strings("a column"), name: try fields["name"]?.string("name"),
                nullsNotDistinct: try fields["nulls_not_distinct"]?.bool("nulls_not_distinct") ?? false,
                deferrable: try fields["deferrable"]?.bool("deferrable") ?? initiallyDeferred, initiallyDeferred: initiallyDeferred,
                comment: try fields["comment"]?.string("comment"), location: node.location
            )
        }
        return ModelKey(columns: try node.strings("a column"), location: node.location)
    }

    /// A list of keys: `[[a, b], {columns: …}]`; a flat list of names is one key.
    func keys(_ node: YAMLNode) throws(ModelError) -> [ModelKey] {
        if node.isNull { return [] }
        let items = try node.items()
        if items.allSatisfy({ $0.scalar != nil }) { return [try key(node, what: "unique")] }
        var result: [ModelKey] = []
        for item in items { result.append(try key(item, what: "unique")) }
        return result
    }

    func indexes(_ node: YAMLNode) throws(ModelError) -> [ModelIndex] {
        if node.isNull { return [] }
        var result: [ModelIndex] = []
        for item in try node.items() {
            if item.isMapping {
                let fields = try item.fields(["columns", "unique", "where", "method", "include", "name", "comment"], of: "an index")
                guard let columns = fields["columns"] else { throw ModelError(item.location, "an index needs columns:") }
                result.append(ModelIndex(
                    keys: try columns.strings("a column"), unique: try fields["unique"]?.bool("unique") ?? false,
                    whereClause: try fields["where"]?.string("where"), method: try fields["method"]?.string("method"),
                    include: try fields["include"]?.strings("a column") ?? [], name: try fields["name"]?.string("name"),
                    comment: try fields["comment"]?.string("comment"), location: item.location
                ))
            } else {
                result.append(ModelIndex(keys: try item.strings("a column"), unique: false, include: [], location: item.location))
            }
        }
        return result
    }

    func policy(_ name: String, _ node: YAMLNode, keyLocation: ModelLocation) throws(ModelError) -> ModelPolicy {
        var policy = ModelPolicy(name: name, command: "ALL", roles: ["public"], restrictive: false, location: keyLocation)
        if node.isNull { return policy }
        let fields = try node.fields(["for", "to", "using", "with_check", "restrictive", "comment"], of: "policy \(name)")
        if let command = fields["for"] {
            let text = try command.string("for").uppercased()
            guard ["ALL", "SELECT", "INSERT", "UPDATE", "DELETE"].contains(text) else {
                throw ModelError(command.location, "for must be all, select, insert, update or delete, found \(command.kind)")
            }
            policy.command = text
        }
        if let roles = fields["to"] { policy.roles = try roles.strings("a role") }
        policy.using = try fields["using"]?.string("using")
        policy.withCheck = try fields["with_check"]?.string("with_check")
        policy.restrictive = try fields["restrictive"]?.bool("restrictive") ?? false
        policy.comment = try fields["comment"]?.string("comment")
        return policy
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var text = Substring(String(self))
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }
}
