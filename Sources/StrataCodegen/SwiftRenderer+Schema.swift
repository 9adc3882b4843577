import StrataSQL

extension SwiftRenderer {
    func renderEnum(_ entry: TypeEntry, _ out: inout SwiftWriter) {
        out.line("")
        out.open("extension \(options.namespace) {")
        out.line("/// The enum `\(entry.display)`.")
        out.open("public enum \(types.typeName(entry)): String, Sendable, Hashable, Codable, CaseIterable {")
        var used: Set<String> = []
        for label in entry.enumLabels {
            var name = Naming.caseName(label)
            while !used.insert(name).inserted { name += "_" }
            let bare = name.trimmingBackticks
            out.line(bare == label ? "case \(name)" : "case \(name) = \(SwiftWriter.literal(label))")
        }
        out.close("}")
        out.close("}")
    }

    func renderComposite(_ entry: TypeEntry, _ out: inout SwiftWriter) throws(CodegenError) {
        let name = types.typeName(entry)
        out.line("")
        out.open("extension \(options.namespace) {")
        out.line("/// The composite type `\(entry.display)`.")
        out.open("public struct \(name): Sendable, Equatable {")
        var fields: [(property: String, type: SwiftType, column: String)] = []
        for attribute in entry.attributes {
            let type = try mapped(attribute.typeOID, what: "attribute \(attribute.name) of \(entry.display)")
            fields.append((Naming.lowerCamel(attribute.name), type, attribute.name))
            out.line("public var \(fields.last!.property): \(type.name)?")
        }
        out.line("")
        out.line("/// Reads the binary record format: the field count, then each field's type, length and bytes.")
        out.open("init(record bytes: inout ByteBuffer, column: String) throws {")
        out.line("guard let count = bytes.readInteger(as: Int32.self), count == \(fields.count) else { throw DecodingFailure(column: column) }")
        for field in fields {
            out.line("guard let \(field.property.trimmingBackticks)Type = bytes.readInteger(as: UInt32.self), let \(field.property.trimmingBackticks)Length = bytes.readInteger(as: Int32.self) else { throw DecodingFailure(column: column) }")
            out.open("if \(field.property.trimmingBackticks)Length < 0 {")
            out.line("self.\(field.property.trimmingBackticks) = nil")
            out.reopen("} else {")
            out.line("guard var value = bytes.readSlice(length: Int(\(field.property.trimmingBackticks)Length)) else { throw DecodingFailure(column: column) }")
            out.line("self.\(field.property.trimmingBackticks) = \(fieldDecode(field.type, typeVariable: "\(field.property.trimmingBackticks)Type", column: field.column))")
            out.close("}")
        }
        out.close("}")
        out.close("}")
        out.close("}")
    }

    /// A composite field's value from `value` (a slice of its bytes).
    private func fieldDecode(_ type: SwiftType, typeVariable: String, column: String) -> String {
        switch type.coding {
        case .native:
            return "try \(type.name)(from: &value, type: PostgresDataType(\(typeVariable)), format: .binary, context: .default)"
        case .text(let isEnum):
            let text = "value.readString(length: value.readableBytes) ?? \"\""
            return isEnum ? "try \(options.namespace).label(\(type.name).self, \(text), column: \(SwiftWriter.literal(column)))" : text
        case .textArray, .composite:
            return "nil"
        }
    }

