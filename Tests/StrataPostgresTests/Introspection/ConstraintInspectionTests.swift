import StrataPostgres
import StrataSchema
import Testing

@Suite("SchemaInspector: constraints")
struct ConstraintInspectionTests {
    @Test func everyKind() async throws {
        let schema = try await Inspection.schema([
            "CREATE EXTENSION btree_gist",
            "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL CONSTRAINT users_email_key UNIQUE, org int, code int)",
            "ALTER TABLE users ADD CONSTRAINT org_code UNIQUE (org, code)",
            "ALTER TABLE users ADD CONSTRAINT code_later UNIQUE (code) DEFERRABLE INITIALLY IMMEDIATE",
            """
            CREATE TABLE orders (
                id int PRIMARY KEY,
                user_id bigint REFERENCES users (id) ON DELETE CASCADE ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED,
                amount numeric CONSTRAINT positive CHECK (amount > 0),
                during tstzrange,
                room int,
                EXCLUDE USING gist (room WITH =, during WITH &&)
            )
            """,
            "ALTER TABLE orders ADD CONSTRAINT small CHECK (amount < 1000) NOT VALID",
            "ALTER TABLE orders ADD CONSTRAINT org_fk FOREIGN KEY (room, id) REFERENCES users (org, code) NOT VALID",
            "COMMENT ON CONSTRAINT positive ON orders IS 'no refunds'",
        ])
        let users = QualifiedName("public", "users")
        let orders = try Inspection.table(schema, "public.orders")
        #expect(orders.constraints == [
            Constraint(
                name: "orders_pkey", kind: .primaryKey, definition: "PRIMARY KEY (id)", columns: ["id"], indexName: "orders_pkey"
            ),
            Constraint(
                name: "orders_room_during_excl", kind: .exclusion, definition: "EXCLUDE USING gist (room WITH =, during WITH &&)",
                columns: ["room", "during"], indexName: "orders_room_during_excl"
            ),
            Constraint(
                name: "orders_user_id_fkey", kind: .foreignKey,
                definition: "FOREIGN KEY (user_id) REFERENCES public.users(id) ON UPDATE SET NULL ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED",
                columns: ["user_id"], referencedTable: users, referencedColumns: ["id"], isDeferrable: true, isInitiallyDeferred: true
            ),
            Constraint(
                name: "org_fk", kind: .foreignKey, definition: "FOREIGN KEY (room, id) REFERENCES public.users(org, code) NOT VALID",
                columns: ["room", "id"], referencedTable: users, referencedColumns: ["org", "code"], isValidated: false
            ),
            Constraint(
                name: "positive", kind: .check, definition: "CHECK ((amount > (0)::numeric))", columns: ["amount"], comment: "no refunds"
            ),
            Constraint(
                name: "small", kind: .check, definition: "CHECK ((amount < (1000)::numeric)) NOT VALID", columns: ["amount"],
                isValidated: false
            ),
        ])
        let usersTable = try Inspection.table(schema, "public.users")
        #expect(usersTable.constraints.map(\.name) == ["code_later", "org_code", "users_email_key", "users_pkey"])
        #expect(usersTable.constraint("code_later") == Constraint(
            name: "code_later", kind: .unique, definition: "UNIQUE (code) DEFERRABLE", columns: ["code"],
            isDeferrable: true, indexName: "code_later"
        ))
        #expect(usersTable.constraint("org_code") == Constraint(
            name: "org_code", kind: .unique, definition: "UNIQUE (org, code)", columns: ["org", "code"], indexName: "org_code"
        ))
        // Indexes backing constraints are not listed as indexes.
        #expect(orders.indexes.isEmpty && usersTable.indexes.isEmpty)
    }

    @Test func partitionCopiesComeWithTheirParentConstraint() async throws {
        let schema = try await Inspection.schema([
            "CREATE TABLE ref (id int PRIMARY KEY)",
            "CREATE TABLE p (id int, at date, ref int REFERENCES ref, CHECK (id > 0), PRIMARY KEY (id, at)) PARTITION BY RANGE (at)",
            "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
            "ALTER TABLE p1 ADD CONSTRAINT p1_local CHECK (at > '2024-01-01')",
            // A foreign key to a partitioned table has a copy per referenced partition.
            "CREATE TABLE r (id int, at date, FOREIGN KEY (id, at) REFERENCES p)",
        ])
        let p1 = try Inspection.table(schema, "public.p1")
        // The CHECK is copied with conislocal = false but without conparentid (checks are
        // inherited by name); the key and the foreign key are copies of the parent's.
        #expect(p1.constraints.map { "\($0.name) \($0.isLocal) \($0.parentConstraint ?? "-")" }
            == ["p1_local true -", "p1_pkey false p_pkey", "p_id_check false -", "p_ref_fkey false p_ref_fkey"])
        #expect(p1.constraint("p1_pkey")?.indexName == "p1_pkey")
        let p = try Inspection.table(schema, "public.p")
        #expect(p.constraints.map(\.name) == ["p_id_check", "p_pkey", "p_ref_fkey"])
        // The copies of r's foreign key for each partition of p are internal and left out.
        let r = try Inspection.table(schema, "public.r")
        #expect(r.constraints == [
            Constraint(
                name: "r_id_at_fkey", kind: .foreignKey, definition: "FOREIGN KEY (id, at) REFERENCES public.p(id, at)",
                columns: ["id", "at"], referencedTable: QualifiedName("public", "p"), referencedColumns: ["id", "at"]
            ),
        ])
    }

    @Test func inheritedCheckIsNotLocal() async throws {
        let schema = try await Inspection.schema([
            "CREATE TABLE parent (a int CONSTRAINT a_positive CHECK (a > 0))",
            "CREATE TABLE child (b int) INHERITS (parent)",
        ])
        #expect(try Inspection.table(schema, "public.child").constraints == [
            Constraint(name: "a_positive", kind: .check, definition: "CHECK ((a > 0))", columns: ["a"], isLocal: false),
        ])
        #expect(try Inspection.table(schema, "public.parent").constraint("a_positive")?.isLocal == true)
    }
}
