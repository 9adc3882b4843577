import StrataPostgres
import StrataSchema
import Testing

@Suite("SchemaInspector: indexes")
struct IndexInspectionTests {
    @Test func partialExpressionIncludeAndMethods() async throws {
        let schema = try await Inspection.schema([
            "CREATE SCHEMA app",
            "CREATE TABLE app.t (id int, user_id int, amount numeric, body text, tags text[])",
            "CREATE INDEX t_user ON app.t (user_id DESC NULLS LAST) INCLUDE (amount) WHERE amount > 0",
            "CREATE UNIQUE INDEX t_lower ON app.t (lower(body), id)",
            "CREATE INDEX t_tags ON app.t USING gin (tags)",
            "CREATE INDEX t_body ON app.t (body text_pattern_ops)",
            "COMMENT ON INDEX app.t_tags IS 'tag search'",
        ])
        let t = try Inspection.table(schema, "app.t")
        let table = QualifiedName("app", "t")
        #expect(t.indexes == [
            Index(
                name: QualifiedName("app", "t_body"), table: table,
                definition: "CREATE INDEX t_body ON app.t USING btree (body text_pattern_ops)", columns: ["body"]
            ),
            Index(
                name: QualifiedName("app", "t_lower"), table: table,
                definition: "CREATE UNIQUE INDEX t_lower ON app.t USING btree (lower(body), id)", isUnique: true, columns: [nil, "id"]
            ),
            Index(
                name: QualifiedName("app", "t_tags"), table: table,
                definition: "CREATE INDEX t_tags ON app.t USING gin (tags)", method: "gin", columns: ["tags"], comment: "tag search"
            ),
            Index(
                name: QualifiedName("app", "t_user"), table: table,
                definition: "CREATE INDEX t_user ON app.t USING btree (user_id DESC NULLS LAST) INCLUDE (amount) WHERE (amount > (0)::numeric)",
                columns: ["user_id"], includedColumns: ["amount"]
            ),
        ])
    }

    @Test func partitionedIndexAndItsPartitionCopies() async throws {
        let schema = try await Inspection.schema([
            "CREATE TABLE p (id int, at date) PARTITION BY RANGE (at)",
            "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
            "CREATE INDEX p_at ON p (at)",
            "CREATE INDEX p1_id ON p1 (id)",
        ])
        #expect(try Inspection.table(schema, "public.p").indexes == [
            Index(
                name: QualifiedName("public", "p_at"), table: QualifiedName("public", "p"),
                definition: "CREATE INDEX p_at ON ONLY public.p USING btree (at)", columns: ["at"], isPartitioned: true
            ),
        ])
        // The partition's copy names the index it is attached to.
        #expect(try Inspection.table(schema, "public.p1").indexes.map { "\($0.name.name) \($0.parentIndex?.description ?? "-")" }
            == ["p1_at_idx public.p_at", "p1_id -"])
    }

    @Test func invalidIndexFromAFailedConcurrentBuild() async throws {
        try await Inspection.withSession { session in
            try await Inspection.load([
                "CREATE TABLE t (id int)",
                "INSERT INTO t VALUES (1), (1)",
            ], into: session)
            await #expect(throws: DatabaseError.self) {
                try await session.execute("CREATE UNIQUE INDEX CONCURRENTLY t_id ON t (id)")
            }
            let schema = try await SchemaInspector().inspect(session)
            let index = try #require(try Inspection.table(schema, "public.t").index("t_id"))
            #expect(!index.isValid)
            #expect(index.isUnique)
        }
    }

    @Test func materializedViewIndexesBelongToTheView() async throws {
        let schema = try await Inspection.schema([
            "CREATE TABLE t (id int)",
            "CREATE MATERIALIZED VIEW mv AS SELECT id FROM t",
            "CREATE UNIQUE INDEX mv_id ON mv (id)",
        ])
        let view = try Inspection.view(schema, "public.mv")
        #expect(view.indexes == [
            Index(
                name: QualifiedName("public", "mv_id"), table: QualifiedName("public", "mv"),
                definition: "CREATE UNIQUE INDEX mv_id ON public.mv USING btree (id)", isUnique: true, columns: ["id"]
            ),
        ])
        #expect(try Inspection.table(schema, "public.t").indexes.isEmpty)
    }
}
