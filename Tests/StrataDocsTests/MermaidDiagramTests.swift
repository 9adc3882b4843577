import StrataDocs
import StrataSchema
import Testing

/// The Mermaid ER diagrams: Mermaid's grammar on every block of every page, the right
/// cardinality per foreign key, and names that need escaping.
@Suite struct MermaidDiagramTests {
    @Test func everyBlockOfEveryPagePassesTheGrammar() {
        for schema in [DocsFixtures.shop(), DocsFixtures.chain(90, schemas: 2), DocsFixtures.chain(12, schemas: 3)] {
            let pages = SchemaDocumenter(schema: schema, options: DocsOptions(source: "a test")).pages()
            var blocks = 0
            for page in pages where page.path.hasSuffix(".md") {
                for block in MermaidGrammar.blocks(in: page.text) {
                    blocks += 1
                    let problems = MermaidGrammar.check(block).problems
                    #expect(problems.isEmpty, "\(page.path): \(problems)\n\(block)")
                }
            }
            #expect(blocks > 0)
        }
    }

    @Test func foreignKeysHaveTheirCardinalities() throws {
        let text = MermaidERDiagram.render(ERModel(schema: DocsFixtures.shop()))
        let (diagram, problems) = MermaidGrammar.check(text)
        #expect(problems.isEmpty, "\(problems)")
        func edge(_ label: String) throws -> MermaidGrammar.Relationship {
            try #require(diagram.relationships.first { $0.label == label }, "no edge \(label) in\n\(text)")
        }
        // NOT NULL and not unique: exactly one user, zero or more orders; not part of the key.
        #expect(try edge("orders_user_fk") == .init(first: "public.users", left: "||", identifying: false, right: "o{", second: "public.orders", label: "orders_user_fk"))
        // Part of the child's primary key: identifying (a solid line).
        #expect(try edge("order_lines_order_fk").identifying)
        // Nullable and unique: zero or one on both ends.
        let profile = try edge("profiles_user_fk")
        #expect(profile.left == "|o" && profile.right == "o|" && !profile.identifying)
        // A table referencing itself, and a foreign key across schemas.
        #expect(try edge("users_manager_fk").first == "public.users" && edge("users_manager_fk").second == "public.users")
        #expect(try edge("events_actor_fk").second == "audit.events")
        // A partitioned table is one entity with one edge; its partitions' copies are not drawn.
        #expect(diagram.entities["audit.log"] != nil && diagram.entities["audit.log_2024"] == nil)
        #expect(diagram.relationships.filter { $0.second == "audit.log" }.map(\.label) == ["log_user_fk"])
        // Key columns only, with their roles.
        #expect(diagram.entities["public.users"] == [
            .init(type: "bigint", name: "id", keys: ["PK"]), .init(type: "varchar(255)", name: "email", keys: ["UK"]),
            .init(type: "bigint", name: "manager_id", keys: ["FK"]),
        ])
        #expect(diagram.entities["public.order_lines"]?.first == .init(type: "bigint", name: "order_id", keys: ["PK", "FK"]))
    }

    @Test func namesAreMadeSafeForMermaid() {
        let (diagram, problems) = MermaidGrammar.check(MermaidERDiagram.render(ERModel(schema: DocsFixtures.shop())))
        #expect(problems.isEmpty, "\(problems)")
        // Quotes inside a quoted name are not allowed: replaced; a column named pk is not read as a key.
        #expect(diagram.entities["odd.we|ird _name_"] == [.init(type: "integer", name: "pk_", keys: ["PK"])])
        #expect(diagram.entities.keys.sorted() == [
            "audit.events", "audit.log", "odd.we|ird _name_", "public.order_lines", "public.orders", "public.profiles", "public.users",
        ])
    }

    @Test func theCheckerRejectsWhatMermaidDoesNot() {
        let bad = [
            "graph TD\n    a --> b\n",
            "erDiagram\n    \"a\" {\n        int id PK\n",
            "erDiagram\n    \"a\" {\n        int PK\n    }\n",
            "erDiagram\n    \"a\" {\n        int id PK, PK\n    }\n",
            "erDiagram\n    \"a\" {\n        int id XK\n    }\n",
            "erDiagram\n    \"a\"\n    \"a\" ||--o{ \"b\" : \"x\"\n",
            "erDiagram\n    \"a\"\n    \"b\"\n    \"a\" }|--}| \"b\" : \"x\"\n",
            "erDiagram\n    \"a\"\n    \"b\"\n    \"a\" ||--o{ \"b\"\n",
            "erDiagram\n    \"a%b\"\n",
            "erDiagram\n\t\"a\"\n",
            "erDiagram\n    \"a\" {\n        \"a\" ||--o{ \"a\" : x\n    }\n",
            "erDiagram\n    \"a\"\n    \"a\"\n",
            "erDiagram\n    one\n",
            "erDiagram\n    \"a\" {\n        numeric(10,2) total\n    }\n",
        ]
        for text in bad {
            #expect(!MermaidGrammar.check(text).problems.isEmpty, "accepted:\n\(text)")
        }
        let good = "erDiagram\n    \"a\" {\n        int id PK, FK \"the key\"\n    }\n    b\n    \"a\" |o..o| b : \"one to one\"\n    b }o--|{ \"a\" : many\n"
        #expect(MermaidGrammar.check(good).problems.isEmpty, "\(MermaidGrammar.check(good).problems)")
    }

    @Test func typesAreShortenedToMermaidWords() {
        let schema = Schema(tables: [Table(
            name: QualifiedName("public", "t"),
            columns: [
                Column(name: "a", type: "timestamp(3) with time zone"), Column(name: "b", type: "character(1)[]"),
                Column(name: "c", type: "public.\"Status Kind\""), Column(name: "d", type: "double precision"),
                Column(name: "e", type: "character_set"),
            ],
            constraints: [Constraint(name: "t_key", kind: .unique, definition: "UNIQUE (a, b, c, d, e)", columns: ["a", "b", "c", "d", "e"])]
        )])
        let (diagram, problems) = MermaidGrammar.check(MermaidERDiagram.render(ERModel(schema: schema)))
        #expect(problems.isEmpty, "\(problems)")
        #expect(diagram.entities["public.t"]?.map(\.type) == ["timestamptz(3)", "char(1)[]", "Status_Kind", "float8", "character_set"])
    }
}
