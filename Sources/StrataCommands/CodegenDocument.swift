import StrataCodegen

/// `strata codegen --format json` (a contract, docs/codegen.md): every table and view and
/// every query with the PostgreSQL and Swift type and the nullability of each column and
/// parameter.
struct CodegenDocument {
    let result: CodegenResult
    let output: String
    let stale: Bool
    let checked: Bool

    init(_ result: CodegenResult, output: String, stale: Bool, checked: Bool) {
        self.result = result
        self.output = output
        self.stale = stale
        self.checked = checked
    }

    var json: String {
        let map = result.types
        func type(_ oid: UInt32) -> (JSONNode, JSONNode) {
            (.string(result.catalog.types[oid]?.display ?? "oid \(oid)"), .string((try? map.swiftType(oid))?.name ?? ""))
        }
        func member(_ name: String, _ oid: UInt32, optional: Bool) -> JSONNode {
            let (pg, swift) = type(oid)
            return .object([("name", .string(name)), ("type", pg), ("swift_type", swift), ("optional", .bool(optional))])
        }
        let tables = result.catalog.relations.sorted { ($0.schema, $0.name) < ($1.schema, $1.name) }.map { relation in
            JSONNode.object([
                ("schema", .string(relation.schema)), ("name", .string(relation.name)),
                ("kind", .string(relation.isView ? "view" : "table")),
                ("columns", .array(relation.columns.map { member($0.name, $0.typeOID, optional: !$0.notNull) })),
            ])
        }
        let queries = result.queries.map { query in
            JSONNode.object([
                ("name", .string(query.definition.name)), ("kind", .string(query.definition.kind.rawValue)),
                ("file", .string(query.definition.file)), ("line", .int(query.definition.line)),
                ("returns_optional_row", .bool(query.returnsOptionalRow)),
                ("parameters", .array(query.parameters.map { member($0.name, $0.typeOID, optional: $0.optional) })),
                ("columns", .array(query.columns.map { member($0.name, $0.typeOID, optional: $0.optional) })),
            ])
        }
        return JSONNode.object([
            ("output", .string(output)), ("stale", .bool(stale)), ("written", .bool(stale && !checked)),
            ("tables", .array(tables)), ("queries", .array(queries)),
            ("timings", .object([
                ("scratch_ms", .int(result.timings.scratchMs)), ("describe_ms", .int(result.timings.describeMs)),
                ("render_ms", .int(result.timings.renderMs)),
            ])),
        ]).text
    }
}
