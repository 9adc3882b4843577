import StrataSchema
import Yams

/// A model file's text and how messages name it.
public struct ModelSourceFile: Sendable, Hashable {
    /// As messages show it, e.g. `models/shared/users.yaml`.
    public var displayPath: String
    public var text: String

    public init(displayPath: String, text: String) {
        self.displayPath = displayPath
        self.text = text
    }
}

/// Reads one model file into a ``ModelSet`` (docs/models.md describes the format).
struct ModelFileParser {
    let file: ModelSourceFile

    func parse() throws(ModelError) -> ModelSet {
        let root: Node?
        do {
            root = try Yams.compose(yaml: file.text)
        } catch let error as YamlError {
            throw ModelError([Self.problem(for: error, file: file.displayPath)])
        } catch {
            throw ModelError(ModelLocation(file: file.displayPath, line: 1, column: 1), "cannot read YAML: \(error)")
        }
        var model = ModelSet()
        guard let root else { return model }  // an empty file declares nothing
        let document = YAMLNode(node: root, file: file.displayPath)
        if document.isNull { return model }
        let sections = try document.fields(
            ["extensions", "schemas", "enums", "domains", "sequences", "functions", "tables", "views", "materialized_views"],
            of: "a model file"
        )
        if let node = sections["extensions"] { model.extensions = try extensions(node) }
        if let node = sections["schemas"] { model.schemas = try schemas(node) }
        if let node = sections["enums"] { model.enums = try named(node) { name, value throws(ModelError) in try self.enumType(name, value) } }
        if let node = sections["domains"] { model.domains = try named(node) { name, value throws(ModelError) in try self.domain(name, value) } }
        if let node = sections["sequences"] { model.sequences = try named(node) { name, value throws(ModelError) in try self.sequence(name, value) } }
        if let node = sections["functions"] { model.functions = try statements(node, what: "function") }
        if let node = sections["tables"] {
            model.tables = try named(node) { name, value throws(ModelError) in try TableParser(parser: self).table(name, value) }
        }
        if let node = sections["views"] { model.views = try named(node) { name, value throws(ModelError) in try self.view(name, value, materialized: false) } }
        if let node = sections["materialized_views"] {
            model.materializedViews = try named(node) { name, value throws(ModelError) in try self.view(name, value, materialized: true) }
        }
        return model
    }

    static func problem(for error: YamlError, file: String) -> ModelProblem {
        let failure = YAMLReadFailure(error)
        let hint = failure.message.hasPrefix("invalid YAML")
            ? "check indentation, and quote values that contain `: `, `#`, `{` or start with `*`, `&`, `!`, `%` or `@`" : nil
        return ModelProblem(ModelLocation(file: file, line: failure.line ?? 1, column: failure.column ?? 1), failure.message, hint: hint)
    }

    // MARK: Names

    /// `name` or `schema.name`.
    func qualifiedName(_ text: String, at location: ModelLocation) throws(ModelError) -> QualifiedName {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !text.isEmpty, parts.count <= 2, !parts.contains(where: \.isEmpty) else {
            throw ModelError(location, "\"\(text)\" is not a name", hint: "write `name` or `schema.name`")
        }
        return parts.count == 2 ? QualifiedName(String(parts[0]), String(parts[1])) : QualifiedName("public", text)
    }

    /// A mapping of name → declaration, in order.
    func named<T>(_ node: YAMLNode, _ make: (QualifiedName, YAMLNode) throws(ModelError) -> T) throws(ModelError) -> [T] {
        if node.isNull { return [] }
        var result: [T] = []
        for (key, keyNode, value) in try node.entries() {
            result.append(try make(try qualifiedName(key, at: keyNode.location), value.located(at: keyNode)))
        }
        return result
    }

    // MARK: Sections

    func extensions(_ node: YAMLNode) throws(ModelError) -> [ModelExtension] {
        if node.isNull { return [] }
        if node.isSequence {
            var result: [ModelExtension] = []
            for item in try node.items() {
                result.append(ModelExtension(name: try item.string("an extension"), location: item.location))
            }
            return result
        }
        var result: [ModelExtension] = []
        for (key, keyNode, value) in try node.entries() {
            var item = ModelExtension(name: key, location: keyNode.location)
            if !value.isNull {
                let fields = try value.fields(["schema", "version"], of: "extension \(key)")
                item.schema = try fields["schema"]?.string("schema")
                item.version = try fields["version"]?.string("version")
            }
            result.append(item)
        }
        return result
    }

