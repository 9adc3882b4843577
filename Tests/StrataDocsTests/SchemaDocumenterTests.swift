import Foundation
import StrataDocs
import StrataSchema
import Testing

/// The pages: which files, what each holds, that every link resolves and every table row has
/// its cells, that the output does not depend on the order the schema lists things in, and
/// how large schemas switch to diagrams per schema.
@Suite struct SchemaDocumenterTests {
    private func pages(_ schema: Schema, _ options: DocsOptions = DocsOptions(source: "a test")) -> [String: String] {
        Dictionary(uniqueKeysWithValues: SchemaDocumenter(schema: schema, options: options).pages().map { ($0.path, $0.text) })
    }

    @Test func aPagePerSchemaTableAndView() {
        let paths = SchemaDocumenter(schema: DocsFixtures.shop(), options: DocsOptions(source: "a test")).pages().map(\.path)
        #expect(paths == [
            "README.md", "schema.dot",
            "audit/README.md", "audit/events.md", "audit/log.md", "audit/log_2024.md", "audit/log_default.md",
            "odd/README.md", "odd/we_ird__name_.md",
            "public/README.md", "public/order_lines.md", "public/orders.md", "public/profiles.md", "public/users.md", "public/big_spenders.md",
        ])
        for (path, text) in pages(DocsFixtures.shop()) {
            #expect(DocsPage.isGenerated(text), "\(path) has no marker")
        }
    }

    @Test func theTablePageSaysWhatTheTableIs() throws {
        let users = try #require(pages(DocsFixtures.shop())["public/users.md"])
        for expected in [
            "# Table `public.users`", "> People who sign in", "| `id` | `bigint` | not null | identity, generated always |  |",
            "| `balance` | `numeric(10,2)` | not null | `0` |  |", "| `users_email_key` | unique | `UNIQUE (email)` |  |",
            "## Foreign keys", "[`public.users`](users.md) `(id)`", "## Referenced by", "| [`public.orders`](orders.md) | `orders_user_fk` | `(user_id) → (id)` | zero or more |",
            "| [`audit.events`](../audit/events.md) | `events_actor_fk`", "| [`public.profiles`](profiles.md) | `profiles_user_fk` | `(user_id) → (id)` | zero or one |",
            "## Used by\n\n- view [`public.big_spenders`](big_spenders.md)", "```mermaid\nerDiagram\n",
        ] {
            #expect(users.contains(expected), "missing \(expected) in\n\(users)")
        }
        let orders = try #require(pages(DocsFixtures.shop())["public/orders.md"])
        for expected in ["## Indexes", "`btree (user_id)`", "## Triggers", "`orders_touch`", "## Row-level security\n\nEnabled (the table's owner bypasses it).",
                         "| `own_orders` | SELECT | permissive | `app` | `(user_id = 1)` |", "| `status` | `public.order_status` | not null | `'new'::public.order_status` |"] {
            #expect(orders.contains(expected), "missing \(expected) in\n\(orders)")
        }
        let log = try #require(pages(DocsFixtures.shop())["audit/log.md"])
        #expect(log.contains("A table partitioned by `RANGE (at)`."))
        #expect(log.contains("## Partitions\n\n| partition | bound |\n| --- | --- |\n| [`audit.log_2024`](log_2024.md) | `FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')` |"))
        let partition = try #require(pages(DocsFixtures.shop())["audit/log_2024.md"])
        #expect(partition.contains("A partition of [`audit.log`](log.md): `FOR VALUES FROM"))
        #expect(partition.contains("(from the parent table)") && !partition.contains("```mermaid"))
    }

    @Test func theIndexAndSchemaPagesListEverything() throws {
        let all = pages(DocsFixtures.shop())
        let index = try #require(all["README.md"])
        for expected in [
            "The schema of a test, documented by `strata docs`: 3 schemas, 9 tables, 1 view, 1 function, 2 types, 1 sequence.",
            "[schema.svg](schema.svg)", "```mermaid", "| [`audit`](audit/README.md) | 4 | 0 | 0 | 0 | Audit trail |",
            "| `citext` | `public` | `1.6` |", "## Not documented", "- foreign table `public.remote`",
        ] {
            #expect(index.contains(expected), "missing \(expected) in\n\(index)")
        }
        let publicPage = try #require(all["public/README.md"])
        for expected in [
            "| [`public.users`](users.md) | table | 5 | People who sign in |", "| [`public.big_spenders`](big_spenders.md) | view | 1 |  |",
            "| `public.order_status` | `new`, `paid` |  |", "| `public.positive` | `integer` | null |  | `positive_check`: `CHECK ((VALUE > 0))` |  |",
            "| `public.touch()` | function | `trigger` | `plpgsql` |  |", "| `public.ticket_seq` | `bigint` | 1 | 1 |",
        ] {
            #expect(publicPage.contains(expected), "missing \(expected) in\n\(publicPage)")
        }
    }

    @Test func everyLinkLeadsToAPageAndEveryTableRowHasItsCells() {
        for schema in [DocsFixtures.shop(), DocsFixtures.chain(250, schemas: 3)] {
            let all = pages(schema)
            for (path, text) in all where path.hasSuffix(".md") {
                let folder = (path as NSString).deletingLastPathComponent
                for target in Self.links(in: text) {
                    let resolved = Self.resolve(target, in: folder)
                    let exists = all[resolved] != nil || resolved.hasSuffix(".svg") && all[String(resolved.dropLast(4)) + ".dot"] != nil
                    #expect(exists, "\(path) links to \(target), which is not written")
                }
                var columns: Int?
                for line in text.split(separator: "\n") {
                    guard line.hasPrefix("|") else {
                        columns = nil
                        continue
                    }
                    let cells = Self.cellCount(String(line))
                    if let columns { #expect(cells == columns, "\(path): \(line)") } else { columns = cells }
                }
            }
        }
    }

    @Test func theSameSchemaInAnotherOrderGivesTheSamePages() {
        let schema = DocsFixtures.shop()
        var shuffled = schema
        var generator = SystemRandomNumberGenerator()
        shuffled.tables.shuffle(using: &generator)
        shuffled.tables = shuffled.tables.map { table in
            var table = table
            table.constraints.reverse()
            table.indexes.reverse()
            return table
        }
        shuffled.namespaces.reverse()
        shuffled.enums.reverse()
        #expect(pages(schema) == pages(shuffled))
        #expect(pages(schema) == pages(schema))
    }

    @Test func largeSchemasGetADiagramPerSchemaAndPerTable() throws {
        // Past the Mermaid limit, the index draws nothing; a schema under it draws its own.
        let medium = pages(DocsFixtures.chain(90, schemas: 2))
        let index = try #require(medium["README.md"])
        #expect(!index.contains("```mermaid") && index.contains("more than one Mermaid diagram draws readably (60)"))
        #expect(try #require(medium["s0/README.md"]).contains("```mermaid"))
        #expect(medium["schema.dot"] != nil)
        // Past the SVG limit, one DOT source per schema; a schema past the Mermaid limit has
        // no diagram of its own, and every table page draws its neighbours.
        let large = pages(DocsFixtures.chain(250, schemas: 3))
        #expect(large["schema.dot"] == nil && large["s0/schema.dot"] != nil && large["s2/schema.dot"] != nil)
        let schemaPage = try #require(large["s1/README.md"])
        #expect(!schemaPage.contains("```mermaid") && schemaPage.contains("[schema.svg](schema.svg)"))
        let table = try #require(large["s1/t100.md"])
        let block = try #require(MermaidGrammar.blocks(in: table).first)
        let diagram = MermaidGrammar.check(block).diagram
        #expect(Set(diagram.entities.keys) == ["s0.t99", "s1.t100", "s2.t101"])
        // The per-schema DOT draws the other schemas' neighbours as bare boxes.
        let dot = try #require(large["s1/schema.dot"])
        #expect(dot.contains("\"s0.t99\" [label=<") && dot.contains("drawn here for its foreign keys"))
    }

    @Test func fileNamesNeverCollide() {
        let schema = Schema(namespaces: [Namespace(name: "public")], tables: ["users", "Users", "README", "a/b", "a_b"].map {
            Table(name: QualifiedName("public", $0), columns: [Column(name: "id", type: "integer")])
        })
        let paths = SchemaDocumenter(schema: schema, options: DocsOptions(source: "a test")).pages().map(\.path)
        #expect(paths == [
            "README.md", "schema.dot", "public/README.md", "public/README-2.md", "public/Users.md", "public/a_b.md", "public/a_b-2.md", "public/users-2.md",
        ])
    }

    /// The targets of the Markdown links of a page.
    static func links(in text: String) -> [String] {
        var targets: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: "](") {
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(of: ")") else { break }
            targets.append(String(after[..<end]).removingPercentEncoding ?? String(after[..<end]))
            rest = after[end...]
        }
        return targets
    }

    /// `target` relative to `folder`, with `..` resolved.
    static func resolve(_ target: String, in folder: String) -> String {
        var parts = folder.split(separator: "/").map(String.init)
        for part in target.split(separator: "/").map(String.init) {
            if part == ".." { _ = parts.popLast() } else if part != "." { parts.append(part) }
        }
        return parts.joined(separator: "/")
    }

    /// Cells of a table row: `|` not escaped and outside code spans.
    static func cellCount(_ line: String) -> Int {
        var count = 0
        var previous: Character = " "
        for character in line {
            if character == "|" && previous != "\\" { count += 1 }
            previous = character
        }
        return count - 1
    }
}
