import StrataSchema

/// Schemas built by hand for the pure tests: a small shop with every relationship shape,
/// and names that need escaping.
enum DocsFixtures {
    static func name(_ schema: String, _ name: String) -> QualifiedName { QualifiedName(schema, name) }

    static func primaryKey(_ table: String, _ columns: [String]) -> Constraint {
        Constraint(name: "\(table)_pkey", kind: .primaryKey, definition: "PRIMARY KEY (\(columns.joined(separator: ", ")))", columns: columns)
    }

    static func foreignKey(_ name: String, _ columns: [String], _ target: QualifiedName, _ targetColumns: [String]) -> Constraint {
        Constraint(
            name: name, kind: .foreignKey,
            definition: "FOREIGN KEY (\(columns.joined(separator: ", "))) REFERENCES \(target)(\(targetColumns.joined(separator: ", ")))",
            columns: columns, referencedTable: target, referencedColumns: targetColumns
        )
    }

    /// `public.users` ← `public.orders` (NOT NULL, many) ← `public.order_lines` (identifying,
    /// composite), `public.profiles` (one-to-one through a unique FK), `public.users.manager_id`
    /// (self, nullable), `audit.events` (cross-schema), a partitioned `audit.log` with two
    /// partitions, and `odd."we|ird ""name"""` with a `pk` column and a comment holding a pipe.
    static func shop() -> Schema {
        let users = Table(
            name: name("public", "users"),
            columns: [
                Column(name: "id", type: "bigint", isNotNull: true, identity: Column.Identity(generation: .always, options: SequenceOptions())),
                Column(name: "email", type: "character varying(255)", isNotNull: true),
                Column(name: "manager_id", type: "bigint"),
                Column(name: "balance", type: "numeric(10,2)", isNotNull: true, defaultExpression: "0"),
                Column(name: "created_at", type: "timestamp with time zone", isNotNull: true, defaultExpression: "now()"),
            ],
            constraints: [
                primaryKey("users", ["id"]),
                Constraint(name: "users_email_key", kind: .unique, definition: "UNIQUE (email)", columns: ["email"]),
                foreignKey("users_manager_fk", ["manager_id"], name("public", "users"), ["id"]),
            ],
            comment: "People who sign in"
        )
        let orders = Table(
            name: name("public", "orders"),
            columns: [
                Column(name: "id", type: "bigint", isNotNull: true),
                Column(name: "user_id", type: "bigint", isNotNull: true),
                Column(name: "status", type: "public.order_status", isNotNull: true, defaultExpression: "'new'::public.order_status"),
            ],
            constraints: [primaryKey("orders", ["id"]), foreignKey("orders_user_fk", ["user_id"], name("public", "users"), ["id"])],
            indexes: [Index(name: name("public", "orders_user_idx"), table: name("public", "orders"),
                            definition: "CREATE INDEX orders_user_idx ON public.orders USING btree (user_id)", columns: ["user_id"])],
            triggers: [Trigger(name: "orders_touch", definition: "CREATE TRIGGER orders_touch BEFORE UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION public.touch()")],
            policies: [Policy(name: "own_orders", command: .select, roles: ["app"], using: "(user_id = 1)")],
            rowSecurity: true
        )
        let lines = Table(
            name: name("public", "order_lines"),
            columns: [
                Column(name: "order_id", type: "bigint", isNotNull: true), Column(name: "line", type: "integer", isNotNull: true),
                Column(name: "quantity", type: "integer", isNotNull: true),
            ],
            constraints: [
                primaryKey("order_lines", ["order_id", "line"]),
                foreignKey("order_lines_order_fk", ["order_id"], name("public", "orders"), ["id"]),
                Constraint(name: "order_lines_quantity_check", kind: .check, definition: "CHECK ((quantity > 0))"),
            ]
        )
        let profiles = Table(
            name: name("public", "profiles"),
            columns: [Column(name: "user_id", type: "bigint"), Column(name: "bio", type: "text")],
            constraints: [
                Constraint(name: "profiles_user_id_key", kind: .unique, definition: "UNIQUE (user_id)", columns: ["user_id"]),
                foreignKey("profiles_user_fk", ["user_id"], name("public", "users"), ["id"]),
            ]
        )
        let events = Table(
            name: name("audit", "events"),
            columns: [Column(name: "id", type: "bigint", isNotNull: true), Column(name: "actor", type: "bigint")],
            constraints: [primaryKey("events", ["id"]), foreignKey("events_actor_fk", ["actor"], name("public", "users"), ["id"])]
        )
        let log = Table(
            name: name("audit", "log"), kind: .partitioned, partitionKey: "RANGE (at)",
            columns: [Column(name: "at", type: "timestamp with time zone", isNotNull: true), Column(name: "user_id", type: "bigint")],
            constraints: [foreignKey("log_user_fk", ["user_id"], name("public", "users"), ["id"])]
        )
        func partition(_ suffix: String, _ bound: String) -> Table {
            Table(
                name: name("audit", "log_\(suffix)"), partitionOf: Table.Partition(parent: name("audit", "log"), bound: bound),
                columns: log.columns.map { var column = $0; column.isLocal = false; return column },
                constraints: [Constraint(
                    name: "log_\(suffix)_user_fk", kind: .foreignKey, definition: "FOREIGN KEY (user_id) REFERENCES public.users(id)",
                    columns: ["user_id"], referencedTable: name("public", "users"), referencedColumns: ["id"], isLocal: false,
                    parentConstraint: "log_user_fk"
                )]
            )
        }
        let odd = Table(
            name: name("odd", "we|ird \"name\""),
            columns: [Column(name: "pk", type: "integer", isNotNull: true), Column(name: "2nd col", type: "odd.\"My Type\"")],
            constraints: [Constraint(name: "odd_pkey", kind: .primaryKey, definition: "PRIMARY KEY (pk)", columns: ["pk"])],
            comment: "A | pipe and `ticks`"
        )
        return Schema(
            namespaces: [Namespace(name: "audit", comment: "Audit trail"), Namespace(name: "odd"), Namespace(name: "public")],
            extensions: [Extension(name: "citext", schema: "public", version: "1.6")],
            enums: [EnumType(name: name("public", "order_status"), labels: ["new", "paid"])],
            domains: [DomainType(name: name("public", "positive"), baseType: "integer", constraints: [DomainType.Constraint(name: "positive_check", definition: "CHECK ((VALUE > 0))")])],
            sequences: [Sequence(name: name("public", "ticket_seq"))],
            tables: [users, orders, lines, profiles, events, log, partition("2024", "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"), partition("default", "DEFAULT"), odd],
            views: [View(name: name("public", "big_spenders"), definition: "SELECT users.id FROM public.users", columns: [View.Column(name: "id", type: "bigint")])],
            routines: [Routine(name: name("public", "touch"), arguments: "", returns: "trigger", language: "plpgsql", definition: "CREATE FUNCTION public.touch() …")],
            notCompared: [NotComparedObject(kind: "foreign table", name: "public.remote")],
            dependencies: [Dependency(from: .view(name("public", "big_spenders")), to: .table(name("public", "users")))]
        )
    }

    /// `count` tables in `schemas` schemas, each referencing the one before it.
    static func chain(_ count: Int, schemas: Int = 1) -> Schema {
        let tables = (0..<count).map { index in
            let table = name("s\(index % schemas)", "t\(index)")
            var constraints = [primaryKey("t\(index)", ["id"])]
            var columns = [Column(name: "id", type: "integer", isNotNull: true)]
            if index > 0 {
                columns.append(Column(name: "previous_id", type: "integer", isNotNull: true))
                constraints.append(foreignKey("t\(index)_previous_fk", ["previous_id"], name("s\((index - 1) % schemas)", "t\(index - 1)"), ["id"]))
            }
            return Table(name: table, columns: columns, constraints: constraints)
        }
        return Schema(namespaces: (0..<schemas).map { Namespace(name: "s\($0)") }, tables: tables)
    }
}
