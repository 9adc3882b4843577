import StrataSchema
import Testing
import Yams
@testable import StrataModels

@Suite struct ModelImporterTests {
    // MARK: A schema with one of everything

    static let functionDefinition = """
        CREATE OR REPLACE FUNCTION public.touch_updated_at()
         RETURNS trigger
         LANGUAGE plpgsql
        AS $function$
        BEGIN NEW.updated_at := now(); RETURN NEW; END $function$

        """

    static let schema = Schema(
        namespaces: [
            Namespace(name: "public"), Namespace(name: "auth", comment: "Authentication"), Namespace(name: "audit"),
        ],
        extensions: [Extension(name: "pgcrypto", schema: "public", version: "1.3")],
        collations: [Collation(name: QualifiedName("public", "german"), provider: "i", locale: "de", ctype: "de")],
        enums: [
            EnumType(name: QualifiedName("public", "order_status"), labels: ["pending", "paid", "shipped"]),
            EnumType(name: QualifiedName("auth", "role"), labels: ["admin", "yes"], comment: "Who may do what"),
        ],
        domains: [
            DomainType(
                name: QualifiedName("public", "email"), baseType: "text", isNotNull: true,
                constraints: [DomainType.Constraint(name: "email_format", definition: "CHECK ((VALUE ~ '^[^@]+@[^@]+$'::text))")],
                comment: "An e-mail address"
            ),
            DomainType(
                name: QualifiedName("public", "positive"), baseType: "integer", defaultExpression: "1",
                constraints: [DomainType.Constraint(name: "positive_check", definition: "CHECK ((VALUE > 0)) NOT VALID")]
            ),
        ],
        compositeTypes: [CompositeType(name: QualifiedName("public", "pair"), attributes: [.init(name: "a", type: "integer")])],
        sequences: [
            Sequence(name: QualifiedName("public", "counter"), options: SequenceOptions(dataType: "smallint", maxValue: 32767)),
            Sequence(
                name: QualifiedName("public", "invoice_number"), options: SequenceOptions(start: 1000, minValue: 1000, cache: 20),
                ownedBy: Sequence.Owner(table: QualifiedName("public", "invoices"), column: "number")
            ),
        ],
        tables: [
            Table(
                name: QualifiedName("auth", "users"),
                columns: [
                    Column(name: "id", type: "uuid", isNotNull: true, defaultExpression: "gen_random_uuid()"),
                    Column(name: "email", type: "public.email", isNotNull: true),
                    Column(name: "nickname", type: "text"),
                    Column(name: "name", type: "text", isNotNull: true, collation: QualifiedName("pg_catalog", "C"), comment: "Shown to others"),
                    Column(name: "roles", type: "auth.role[]", isNotNull: true),
                    Column(
                        name: "seq", type: "bigint", isNotNull: true,
                        identity: Column.Identity(generation: .always, options: SequenceOptions())
                    ),
                    Column(name: "created_at", type: "timestamp with time zone", isNotNull: true, defaultExpression: "now()"),
                ],
                constraints: [
                    Constraint(name: "users_pkey", kind: .primaryKey, definition: "PRIMARY KEY (id)", columns: ["id"]),
                    Constraint(name: "users_email_key", kind: .unique, definition: "UNIQUE (email)", columns: ["email"]),
                ],
                indexes: [
                    Index(
                        name: QualifiedName("auth", "users_lower_email_idx"), table: QualifiedName("auth", "users"),
                        definition: "CREATE UNIQUE INDEX users_lower_email_idx ON auth.users USING btree (lower((email)::text), created_at DESC) INCLUDE (nickname, \"Name\") WHERE (nickname IS NOT NULL)",
                        isUnique: true, columns: [nil, "created_at"], comment: "Case-insensitive e-mail"
                    ),
                    Index(
                        name: QualifiedName("auth", "users_roles_idx"), table: QualifiedName("auth", "users"),
                        definition: "CREATE INDEX users_roles_idx ON auth.users USING gin (roles)", method: "gin", columns: ["roles"]
                    ),
                    Index(
                        name: QualifiedName("auth", "users_seq_idx"), table: QualifiedName("auth", "users"),
                        definition: "CREATE INDEX users_seq_idx ON auth.users USING btree (seq) WITH (fillfactor='70')", columns: ["seq"]
                    ),
                ],
                triggers: [
                    Trigger(name: "users_audit", definition: "CREATE TRIGGER users_audit AFTER INSERT ON auth.users FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at()", enabled: .disabled),
                    Trigger(name: "users_touch", definition: "CREATE TRIGGER users_touch BEFORE UPDATE ON auth.users FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at()"),
                ],
                policies: [
                    Policy(name: "users_self", command: .select, using: "(id = (current_setting('app.user_id'::text))::uuid)"),
                    Policy(name: "users_admin", isPermissive: false, roles: ["admin", "support"], withCheck: "true"),
                ],
                rowSecurity: true, forceRowSecurity: true, comment: "People who sign in"
            ),
            Table(
                name: QualifiedName("public", "orders"),
                columns: [
                    Column(
                        name: "id", type: "bigint", isNotNull: true,
                        identity: Column.Identity(generation: .byDefault, options: SequenceOptions(start: 100, minValue: 1))
                    ),
                    Column(name: "customer_id", type: "uuid"),
                    Column(name: "status", type: "public.order_status", isNotNull: true, defaultExpression: "'pending'::public.order_status"),
                    Column(name: "total", type: "numeric(10,2)", isNotNull: true),
                    Column(name: "doubled", type: "numeric", generatedExpression: "(total * (2)::numeric)"),
                ],
                constraints: [
                    Constraint(name: "orders_pkey", kind: .primaryKey, definition: "PRIMARY KEY (id)", columns: ["id"], comment: "The key"),
                    Constraint(name: "orders_id_positive", kind: .check, definition: "CHECK ((id > 0)) NOT VALID", isValidated: false),
                    Constraint(name: "orders_total_check", kind: .check, definition: "CHECK ((total >= (0)::numeric))"),
                    Constraint(
                        name: "orders_customer_fk", kind: .foreignKey,
                        definition: "FOREIGN KEY (customer_id) REFERENCES auth.users(id) ON UPDATE SET NULL ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED",
                        columns: ["customer_id"], referencedTable: QualifiedName("auth", "users"), referencedColumns: ["id"],
                        isDeferrable: true, isInitiallyDeferred: true
                    ),
                ],
                options: ["fillfactor=70"]
            ),
            Table(
                name: QualifiedName("public", "order_lines"), isUnlogged: true,
                columns: [
                    Column(name: "order_id", type: "bigint", isNotNull: true),
                    Column(name: "line", type: "integer", isNotNull: true),
                    Column(name: "sku", type: "text"),
                    Column(name: "period", type: "tstzrange"),
                ],
                constraints: [
                    Constraint(name: "order_lines_pkey", kind: .primaryKey, definition: "PRIMARY KEY (order_id, line)", columns: ["order_id", "line"]),
                    Constraint(name: "order_lines_sku_key", kind: .unique, definition: "UNIQUE NULLS NOT DISTINCT (order_id, sku)", columns: ["order_id", "sku"]),
                    Constraint(
                        name: "order_lines_order_fk", kind: .foreignKey,
                        definition: "FOREIGN KEY (order_id, line) REFERENCES public.order_lines(order_id, line) MATCH FULL NOT VALID",
                        columns: ["order_id", "line"], referencedTable: QualifiedName("public", "order_lines"),
                        referencedColumns: ["order_id", "line"], isValidated: false
                    ),
                    Constraint(name: "order_lines_no_overlap", kind: .exclusion, definition: "EXCLUDE USING gist (order_id WITH =, period WITH &&)"),
                    Constraint(name: "order_lines_deferred_key", kind: .unique, definition: "UNIQUE (sku) DEFERRABLE", columns: ["sku"], isDeferrable: true),
                ]
            ),
            Table(
                name: QualifiedName("public", "invoices"),
                columns: [Column(name: "number", type: "bigint", isNotNull: true, defaultExpression: "nextval('public.invoice_number'::regclass)")]
            ),
            Table(
                name: QualifiedName("public", "events"), kind: .partitioned, partitionKey: "RANGE (created_at)",
                columns: [Column(name: "created_at", type: "date", isNotNull: true), Column(name: "payload", type: "jsonb")],
                constraints: [Constraint(name: "events_payload_check", kind: .check, definition: "CHECK ((payload IS NOT NULL))")]
            ),
            Table(
                name: QualifiedName("public", "events_2024"),
                partitionOf: Table.Partition(parent: QualifiedName("public", "events"), bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"),
                columns: [
                    Column(name: "created_at", type: "date", isNotNull: true, isLocal: false),
                    Column(name: "payload", type: "jsonb", isLocal: false),
                ],
                constraints: [Constraint(name: "events_payload_check", kind: .check, definition: "CHECK ((payload IS NOT NULL))", isLocal: false)]
            ),
        ],
        views: [
            View(name: QualifiedName("public", "recent_orders"), definition: "SELECT a.id\n   FROM public.all_orders a\n  WHERE (a.id > 10)"),
            View(name: QualifiedName("public", "all_orders"), definition: "SELECT orders.id FROM public.orders"),
            View(
                name: QualifiedName("public", "order_totals"), definition: "SELECT sum(orders.total) AS total FROM public.orders",
                columns: [View.Column(name: "total", type: "numeric", comment: "Sum")], options: ["security_barrier=true"],
                comment: "Totals"
            ),
            View(
                name: QualifiedName("public", "daily_orders"), isMaterialized: true,
                definition: "SELECT date_trunc('day'::text, now()) AS day",
                indexes: [Index(
                    name: QualifiedName("public", "daily_orders_day_idx"), table: QualifiedName("public", "daily_orders"),
                    definition: "CREATE UNIQUE INDEX daily_orders_day_idx ON public.daily_orders USING btree (day)", isUnique: true, columns: ["day"]
                )]
            ),
        ],
        routines: [
            Routine(name: QualifiedName("public", "touch_updated_at"), arguments: "", returns: "trigger", language: "plpgsql", definition: functionDefinition),
            Routine(name: QualifiedName("public", "area"), arguments: "r integer", definition: "CREATE OR REPLACE FUNCTION public.area(r integer)\n RETURNS integer\n LANGUAGE sql\nAS $function$SELECT r * r$function$\n"),
            Routine(name: QualifiedName("public", "area"), arguments: "s text", definition: "CREATE OR REPLACE FUNCTION public.area(s text)\n RETURNS integer\n LANGUAGE sql\nAS $function$SELECT length(s)$function$\n"),
            Routine(name: QualifiedName("auth", "archive"), arguments: "", kind: .procedure, definition: "CREATE OR REPLACE PROCEDURE auth.archive()\n LANGUAGE sql\nAS $procedure$SELECT 1$procedure$\n", comment: "Moves old rows"),
        ],
        dependencies: [
            Dependency(from: .view(QualifiedName("public", "recent_orders")), to: .view(QualifiedName("public", "all_orders"))),
        ]
    )

    static func imported() -> ImportedModels { ModelImporter().importSchema(schema) }

    /// The file at `path`, read back as plain values.
    static func load(_ path: String, in models: ImportedModels = imported()) throws -> [String: Any] {
        let file = try #require(models.file(path), "no file \(path) in \(models.files.map(\.path))")
        return try #require(try Yams.load(yaml: file.text) as? [String: Any])
    }

    static func table(_ key: String, file: String) throws -> [String: Any] {
        let tables = try #require(try load(file)["tables"] as? [String: Any])
        return try #require(tables[key] as? [String: Any])
    }

    // MARK: Files

    @Test func writesOneFilePerTableAndOneFilePerTopic() {
        #expect(Self.imported().files.map(\.path) == [
            "schemas.yaml", "extensions.yaml", "types.yaml", "sequences.yaml", "functions.yaml",
            "tables/auth.users.yaml", "tables/events.yaml", "tables/events_2024.yaml", "tables/invoices.yaml",
            "tables/order_lines.yaml", "tables/orders.yaml", "views.yaml",
        ])
    }

    @Test func isDeterministicWhateverTheOrderOfTheSchemaLists() {
        var shuffled = Self.schema
        shuffled.tables.reverse()
        shuffled.views.reverse()
        shuffled.routines.reverse()
        shuffled.namespaces.reverse()
        for index in shuffled.tables.indices { shuffled.tables[index].constraints.reverse() }
        let first = Self.imported()
        #expect(first == ModelImporter().importSchema(Self.schema))
        #expect(first == ModelImporter().importSchema(shuffled))
    }

    @Test func listsWhatTheFormatCannotExpress() {
        #expect(Self.imported().skipped == [
            "index auth.users_seq_idx: index storage parameters WITH (fillfactor='70') are not in the model format",
            "trigger auth.users.users_audit: a disabled trigger is not in the model format",
            "comment on column public.order_totals.total: comments on view columns are not in the model format",
            "composite type public.pair: composite types are not in the model format",
            "collation public.german: collations are not in the model format",
        ])
    }

    // MARK: Schemas, extensions, types, sequences

    @Test func declaresEveryNonPublicSchemaAndExtensionsWithTheirSchema() throws {
        let schemas = try #require(try Self.load("schemas.yaml")["schemas"] as? [String: Any])
        #expect(Set(schemas.keys) == ["audit", "auth"])
        #expect((schemas["auth"] as? [String: Any])?["comment"] as? String == "Authentication")
        #expect((schemas["audit"] as? [String: Any])?.isEmpty == true)
        let extensions = try #require(try Self.load("extensions.yaml")["extensions"] as? [String: [String: String]])
        #expect(extensions == ["pgcrypto": ["schema": "public", "version": "1.3"]])
    }

    @Test func writesEnumsAndDomains() throws {
        let types = try Self.load("types.yaml")
        let enums = try #require(types["enums"] as? [String: Any])
        #expect(enums["order_status"] as? [String] == ["pending", "paid", "shipped"])
        let role = try #require(enums["auth.role"] as? [String: Any])
        #expect(role["values"] as? [String] == ["admin", "yes"], "a label that reads as a boolean stays a string")
        #expect(role["comment"] as? String == "Who may do what")

        let domains = try #require(types["domains"] as? [String: [String: Any]])
        let email = try #require(domains["email"])
        #expect(email["type"] as? String == "text")
        #expect(email["not_null"] as? Bool == true)
        #expect(email["checks"] as? [String: String] == ["email_format": "(VALUE ~ '^[^@]+@[^@]+$'::text)"])
        #expect(email["comment"] as? String == "An e-mail address")
        let positive = try #require(domains["positive"])
        #expect(positive["not_null"] == nil)
        #expect(positive["default_sql"] as? String == "1", "an SQL default stays text, not a number")
        let check = try #require((positive["checks"] as? [String: Any])?["positive_check"] as? [String: Any])
        #expect(check["expression"] as? String == "(VALUE > 0)")
        #expect(check["not_valid"] as? Bool == true)
    }

    @Test func writesSequencesWithOptionsThatDifferFromTheDefaults() throws {
        let sequences = try #require(try Self.load("sequences.yaml")["sequences"] as? [String: [String: Any]])
        #expect(sequences["counter"]?.count == 1)
        #expect(sequences["counter"]?["type"] as? String == "smallint")
        let invoice = try #require(sequences["invoice_number"])
        #expect(invoice["min_value"] as? Int == 1000)
        #expect(invoice["start"] == nil, "START defaults to MINVALUE")
        #expect(invoice["cache"] as? Int == 20)
        #expect(invoice["owned_by"] as? String == "invoices.number")
        #expect(invoice["type"] == nil)
    }

    // MARK: Tables

    @Test func writesColumnsInOrderInTheShortFormWhenTheyAreOnlyATypeAndNullability() throws {
        let file = try #require(Self.imported().file("tables/auth.users.yaml"))
        let root = try #require(try Yams.compose(yaml: file.text))
        let columns = try #require(root["tables"]?["auth.users"]?["columns"]?.mapping)
        #expect(columns.keys.compactMap(\.string) == ["id", "email", "nickname", "name", "roles", "seq", "created_at"])

        let users = try Self.table("auth.users", file: "tables/auth.users.yaml")
        let values = try #require(users["columns"] as? [String: Any])
        #expect(values["email"] as? String == "email", "public. is dropped from types")
        #expect(values["nickname"] as? String == "text?")
        #expect(values["roles"] as? String == "auth.role[]")
        #expect(values["id"] as? [String: String] == ["type": "uuid", "default_sql": "gen_random_uuid()"])
        #expect(values["name"] as? [String: String] == ["type": "text", "collation": "C", "comment": "Shown to others"])
        #expect(values["seq"] as? [String: String] == ["type": "bigint", "identity": "always"])
        #expect(values["created_at"] as? [String: String] == ["type": "timestamp with time zone", "default_sql": "now()"])
    }

    @Test func writesIdentityOptionsAndGeneratedColumnsInTheLongForm() throws {
        let columns = try #require(try Self.table("orders", file: "tables/orders.yaml")["columns"] as? [String: Any])
        let id = try #require(columns["id"] as? [String: Any])
        #expect(Plain(id["identity"]) == ["generation": "by_default", "start": 100])
        #expect(columns["status"] as? [String: String] == ["type": "order_status", "default": "pending"])
        #expect(Plain(columns["doubled"]) == ["type": "numeric", "nullable": true, "generated": "(total * (2)::numeric)"])
    }

    @Test func namesEveryConstraint() throws {
        let users = try Self.table("auth.users", file: "tables/auth.users.yaml")
        #expect(Plain(users["primary_key"]) == ["columns": ["id"], "name": "users_pkey"])
        #expect(Plain(users["unique"]) == [["columns": ["email"], "name": "users_email_key"]])

        let orders = try Self.table("orders", file: "tables/orders.yaml")
        #expect(Plain(orders["primary_key"]) == ["columns": ["id"], "name": "orders_pkey", "comment": "The key"])
        let checks = try #require(orders["checks"] as? [String: Any])
        #expect(checks["orders_total_check"] as? String == "(total >= (0)::numeric)")
        #expect(Plain(checks["orders_id_positive"]) == ["expression": "(id > 0)", "not_valid": true])
        #expect(Plain(orders["foreign_keys"]) == [[
            "columns": ["customer_id"], "references": "auth.users(id)", "on_delete": "cascade", "on_update": "set null",
            "deferrable": true, "initially_deferred": true, "name": "orders_customer_fk",
        ]])
        #expect(orders["options"] as? [String] == ["fillfactor=70"])
    }

    @Test func writesCompositeKeysMatchFullAndExclusions() throws {
        let lines = try Self.table("order_lines", file: "tables/order_lines.yaml")
        #expect(lines["unlogged"] as? Bool == true)
        #expect(Plain(lines["primary_key"]) == ["columns": ["order_id", "line"], "name": "order_lines_pkey"])
        #expect(Plain(lines["unique"]) == [
            ["columns": ["sku"], "name": "order_lines_deferred_key", "deferrable": true],
            ["columns": ["order_id", "sku"], "name": "order_lines_sku_key", "nulls_not_distinct": true],
        ])
        #expect(Plain(lines["foreign_keys"]) == [[
            "columns": ["order_id", "line"], "references": "order_lines(order_id, line)", "match": "full", "not_valid": true,
            "name": "order_lines_order_fk",
        ]])
        #expect(lines["exclusions"] as? [String: String] == ["order_lines_no_overlap": "USING gist (order_id WITH =, period WITH &&)"])
    }

    @Test func writesIndexesInTheLongFormWithTheirNames() throws {
        let indexes = try Self.table("auth.users", file: "tables/auth.users.yaml")["indexes"]
        #expect(Plain(indexes) == [
            [
                "name": "users_lower_email_idx", "columns": ["lower((email)::text)", "created_at DESC"], "unique": true,
                "include": ["nickname", "Name"], "where": "(nickname IS NOT NULL)", "comment": "Case-insensitive e-mail",
            ],
            ["name": "users_roles_idx", "columns": ["roles"], "method": "gin"],
        ])
    }

    @Test func writesTriggersPoliciesAndRowLevelSecurity() throws {
        let users = try Self.table("auth.users", file: "tables/auth.users.yaml")
        #expect(users["triggers"] as? [String: String] == [
            "users_touch": "CREATE TRIGGER users_touch BEFORE UPDATE ON auth.users FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at()",
        ])
        #expect(users["row_level_security"] as? [String: Bool] == ["enabled": true, "force": true])
        #expect(Plain(users["policies"]) == [
            "users_self": ["for": "select", "using": "(id = (current_setting('app.user_id'::text))::uuid)"],
            "users_admin": ["to": ["admin", "support"], "with_check": "true", "restrictive": true],
        ])
        #expect(users["comment"] as? String == "People who sign in")
    }

    @Test func leavesInheritedColumnsAndConstraintsToTheParent() throws {
        let events = try Self.table("events", file: "tables/events.yaml")
        #expect(events["partition_by"] as? String == "RANGE (created_at)")
        #expect((events["checks"] as? [String: String])?.keys.sorted() == ["events_payload_check"])
        let partition = try Self.table("events_2024", file: "tables/events_2024.yaml")
        #expect(partition.count == 1)
        #expect(partition["partition_of"] as? [String: String] == [
            "table": "events", "bound": "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
        ])
    }

    // MARK: Views and functions

    @Test func writesViewsAfterTheViewsTheyRead() throws {
        let file = try #require(Self.imported().file("views.yaml"))
        let root = try #require(try Yams.compose(yaml: file.text))
        #expect(root["views"]?.mapping?.keys.compactMap(\.string) == ["all_orders", "order_totals", "recent_orders"])
        #expect(file.text.contains("recent_orders: |-\n"), "a query over several lines is a literal block")

        let views = try #require(try Self.load("views.yaml")["views"] as? [String: Any])
        #expect(views["recent_orders"] as? String == "SELECT a.id\n   FROM public.all_orders a\n  WHERE (a.id > 10)")
        #expect(Plain(views["order_totals"]) == [
            "query": "SELECT sum(orders.total) AS total FROM public.orders", "options": ["security_barrier=true"], "comment": "Totals",
        ])
        #expect(Plain(try Self.load("views.yaml")["materialized_views"]) == [
            "daily_orders": [
                "query": "SELECT date_trunc('day'::text, now()) AS day",
                "indexes": [["name": "daily_orders_day_idx", "columns": ["day"], "unique": true]],
            ],
        ])
    }

    @Test func labelsFunctionsByNameAndOverloadsByArguments() throws {
        let file = try #require(Self.imported().file("functions.yaml"))
        let functions = try #require(try Self.load("functions.yaml")["functions"] as? [String: Any])
        #expect(Set(functions.keys) == ["area(r integer)", "area(s text)", "touch_updated_at", "auth.archive"])
        #expect(functions["touch_updated_at"] as? String == Self.functionDefinition, "the definition round-trips exactly")
        #expect(file.text.contains("touch_updated_at: |\n"))
        let archive = try #require(functions["auth.archive"] as? [String: String])
        #expect(archive["comment"] == "Moves old rows")
        #expect(archive["sql"]?.hasPrefix("CREATE OR REPLACE PROCEDURE auth.archive()") == true)
    }

    // MARK: Edge cases

    @Test func quotesTextThatWouldReadAsAnotherType() throws {
        let schema = Schema(tables: [Table(
            name: QualifiedName("public", "t"),
            columns: [
                Column(name: "true", type: "integer", isNotNull: true, defaultExpression: "0", comment: "null"),
                Column(name: "flag", type: "boolean", defaultExpression: "true", comment: "line one\r\nline two"),
                Column(name: "tabbed", type: "text", comment: "a\tb\nc  \nd"),
            ]
        )])
        let models = ModelImporter().importSchema(schema)
        let tables = try #require(try Self.load("tables/t.yaml", in: models)["tables"] as? [String: [String: Any]])
        let columns = try #require(tables["t"]?["columns"] as? [String: [String: Any]])
        #expect(columns["true"] as? [String: String] == ["type": "integer", "default_sql": "0", "comment": "null"])
        #expect(columns["flag"]?["nullable"] as? Bool == true)
        #expect(columns["flag"]?["default_sql"] as? String == "true")
        #expect(columns["flag"]?["comment"] as? String == "line one\r\nline two")
        #expect(columns["tabbed"]?["comment"] as? String == "a\tb\nc  \nd")
    }

    @Test func skipsNamesAModelKeyCannotHoldAndKeepsFileNamesDistinct() throws {
        let schema = Schema(tables: [
            Table(name: QualifiedName("public", "a.b"), columns: [Column(name: "x", type: "integer")]),
            Table(name: QualifiedName("public", "Users"), columns: [Column(name: "x", type: "integer")]),
            Table(name: QualifiedName("public", "users"), columns: [Column(name: "x", type: "integer")]),
            Table(name: QualifiedName("public", "x/y"), columns: [Column(name: "x", type: "integer")]),
        ])
        let models = ModelImporter().importSchema(schema)
        #expect(models.files.map(\.path) == ["tables/Users.yaml", "tables/users-2.yaml", "tables/x_y.yaml"])
        #expect(models.skipped == ["table public.a.b: a name with a dot cannot be a model key"])
        let tables = try #require(try Self.load("tables/x_y.yaml", in: models)["tables"] as? [String: Any])
        #expect(Set(tables.keys) == ["x/y"])
    }

    @Test func writesTheRarerForms() throws {
        let tabbed = "CREATE OR REPLACE FUNCTION public.f()\n RETURNS integer\n LANGUAGE plpgsql\nAS $function$\nBEGIN\n\tRETURN 1; \nEND$function$\n"
        let schema = Schema(
            namespaces: [Namespace(name: "public", comment: "Ours")],
            sequences: [Sequence(
                name: QualifiedName("public", "down"),
                options: SequenceOptions(dataType: "integer", start: -1, increment: -1, minValue: Int64(Int32.min), maxValue: -1)
            )],
            tables: [
                Table(name: QualifiedName("public", "empty")),
                Table(
                    name: QualifiedName("public", "child"), inherits: [QualifiedName("auth", "parent")],
                    columns: [Column(name: "id", type: "integer", isNotNull: true, isLocal: false)], rowSecurity: true
                ),
            ],
            views: [
                View(
                    name: QualifiedName("public", "v"), definition: "SELECT 1 AS one",
                    triggers: [Trigger(name: "v_insert", definition: "CREATE TRIGGER v_insert INSTEAD OF INSERT ON public.v FOR EACH ROW EXECUTE FUNCTION public.f()", comment: "Writes through")]
                ),
                View(name: QualifiedName("public", "m"), isMaterialized: true, definition: "SELECT 1 AS one", isPopulated: false),
            ],
            routines: [Routine(name: QualifiedName("public", "f"), arguments: "", definition: tabbed)]
        )
        let models = ModelImporter().importSchema(schema)
        #expect(Plain(try Self.load("schemas.yaml", in: models)) == ["schemas": ["public": ["comment": "Ours"]]])
        #expect(Plain(try Self.load("sequences.yaml", in: models)) == ["sequences": ["down": ["type": "integer", "increment": -1]]])
        #expect(Plain(try Self.load("tables/empty.yaml", in: models)) == ["tables": ["empty": ["columns": [:]]]])
        #expect(Plain(try Self.load("tables/child.yaml", in: models)) == ["tables": ["child": ["inherits": ["auth.parent"], "row_level_security": true]]])
        #expect(Plain(try Self.load("views.yaml", in: models)) == [
            "views": ["v": [
                "query": "SELECT 1 AS one",
                "triggers": ["v_insert": [
                    "sql": "CREATE TRIGGER v_insert INSTEAD OF INSERT ON public.v FOR EACH ROW EXECUTE FUNCTION public.f()", "comment": "Writes through",
                ]],
            ]],
            "materialized_views": ["m": ["query": "SELECT 1 AS one", "with_data": false]],
        ])
        #expect(Plain(try Self.load("functions.yaml", in: models)) == ["functions": ["f": .string(tabbed)]], "a tab or trailing space falls back to double quotes")
        #expect(models.skipped.isEmpty, "WITH NO DATA is written as with_data: false: \(models.skipped)")
    }

    @Test func importsAnEmptySchemaAsNoFiles() {
        #expect(ModelImporter().importSchema(Schema(namespaces: [Namespace(name: "public")])) == ImportedModels())
    }
}