    func renderRelation(_ relation: RelationEntry, _ out: inout SwiftWriter) throws(CodegenError) {
        let name = relationTypeName(relation)
        let qualified = SQLIdentifier.qualified(relation.schema, relation.name)
        var columns: [(property: String, type: SwiftType, column: RelationColumn)] = []
        for column in relation.columns {
            let type = try mapped(column.typeOID, what: "column \(column.name) of \(qualified)")
            columns.append((Naming.lowerCamel(column.name), type, column))
        }
        out.line("")
        out.open("extension \(options.namespace) {")
        out.line("/// A row of the \(relation.isView ? "view" : "table") `\(qualified)`.")
        out.open("public struct \(name): Sendable, Equatable {")
        for column in columns {
            let optional = !column.column.notNull
            out.line("/// `\(column.column.name)`")
            out.line("public var \(column.property): \(column.type.name)\(optional ? "?" : "")")
        }
        out.line("")
        out.line("/// The SQL names of the columns, in order.")
        out.line("public static let columnNames = [\(relation.columns.map { SwiftWriter.literal($0.name) }.joined(separator: ", "))]")
        out.line("")
        out.line("/// Reads a row that has these columns by name (`SELECT * FROM \(qualified)`).")
        out.open("public init(row: PostgresRow) throws {")
        out.line("let cells = row.makeRandomAccess()")
        for column in columns {
            let optional = !column.column.notNull
            out.line("self.\(column.property.trimmingBackticks) = \(decodeExpression(column.type, optional: optional, cell: "cells[\(SwiftWriter.literal(column.column.name))]", column: column.column.name))")
        }
        out.close("}")
        if !relation.isView {
            renderInsert(relation, columns: columns, &out)
        }
        out.close("}")
        if !relation.isView {
            try renderInsertFunction(relation, name: name, columns: columns, &out)
        }
        out.close("}")
    }

    /// `public struct Insert`: required (NOT NULL without a default), `Value<T>` (a default),
    /// `T?` (nullable without a default); GENERATED ALWAYS columns left out.
    private func renderInsert(_ relation: RelationEntry, columns: [(property: String, type: SwiftType, column: RelationColumn)], _ out: inout SwiftWriter) {
        let writable = columns.filter { !$0.column.generatedAlways }
        out.line("")
        out.line("/// The values of a new row: required where the column is NOT NULL without a default,")
        out.line("/// `Value` where it has a default, optional where it may be NULL.")
        out.open("public struct Insert: Sendable {")
        var parameters: [String] = []
        for column in writable {
            let declared = insertType(column.type.name, column.column)
            out.line("public var \(column.property): \(declared.type)")
            parameters.append("\(column.property): \(declared.type)\(declared.defaultValue.map { " = \($0)" } ?? "")")
        }
        out.line("")
        out.open("public init(\(parameters.joined(separator: ", "))) {")
        for column in writable { out.line("self.\(column.property.trimmingBackticks) = \(column.property)") }
        out.close("}")
        out.close("}")
    }

    private func insertType(_ swift: String, _ column: RelationColumn) -> (type: String, defaultValue: String?) {
        if column.hasDefault || column.identityByDefault { return ("Value<\(swift)>", ".default") }
        if !column.notNull { return ("\(swift)?", "nil") }
        return (swift, nil)
    }

    private func renderInsertFunction(
        _ relation: RelationEntry, name: String, columns: [(property: String, type: SwiftType, column: RelationColumn)], _ out: inout SwiftWriter
    ) throws(CodegenError) {
        let qualified = SQLIdentifier.qualified(relation.schema, relation.name)
        out.line("")
        out.line("/// Inserts a row into `\(qualified)` and returns it as stored (defaults filled in).")
        out.line("@discardableResult")
        out.open("public func insert(_ row: \(name).Insert) async throws -> \(name) {")
        out.line("var names: [String] = []")
        out.line("var bindings = PostgresBindings()")
        for column in columns where !column.column.generatedAlways {
            let quoted = SwiftWriter.literal(SQLIdentifier.quoteIfNeeded(column.column.name))
            let kind = insertType(column.type.name, column.column)
            if kind.type.hasPrefix("Value<") {
                out.line("switch row.\(column.property.trimmingBackticks) {")
                out.line("case .default: break")
                out.line("case .null: names.append(\(quoted)); bindings.appendNull()")
                out.line("case .value(let value): names.append(\(quoted)); \(try bindStatement(column.type, value: "value", optional: false))")
                out.line("}")
            } else {
                out.line("names.append(\(quoted)); \(try bindStatement(column.type, value: "row.\(column.property.trimmingBackticks)", optional: !column.column.notNull))")
            }
        }
        out.line("let values = names.isEmpty ? \" DEFAULT VALUES\" : \" (\" + names.joined(separator: \", \") + \") VALUES (\" + (1...names.count).map { \"$\\($0)\" }.joined(separator: \", \") + \")\"")
        out.line("let sql = \(SwiftWriter.literal("INSERT INTO \(qualified)")) + values + \" RETURNING *\"")
        out.line("let rows = try await run(PostgresQuery(unsafeSQL: sql, binds: bindings), logger)")
        out.line("for try await row in rows { return try \(name)(row: row) }")
        out.line("throw DecodingFailure(column: \"*\")")
        out.close("}")
    }

