import StrataPostgres
import StrataSchema
import Testing

@Suite("SchemaInspector: a large schema")
struct LargeSchemaInspectionTests {
    /// About 200 tables (2,000 columns, 120 foreign keys, 320 indexes, 8 enums, 20 views,
    /// 20 functions, 8 triggers). Prints the time; speed is measured by the benchmarks,
    /// not asserted here.
    @Test func twoHundredTables() async throws {
        try await Inspection.withSession { session in
            let statements = LargeSchema.statements(tables: 200)
            try await session.execute("BEGIN")
            try await Inspection.load(statements, into: session)
            try await session.execute("COMMIT")
            _ = try await SchemaInspector().inspect(session)  // warm the catalog caches
            let timing = TimingSession(session)
            let start = ContinuousClock.now
            let schema = try await SchemaInspector().inspect(timing)
            let elapsed = ContinuousClock.now - start
            let queryTime = await timing.queryTime
            let rows = await timing.rows
            let columns = schema.tables.reduce(0) { $0 + $1.columns.count }
            let foreignKeys = schema.tables.reduce(0) { $0 + $1.constraints.filter { $0.kind == .foreignKey }.count }
            let indexes = schema.tables.reduce(0) { $0 + $1.indexes.count + $1.constraints.filter { $0.indexName != nil }.count }
            print(
                "inspected \(schema.tables.count) tables, \(columns) columns, \(foreignKeys) foreign keys, \(indexes) indexes,",
                "\(schema.enums.count) enums, \(schema.views.count) views, \(schema.routines.count) routines,",
                "\(schema.dependencies.count) dependencies in \(elapsed): \(SchemaInspector.queryCount) queries returning",
                "\(rows) rows ran for \(queryTime), the model was built \(elapsed - queryTime) after the last rows"
            )
            #expect(schema.tables.count == 200)
            #expect(columns == 2000)
            #expect(foreignKeys == 119)
            #expect(schema.views.count == 20)
            #expect(schema.routines.count == 21)
            #expect(schema.enums.count == 8)
            #expect(schema.tables.reduce(0) { $0 + $1.triggers.count } == 8)
            #expect(schema.tables.allSatisfy { $0.comment != nil })
        }
    }
}
