import StrataSQL
import StrataSchema

/// What hazard derivation needs to know beyond the change itself.
struct HazardContext {
    /// Tables that exist in the source and keep their data through the plan.
    var existingTables: Set<QualifiedName>
    /// The table (or materialized view) of each source index, for `DROP INDEX`.
    var indexTables: [QualifiedName: QualifiedName]
    /// Temporary names of types being rebuilt; dropping them loses nothing.
    var temporaryTypes: Set<QualifiedName>
    /// How volatile target functions are spelled in expressions (`public.f(`).
    var volatileRoutineCalls: [String]

    init(builder: PlanBuilder) {
        existingTables = Set(builder.source.tables.keys.filter { builder.isExistingTable($0) })
        var indexTables: [QualifiedName: QualifiedName] = [:]
        for (name, index) in builder.source.indexes { indexTables[name] = index.table }
        self.indexTables = indexTables
        temporaryTypes = Set(builder.rebuiltTypes.map { QualifiedName($0.key.schema, $0.value) })
        volatileRoutineCalls = builder.target.schema.routines.filter { routine in
            !routine.definition.contains(" IMMUTABLE") && !routine.definition.contains(" STABLE")
        }.map { SQLIdentifier.qualified($0.name.schema, $0.name.name) + "(" }
    }

    /// Built-in functions whose result differs per row: a default calling one makes
    /// `ADD COLUMN` rewrite the table.
    static let volatileBuiltins = [
        "nextval(", "random(", "clock_timestamp(", "timeofday(", "gen_random_uuid(", "uuid_generate_v1(",
        "uuid_generate_v1mc(", "uuid_generate_v4(", "txid_current(", "currval(", "setval(",
    ]

    func isVolatile(_ expression: String) -> Bool {
        (Self.volatileBuiltins + volatileRoutineCalls).contains { expression.contains($0) }
    }
}