    func relationTypeName(_ relation: RelationEntry) -> String {
        let base = Naming.upperCamel(relation.name)
        return relation.schema == "public" ? base : Naming.upperCamel(relation.schema) + base
    }

    func mapped(_ oid: UInt32, what: String, file: String? = nil, line: Int? = nil) throws(CodegenError) -> SwiftType {
        do {
            return try types.swiftType(oid)
        } catch {
            throw CodegenError(
                file: file, line: line, message: "\(what) has type \(error.display), which Strata cannot map to Swift yet: \(error.reason)",
                hint: "cast it in SQL (for example to text), or map the type to a type of yours with `codegen: {types: {\"\(error.display)\": MyType}}` in strata.yaml"
            )
        }
    }

    /// The expression reading `cell` as `type` (optional or required), one `try` in front.
    func decodeExpression(_ type: SwiftType, optional: Bool, cell: String, column: String) -> String {
        let namespace = options.namespace
        let columnLiteral = SwiftWriter.literal(column)
        let value: String
        switch type.coding {
        case .native:
            return "try \(cell).decode(\(type.name)\(optional ? "?" : "").self)"
        case .text(let isEnum):
            let text = "\(namespace).text(\(cell), column: \(columnLiteral))"
            value = isEnum ? "\(text).map { try \(namespace).label(\(type.name).self, $0, column: \(columnLiteral)) }" : text
        case .textArray(let isEnum):
            let elements = type.name.dropFirst().dropLast()
            let array = "\(namespace).textArray(\(cell), column: \(columnLiteral))"
            value = isEnum ? "\(array).map { try $0.map { try \(namespace).label(\(elements).self, $0, column: \(columnLiteral)) } }" : array
        case .composite:
            value = "\(cell).bytes.map { bytes in var bytes = bytes; return try \(type.name)(record: &bytes, column: \(columnLiteral)) }"
        }
        return optional ? "try " + value : "try \(namespace).required(\(value), column: \(columnLiteral))"
    }

    /// The statement binding `value` as `type`.
    func bindStatement(_ type: SwiftType, value: String, optional: Bool) throws(CodegenError) -> String {
        let namespace = options.namespace
        switch type.coding {
        case .native:
            return "try \(namespace).bind(\(value), to: &bindings)"
        case .text(let isEnum):
            if optional {
                return "try \(namespace).bind(\(value).map { \(namespace).UntypedText(text: $0\(isEnum ? ".rawValue" : "")) }, to: &bindings)"
            }
            return "try \(namespace).bind(\(namespace).UntypedText(text: \(value)\(isEnum ? ".rawValue" : "")), to: &bindings)"
        case .textArray(let isEnum):
            if optional {
                return "try \(namespace).bind(\(value).map { \(namespace).arrayLiteral($0\(isEnum ? ".map(\\.rawValue)" : "")) }, to: &bindings)"
            }
            return "try \(namespace).bind(\(namespace).arrayLiteral(\(value)\(isEnum ? ".map(\\.rawValue)" : "")), to: &bindings)"
        case .composite:
            throw CodegenError(
                file: nil, line: nil, message: "values of the composite type \(type.name) cannot be sent as parameters yet",
                hint: "pass its fields as separate parameters and build the value in SQL with ROW(…)"
            )
        }
    }
}

extension String {
    /// The name without the backticks that escape a keyword.
    var trimmingBackticks: String {
        hasPrefix("`") && hasSuffix("`") && count > 1 ? String(dropFirst().dropLast()) : self
    }
}
