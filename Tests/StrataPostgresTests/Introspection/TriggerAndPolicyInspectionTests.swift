import StrataPostgres
import StrataSchema
import Testing

@Suite("SchemaInspector: triggers and policies")
struct TriggerAndPolicyInspectionTests {
    @Test func triggersOnTablesAndViews() async throws {
        let schema = try await Inspection.schema([
            "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
            "CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$",
            "CREATE TABLE t (id int REFERENCES t (id) PRIMARY KEY, v int)",  // FK triggers are internal
            "CREATE TRIGGER a_touch BEFORE INSERT OR UPDATE OF v ON t FOR EACH ROW WHEN (NEW.v > 0) EXECUTE FUNCTION touch()",
            "CREATE TRIGGER b_audit AFTER DELETE ON t FOR EACH STATEMENT EXECUTE FUNCTION audit()",
            "CREATE TRIGGER c_replica BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch()",
            "CREATE TRIGGER d_always BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch()",
            "ALTER TABLE t DISABLE TRIGGER b_audit",
            "ALTER TABLE t ENABLE REPLICA TRIGGER c_replica",
            "ALTER TABLE t ENABLE ALWAYS TRIGGER d_always",
            "COMMENT ON TRIGGER a_touch ON t IS 'keeps it fresh'",
            "CREATE VIEW v AS SELECT id FROM t",
            "CREATE TRIGGER v_insert INSTEAD OF INSERT ON v FOR EACH ROW EXECUTE FUNCTION touch()",
        ])
        let touch = ObjectID.routine(QualifiedName("public", "touch"), arguments: "")
        #expect(try Inspection.table(schema, "public.t").triggers == [
            Trigger(
                name: "a_touch",
                definition: "CREATE TRIGGER a_touch BEFORE INSERT OR UPDATE OF v ON public.t FOR EACH ROW WHEN ((new.v > 0)) EXECUTE FUNCTION public.touch()",
                function: touch, comment: "keeps it fresh"
            ),
            Trigger(
                name: "b_audit", definition: "CREATE TRIGGER b_audit AFTER DELETE ON public.t FOR EACH STATEMENT EXECUTE FUNCTION public.audit()",
                enabled: .disabled, function: .routine(QualifiedName("public", "audit"), arguments: "")
            ),
            Trigger(
                name: "c_replica", definition: "CREATE TRIGGER c_replica BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION public.touch()",
                enabled: .replica, function: touch
            ),
            Trigger(
                name: "d_always", definition: "CREATE TRIGGER d_always BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION public.touch()",
                enabled: .always, function: touch
            ),
        ])
        #expect(try Inspection.view(schema, "public.v").triggers == [
            Trigger(
                name: "v_insert", definition: "CREATE TRIGGER v_insert INSTEAD OF INSERT ON public.v FOR EACH ROW EXECUTE FUNCTION public.touch()",
                function: touch
            ),
        ])
        #expect(schema.dependencies.contains(Dependency(from: .trigger(table: QualifiedName("public", "t"), name: "a_touch"), to: touch)))
        #expect(schema.dependencies.contains(Dependency(from: .trigger(table: QualifiedName("public", "v"), name: "v_insert"), to: touch)))
        #expect(schema.dependencies.contains(Dependency(
            from: .trigger(table: QualifiedName("public", "t"), name: "a_touch"), to: .column(table: QualifiedName("public", "t"), name: "v")
        )))
    }

    @Test func partitionCopiesOfTriggersAreSkipped() async throws {
        let schema = try await Inspection.schema([
            "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
            "CREATE TABLE p (id int) PARTITION BY LIST (id)",
            "CREATE TABLE p1 PARTITION OF p FOR VALUES IN (1)",
            "CREATE TRIGGER touch BEFORE UPDATE ON p FOR EACH ROW EXECUTE FUNCTION touch()",
            "CREATE TRIGGER own BEFORE UPDATE ON p1 FOR EACH ROW EXECUTE FUNCTION touch()",
        ])
        #expect(try Inspection.table(schema, "public.p").triggers.map(\.name) == ["touch"])
        #expect(try Inspection.table(schema, "public.p1").triggers.map(\.name) == ["own"])
    }

    @Test func policies() async throws {
        let schema = try await Inspection.schema([
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'strata_test_reader') THEN CREATE ROLE strata_test_reader; END IF; END $$",
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'strata_test_admin') THEN CREATE ROLE strata_test_admin; END IF; END $$",
            "CREATE TABLE t (id int, owner text, amount int)",
            "ALTER TABLE t ENABLE ROW LEVEL SECURITY",
            "CREATE POLICY everyone ON t USING (true)",
            "CREATE POLICY limited ON t AS RESTRICTIVE FOR UPDATE TO strata_test_reader, strata_test_admin USING (amount > 0) WITH CHECK (owner = current_user)",
            "CREATE POLICY adding ON t FOR INSERT TO PUBLIC WITH CHECK (id IS NOT NULL)",
            "CREATE POLICY reading ON t FOR SELECT USING (owner = current_user)",
            "CREATE POLICY removing ON t FOR DELETE USING (false)",
            "COMMENT ON POLICY limited ON t IS 'only positive'",
        ])
        #expect(try Inspection.table(schema, "public.t").policies == [
            Policy(name: "adding", command: .insert, withCheck: "(id IS NOT NULL)"),
            Policy(name: "everyone", using: "true"),
            Policy(
                name: "limited", command: .update, isPermissive: false, roles: ["strata_test_admin", "strata_test_reader"],
                using: "(amount > 0)", withCheck: "(owner = CURRENT_USER)", comment: "only positive"
            ),
            Policy(name: "reading", command: .select, using: "(owner = CURRENT_USER)"),
            Policy(name: "removing", command: .delete, using: "false"),
        ])
        #expect(schema.dependencies.contains(Dependency(
            from: .policy(table: QualifiedName("public", "t"), name: "limited"), to: .column(table: QualifiedName("public", "t"), name: "amount")
        )))
    }
}