    func schemas(_ node: YAMLNode) throws(ModelError) -> [ModelNamespace] {
        if node.isNull { return [] }
        if node.isSequence {
            var result: [ModelNamespace] = []
            for item in try node.items() { result.append(ModelNamespace(name: try item.string("a schema"), location: item.location)) }
            return result
        }
        var result: [ModelNamespace] = []
        for (key, keyNode, value) in try node.entries() {
            var item = ModelNamespace(name: key, location: keyNode.location)
            if !value.isNull {
                item.comment = try value.fields(["comment"], of: "schema \(key)")["comment"]?.string("comment")
            }
            result.append(item)
        }
        return result
    }

    func enumType(_ name: QualifiedName, _ node: YAMLNode) throws(ModelError) -> ModelEnum {
        var result = ModelEnum(name: name, values: [], location: node.keyLocation)
        var valuesNode = node
        if node.isMapping {
            let fields = try node.fields(["values", "comment"], of: "enum \(name.name)")
            guard let values = fields["values"] else { throw ModelError(node.location, "enum \(name.name) has no values:") }
            valuesNode = values
            result.comment = try fields["comment"]?.string("comment")
        }
        var seen: [String: ModelLocation] = [:]
        for item in try valuesNode.items() {
            let value = try item.string("an enum value")
            if let first = seen[value] { throw ModelError(item.location, "enum \(name.name) lists \"\(value)\" twice", related: first) }
            seen[value] = item.location
            result.values.append(value)
        }
        return result
    }

    func domain(_ name: QualifiedName, _ node: YAMLNode) throws(ModelError) -> ModelDomain {
        if let type = node.scalar, !node.isNull {
            return ModelDomain(name: name, type: ModelType(spelling: type, location: node.location), notNull: false, checks: [], location: node.keyLocation)
        }
        let fields = try node.fields(["type", "not_null", "default", "default_sql", "collation", "check", "checks", "comment"], of: "domain \(name.name)")
        guard let typeNode = fields["type"] else { throw ModelError(node.location, "domain \(name.name) has no type:") }
        var result = ModelDomain(
            name: name, type: ModelType(spelling: try typeNode.string("type"), location: typeNode.location),
            notNull: try fields["not_null"]?.bool("not_null") ?? false, checks: [], location: node.keyLocation
        )
        result.defaultSQL = try defaultSQL(fields)
        result.collation = try fields["collation"]?.string("collation")
        result.comment = try fields["comment"]?.string("comment")
        if let check = fields["check"] {
            result.checks.append(ModelCheck(name: nil, expression: try check.string("check"), location: check.location))
        }
        if let checks = fields["checks"] { result.checks += try namedChecks(checks) }
        return result
    }

    func sequence(_ name: QualifiedName, _ node: YAMLNode) throws(ModelError) -> ModelSequence {
        var result = ModelSequence(name: name, cycle: false, location: node.keyLocation)
        if node.isNull { return result }
        let fields = try node.fields(
            ["type", "start", "increment", "min_value", "max_value", "cache", "cycle", "owned_by", "comment"], of: "sequence \(name.name)"
        )
        result.type = try fields["type"]?.string("type")
        result.start = try fields["start"]?.integer("start")
        result.increment = try fields["increment"]?.integer("increment")
        result.minValue = try fields["min_value"]?.integer("min_value")
        result.maxValue = try fields["max_value"]?.integer("max_value")
        result.cache = try fields["cache"]?.integer("cache")
        result.cycle = try fields["cycle"]?.bool("cycle") ?? false
        result.comment = try fields["comment"]?.string("comment")
        if let owner = fields["owned_by"] {
            let text = try owner.string("owned_by")
            guard let dot = text.lastIndex(of: ".") else {
                throw ModelError(owner.location, "owned_by must be table.column, found \"\(text)\"")
            }
            result.ownedBy = ModelColumnReference(
                table: try qualifiedName(String(text[..<dot]), at: owner.location), column: String(text[text.index(after: dot)...]),
                location: owner.location
            )
        }
        return result
    }