@Suite struct ImportedDefinitionTests {
    @Test func readsIndexDefinitionsWithQuotesAndNestedParentheses() throws {
        let index = try IndexDefinition(parsing: #"CREATE INDEX "odd, name" ON public."T (x)" USING btree ("Col", (COALESCE(a, 'x,)'::text)), f((b + 1)) DESC NULLS LAST) WHERE (c = 'USING (')"#)
        #expect(index.keys == [#""Col""#, "(COALESCE(a, 'x,)'::text))", "f((b + 1)) DESC NULLS LAST"])
        #expect(index.method == "btree")
        #expect(!index.isUnique)
        #expect(index.whereClause == "(c = 'USING (')")
    }

    @Test func refusesIndexClausesTheFormatHasNoKeyFor() {
        #expect(throws: ImportGap.self) { try IndexDefinition(parsing: "CREATE UNIQUE INDEX i ON public.t USING btree (a) NULLS NOT DISTINCT") }
        #expect(throws: ImportGap.self) { try IndexDefinition(parsing: "CREATE INDEX i ON ONLY public.t USING btree (a)") }
        #expect(throws: ImportGap.self) { try IndexDefinition(parsing: "CREATE INDEX i ON public.t USING btree (a") }
    }

    @Test func readsChecksAndRefusesNoInherit() throws {
        let check = try CheckDefinition(parsing: "CHECK (((a > 0) AND (b <> ')'::text))) NOT VALID")
        #expect(check.expression == "((a > 0) AND (b <> ')'::text))")
        #expect(check.notValid)
        #expect(throws: ImportGap("a NO INHERIT check is not in the model format")) { try CheckDefinition(parsing: "CHECK ((a > 0)) NO INHERIT") }
    }

    @Test func readsForeignKeysWithoutIntrospectedColumns() throws {
        let constraint = Constraint(
            name: "fk", kind: .foreignKey, definition: #"FOREIGN KEY ("A", b) REFERENCES "My Schema"."T"(x, "Y") ON DELETE SET DEFAULT"#
        )
        let foreignKey = try ForeignKeyDefinition(parsing: constraint)
        #expect(foreignKey.columns == ["A", "b"])
        #expect(foreignKey.table == QualifiedName("My Schema", "T"))
        #expect(foreignKey.referencedColumns == ["x", "Y"])
        #expect(foreignKey.onDelete == "set default")
        #expect(foreignKey.onUpdate == nil)
        let subset = Constraint(name: "fk", kind: .foreignKey, definition: "FOREIGN KEY (a, b) REFERENCES public.t(a, b) ON DELETE SET NULL (b)")
        #expect(throws: ImportGap.self) { try ForeignKeyDefinition(parsing: subset) }
    }
}

/// A YAML value read back with `Yams.load`, comparable with literals.
enum Plain: Hashable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    case string(String), bool(Bool), int(Int), list([Plain]), map([String: Plain]), other(String)

