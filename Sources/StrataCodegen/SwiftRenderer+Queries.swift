extension SwiftRenderer {
    func renderQuery(_ query: DescribedQuery, _ out: inout SwiftWriter) throws(CodegenError) {
        let definition = query.definition
        let functionName = Naming.lowerCamel(definition.name)
        let rowName = Naming.upperCamel(definition.name) + "Row"
        let place = "\(definition.file):\(definition.line)"
        func where_(_ what: String) -> String { "\(what) of query \(definition.name)" }

        var parameters: [(label: String, type: SwiftType, optional: Bool)] = []
        var labels: Set<String> = []
        for parameter in query.parameters {
            let type = try mapped(parameter.typeOID, what: where_("parameter @\(parameter.name)"), file: definition.file, line: definition.line)
            var label = Naming.lowerCamel(parameter.name)
            while !labels.insert(label).inserted { label += "_" }
            parameters.append((label, type, parameter.optional))
        }
        var columns: [(property: String, type: SwiftType, column: DescribedQuery.Column)] = []
        var properties: Set<String> = []
        for column in query.columns {
            let type = try mapped(column.typeOID, what: where_("column \(column.name)"), file: definition.file, line: definition.line)
            var property = Naming.lowerCamel(column.name)
            while !properties.insert(property).inserted { property += "_" }
            columns.append((property, type, column))
        }
        let returnsRows = definition.kind == .one || definition.kind == .many
        if returnsRows && columns.isEmpty {
            throw CodegenError(
                file: definition.file, line: definition.line,
                message: "query \(definition.name) is :\(definition.kind.rawValue) but returns no columns",
                hint: "use :exec or :execrows, or add RETURNING"
            )
        }

        out.line("")
        out.open("extension \(options.namespace) {")
        if returnsRows {
            out.line("/// A row of the query \(definition.name) (\(place)).")
            out.open("public struct \(rowName): Sendable, Equatable {")
            for column in columns {
                out.line("public var \(column.property): \(column.type.name)\(column.column.optional ? "?" : "")")
            }
            out.line("")
            out.open("init(row: PostgresRow) throws {")
            out.line("let cells = row.makeRandomAccess()")
            for (index, column) in columns.enumerated() {
                out.line("self.\(column.property.trimmingBackticks) = \(decodeExpression(column.type, optional: column.column.optional, cell: "cells[\(index)]", column: column.column.name))")
            }
            out.close("}")
            out.close("}")
            out.line("")
        }
        out.line("/// The statement of \(definition.name), parameters as $1, $2, …")
        out.line("static let \(functionName.trimmingBackticks)SQL = \(SwiftWriter.literal(definition.sql))")
        out.line("")
        out.line("/// `-- name: \(definition.name) :\(definition.kind.rawValue)` (\(place))")
        let signature = parameters.map { "\($0.label): \($0.type.name)\($0.optional ? "?" : "")" }.joined(separator: ", ")
        let result: String = switch definition.kind {
        case .one: query.returnsOptionalRow ? " -> \(rowName)?" : " -> \(rowName)"
        case .many: " -> [\(rowName)]"
        case .exec: ""
        case .execrows: " -> Int"
        }
        if definition.kind == .execrows { out.line("@discardableResult") }
        let execResult = result
        out.open("public func \(functionName)(\(signature)) async throws\(execResult) {")
        out.line(parameters.isEmpty ? "let bindings = PostgresBindings()" : "var bindings = PostgresBindings(capacity: \(parameters.count))")
        for parameter in parameters {
            let statement = try bindStatement(parameter.type, value: parameter.label.trimmingBackticks, optional: parameter.optional)
            out.line(statement)
        }
        let statement = "PostgresQuery(unsafeSQL: Self.\(functionName.trimmingBackticks)SQL, binds: bindings)"
        if definition.kind == .execrows {
            out.line("return try await runCounting(\(statement), logger)")
        } else {
            out.line("let rows = try await run(\(statement), logger)")
        }
        switch definition.kind {
        case .one:
            out.line("for try await row in rows { return try \(rowName)(row: row) }")
            out.line(query.returnsOptionalRow ? "return nil" : "throw DecodingFailure(column: \"*\", value: \"no row\")")
        case .many:
            out.line("var result: [\(rowName)] = []")
            out.line("for try await row in rows { result.append(try \(rowName)(row: row)) }")
            out.line("return result")
        case .exec:
            out.line("for try await _ in rows {}")
        case .execrows:
            break
        }
        out.close("}")
        out.close("}")
    }
}
