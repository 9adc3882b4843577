import StrataPostgres
import StrataSchema
import Testing

@Suite("SchemaInspector: dependencies")
struct DependencyInspectionTests {
    static let ddl = [
        "CREATE SCHEMA app",
        "CREATE TYPE app.mood AS ENUM ('sad', 'ok')",
        "CREATE DOMAIN app.posint AS integer CHECK (VALUE > 0)",
        "CREATE FUNCTION app.add(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT a + b'",
        "CREATE FUNCTION app.positive(n numeric) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT n > 0'",
        "CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
        "CREATE SEQUENCE app.counter",
        """
        CREATE TABLE app.users (
            id bigint PRIMARY KEY,
            mood app.mood DEFAULT 'ok',
            n app.posint,
            seq bigint DEFAULT nextval('app.counter'),
            score integer DEFAULT app.add(1, 2)
        )
        """,
        "CREATE TABLE app.orders (id serial PRIMARY KEY, user_id bigint REFERENCES app.users, amount numeric CHECK (app.positive(amount)))",
        "CREATE INDEX orders_sum ON app.orders (app.add(id, 1))",
        "CREATE TRIGGER touch BEFORE UPDATE ON app.orders FOR EACH ROW EXECUTE FUNCTION app.touch()",
        "CREATE VIEW app.user_moods AS SELECT u.id, u.mood, app.add(u.n, 1) AS next FROM app.users u",
        "CREATE VIEW app.sad AS SELECT id FROM app.user_moods WHERE mood = 'sad'",
        "CREATE MATERIALIZED VIEW app.totals AS SELECT user_id, sum(amount) AS total FROM app.orders GROUP BY user_id",
        "CREATE TABLE app.mood_log (m app.mood[])",
    ]

    @Test func typicalEdges() async throws {
        let schema = try await Inspection.schema(Self.ddl)
        let users = QualifiedName("app", "users")
        let orders = QualifiedName("app", "orders")
        let add = ObjectID.routine(QualifiedName("app", "add"), arguments: "a integer, b integer")
        let mood = ObjectID.type(QualifiedName("app", "mood"))
        let expected: [Dependency] = [
            // view → table columns it reads, view → routine, view → type (the 'sad' literal)
            .init(from: .view(QualifiedName("app", "user_moods")), to: .column(table: users, name: "id")),
            .init(from: .view(QualifiedName("app", "user_moods")), to: .column(table: users, name: "mood")),
            .init(from: .view(QualifiedName("app", "user_moods")), to: .column(table: users, name: "n")),
            .init(from: .view(QualifiedName("app", "user_moods")), to: add),
            .init(from: .view(QualifiedName("app", "totals")), to: .column(table: orders, name: "amount")),
            // view → view
            .init(from: .view(QualifiedName("app", "sad")), to: .view(QualifiedName("app", "user_moods"))),
            .init(from: .view(QualifiedName("app", "sad")), to: mood),
            // column default → sequence, → routine; column → enum, domain, array of enum
            .init(from: .column(table: users, name: "seq"), to: .sequence(QualifiedName("app", "counter"))),
            .init(from: .column(table: orders, name: "id"), to: .sequence(QualifiedName("app", "orders_id_seq"))),
            .init(from: .column(table: users, name: "score"), to: add),
            .init(from: .column(table: users, name: "mood"), to: mood),
            .init(from: .column(table: users, name: "n"), to: .type(QualifiedName("app", "posint"))),
            .init(from: .column(table: QualifiedName("app", "mood_log"), name: "m"), to: mood),
            // trigger → routine; check → routine; foreign key → referenced key; expression index → routine
            .init(from: .trigger(table: orders, name: "touch"), to: .routine(QualifiedName("app", "touch"), arguments: "")),
            .init(from: .constraint(table: orders, name: "orders_amount_check"), to: .routine(QualifiedName("app", "positive"), arguments: "n numeric")),
            .init(from: .constraint(table: orders, name: "orders_amount_check"), to: .column(table: orders, name: "amount")),
            .init(from: .constraint(table: orders, name: "orders_user_id_fkey"), to: .constraint(table: users, name: "users_pkey")),
            .init(from: .constraint(table: orders, name: "orders_user_id_fkey"), to: .column(table: users, name: "id")),
            .init(from: .index(QualifiedName("app", "orders_sum")), to: add),
            .init(from: .index(QualifiedName("app", "orders_sum")), to: .column(table: orders, name: "id")),
            // objects → their schema
            .init(from: .table(users), to: .namespace("app")),
            .init(from: .type(QualifiedName("app", "posint")), to: .namespace("app")),
            .init(from: add, to: .namespace("app")),
        ]
        for edge in expected {
            #expect(schema.dependencies.contains(edge), "missing \(edge.from) → \(edge.to)")
        }
    }

    @Test func edgesConnectOnlyModelObjectsWithoutSelfEdgesOrMembership() async throws {
        let schema = try await Inspection.schema(Self.ddl + [
            "CREATE TABLE app.ident (id int GENERATED ALWAYS AS IDENTITY, g int GENERATED ALWAYS AS (id * 2) STORED)",
            "CREATE UNIQUE INDEX totals_user ON app.totals (user_id)",
        ])
        var known = Set<ObjectID>()
        known.formUnion(schema.namespaces.map { .namespace($0.name) })
        known.formUnion(schema.extensions.map { .extension($0.name) })
        known.formUnion(schema.enums.map { .type($0.name) } + schema.domains.map { .type($0.name) } + schema.compositeTypes.map { .type($0.name) })
        known.formUnion(schema.sequences.map { .sequence($0.name) })
        known.formUnion(schema.routines.map(\.id))
        for table in schema.tables {
            known.insert(.table(table.name))
            known.formUnion(table.columns.map { .column(table: table.name, name: $0.name) })
            known.formUnion(table.constraints.map { .constraint(table: table.name, name: $0.name) })
            known.formUnion(table.indexes.map { .index($0.name) })
            known.formUnion(table.triggers.map { .trigger(table: table.name, name: $0.name) })
            known.formUnion(table.policies.map { .policy(table: table.name, name: $0.name) })
        }
        for view in schema.views {
            known.insert(.view(view.name))
            known.formUnion(view.indexes.map { .index($0.name) })
        }
        for edge in schema.dependencies {
            #expect(known.contains(edge.from) && known.contains(edge.to), "\(edge.from) → \(edge.to) leaves the model")
            #expect(edge.from != edge.to)
            if let table = edge.from.table { #expect(edge.to != .table(table) && edge.to != .view(table)) }
        }
        // A generated column's expression depends on another column of the same table.
        let ident = QualifiedName("app", "ident")
        #expect(schema.dependencies.contains(Dependency(from: .column(table: ident, name: "g"), to: .column(table: ident, name: "id"))))
        // The materialized view's own index does not point back at the view.
        #expect(!schema.dependencies.contains { $0.from.kind == "index" && $0.to.kind == "view" })
    }
}
