import StrataDiff
import StrataSchema
import Testing

/// Schema literals written the way the introspector produces them.
enum Fixtures {
    static func name(_ name: String, schema: String = "public") -> QualifiedName { QualifiedName(schema, name) }

    static let users = Table(
        name: name("users"),
        columns: [
            Column(name: "id", type: "bigint", isNotNull: true, identity: .init(generation: .always, options: SequenceOptions())),
            Column(name: "email", type: "text", isNotNull: true),
        ],
        constraints: [Constraint(name: "users_pkey", kind: .primaryKey, definition: "PRIMARY KEY (id)", columns: ["id"], indexName: "users_pkey")]
    )

    static let orderStatus = EnumType(name: name("order_status"), labels: ["pending", "shipped"])

    static let orders = Table(
        name: name("orders"),
        columns: [
            Column(name: "id", type: "bigint", isNotNull: true),
            Column(name: "user_id", type: "bigint", isNotNull: true),
            Column(name: "status", type: "public.order_status", isNotNull: true, defaultExpression: "'pending'::public.order_status"),
        ],
        constraints: [
            Constraint(name: "orders_pkey", kind: .primaryKey, definition: "PRIMARY KEY (id)", columns: ["id"], indexName: "orders_pkey"),
            Constraint(
                name: "orders_user_id_fkey", kind: .foreignKey,
                definition: "FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE",
                columns: ["user_id"], referencedTable: name("users"), referencedColumns: ["id"]
            ),
        ],
        indexes: [Index(name: name("orders_user_idx"), table: name("orders"), definition: "CREATE INDEX orders_user_idx ON public.orders USING btree (user_id)", columns: ["user_id"])]
    )

    static func schema(
        namespaces: [Namespace] = [Namespace(name: "public")], extensions: [Extension] = [], collations: [Collation] = [],
        enums: [EnumType] = [], domains: [DomainType] = [], compositeTypes: [CompositeType] = [], sequences: [StrataSchema.Sequence] = [],
        tables: [Table] = [], views: [View] = [], routines: [Routine] = [], dependencies: [Dependency] = []
    ) -> Schema {
        Schema(
            namespaces: namespaces, extensions: extensions, collations: collations, enums: enums, domains: domains,
            compositeTypes: compositeTypes, sequences: sequences, tables: tables, views: views, routines: routines,
            dependencies: dependencies
        ).sorted()
    }

    static func plan(_ source: Schema, _ target: Schema, options: DiffOptions = .init()) throws -> Plan {
        try SchemaDiffer.plan(from: source, to: target, options: options)
    }

    static func sql(_ source: Schema, _ target: Schema, options: DiffOptions = .init()) throws -> [String] {
        try plan(source, target, options: options).statements.map(\.sql)
    }

    /// Hazard codes per statement, in order.
    static func hazards(_ source: Schema, _ target: Schema, options: DiffOptions = .init()) throws -> [[String]] {
        try plan(source, target, options: options).statements.map { $0.hazards.map(\.code.rawValue) }
    }
}