    /// name → whole SQL statement, or name → { sql, comment }.
    func statements(_ node: YAMLNode, what: String) throws(ModelError) -> [ModelStatement] {
        if node.isNull { return [] }
        var result: [ModelStatement] = []
        for (key, keyNode, value) in try node.entries() {
            var statement = ModelStatement(name: key, sql: "", location: keyNode.location)
            if value.isMapping {
                let fields = try value.fields(["sql", "comment"], of: "\(what) \(key)")
                guard let sql = fields["sql"] else { throw ModelError(value.location, "\(what) \(key) has no sql:") }
                statement.sql = try sql.string("sql")
                statement.comment = try fields["comment"]?.string("comment")
            } else {
                statement.sql = try value.string("the \(what)'s SQL")
            }
            statement.sql = trimStatement(statement.sql)
            if statement.sql.isEmpty { throw ModelError(value.location, "\(what) \(key) has no SQL") }
            result.append(statement)
        }
        return result
    }

    func view(_ name: QualifiedName, _ node: YAMLNode, materialized: Bool) throws(ModelError) -> ModelView {
        let what = materialized ? "materialized view \(name.name)" : "view \(name.name)"
        var result = ModelView(name: name, query: "", options: [], indexes: [], triggers: [], location: node.keyLocation)
        if node.isMapping {
            var allowed = ["query", "options", "comment"]
            allowed += materialized ? ["indexes", "with_data"] : ["triggers"]
            let fields = try node.fields(allowed, of: what)
            guard let query = fields["query"] else { throw ModelError(node.location, "\(what) has no query:") }
            result.query = try query.string("query")
            result.options = try fields["options"]?.strings("an option") ?? []
            result.comment = try fields["comment"]?.string("comment")
            if let indexes = fields["indexes"] { result.indexes = try TableParser(parser: self).indexes(indexes) }
            if let withData = fields["with_data"] { result.withData = try withData.bool("with_data") }
            if let triggers = fields["triggers"] { result.triggers = try statements(triggers, what: "trigger") }
        } else {
            result.query = try node.string("the view's query")
        }
        result.query = trimStatement(result.query)
        if result.query.isEmpty { throw ModelError(node.location, "\(what) has an empty query") }
        return result
    }

    // MARK: Shared pieces

    func defaultSQL(_ fields: [String: YAMLNode]) throws(ModelError) -> String? {
        if let literal = fields["default"], let expression = fields["default_sql"] {
            throw ModelError(expression.keyLocation, "default and default_sql are both given", hint: "keep one", related: literal.keyLocation)
        }
        if let expression = fields["default_sql"] { return try expression.string("default_sql") }
        if let literal = fields["default"] { return try Self.literal(literal) }
        return nil
    }

    /// A YAML value as an SQL literal: strings quoted, numbers and booleans as they are.
    static func literal(_ node: YAMLNode) throws(ModelError) -> String {
        if node.isNull { return "NULL" }
        guard let scalar = node.node.scalar else {
            throw ModelError(node.location, "default must be a single value, found \(node.kind)", hint: "write an array or JSON default with default_sql")
        }
        if scalar.style == .plain {
            let text = scalar.string
            switch text.lowercased() {
            case "true", "false": return text.lowercased()
            default:
                if Int64(text) != nil || (Double(text) != nil && text.allSatisfy({ "0123456789.eE+-".contains($0) })) { return text }
            }
        }
        return "'" + scalar.string.replacingOccurrences(of: "'", with: "''") + "'"
    }

    func namedChecks(_ node: YAMLNode) throws(ModelError) -> [ModelCheck] {
        var result: [ModelCheck] = []
        for (key, keyNode, value) in try node.entries() {
            var check = ModelCheck(name: key, expression: "", location: keyNode.location)
            if value.isMapping {
                let fields = try value.fields(["expression", "not_valid", "comment"], of: "check \(key)")
                guard let expression = fields["expression"] else { throw ModelError(value.location, "check \(key) has no expression:") }
                check.expression = try expression.string("expression")
                check.notValid = try fields["not_valid"]?.bool("not_valid") ?? false
                check.comment = try fields["comment"]?.string("comment")
            } else {
                check.expression = try value.string("a check expression")
            }
            result.append(check)
        }
        return result
    }

    func trimStatement(_ sql: String) -> String {
        var text = Substring(sql)
        while let last = text.last, last.isWhitespace || last == ";" { text = text.dropLast() }
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        return String(text)
    }
}

extension YAMLNode {
    /// The value with the position of its key, for declarations named by a key.
    func located(at key: YAMLNode) -> YAMLNode { YAMLNode(node: node, file: file, key: key.location) }
}