    init(_ value: Any?) {
        switch value {
        case let string as String: self = .string(string)
        case let bool as Bool: self = .bool(bool)
        case let int as Int: self = .int(int)
        case let list as [Any]: self = .list(list.map { Plain($0) })
        case let map as [String: Any]: self = .map(map.mapValues { Plain($0) })
        default: self = .other(String(describing: value))
        }
    }

    init(stringLiteral value: String) { self = .string(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(arrayLiteral elements: Plain...) { self = .list(elements) }
    init(dictionaryLiteral elements: (String, Plain)...) { self = .map(Dictionary(uniqueKeysWithValues: elements)) }

}

extension ModelImporterTests {
    @Test func stringDefaultsCastToTheColumnsTypeBecomeLiterals() {
        #expect(SchemaImport.stringLiteral("'pending'::public.order_status", castTo: "public.order_status") == "pending")
        #expect(SchemaImport.stringLiteral("'it''s'::text", castTo: "text") == "it's")
        #expect(SchemaImport.stringLiteral("''::text", castTo: "text")?.isEmpty == true)
        #expect(SchemaImport.stringLiteral("'a'::text", castTo: "character varying(10)") == nil)  // a cast to another type stays SQL
        #expect(SchemaImport.stringLiteral("'a'::text || 'b'::text", castTo: "text") == nil)  // an expression stays SQL
        #expect(SchemaImport.stringLiteral("now()", castTo: "timestamp with time zone") == nil)
    }
}
