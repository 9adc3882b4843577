import Foundation
import StrataTesting
import Testing

/// `strata docs`: the schema's pages written, checked and kept tidy; the SVG with Graphviz
/// and a clear message without it; migration records from `docs --migrations` and from
/// `generate`; and `diff --format markdown`.
@Suite struct DocsCommandTests {
    static let users = "-- strata:up\nCREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL UNIQUE);\n-- strata:down\nDROP TABLE users;\n"
    static let orders = """
        -- strata:up
        CREATE TYPE order_status AS ENUM ('new', 'paid');
        CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id), status order_status NOT NULL);
        -- strata:down
        DROP TABLE orders;

        """

    private func project(_ extra: String = "", migrations: [String: String] = [:]) async throws -> Project {
        let admin = try await TestServer.adminSettings()
        return try Project.make(
            config: "scratch_url: \"\(admin.url(includingPassword: true))\"\n" + extra,
            migrations: migrations.isEmpty ? ["20240101000000_users.sql": Self.users, "20240102000000_orders.sql": Self.orders] : migrations
        )
    }

    @Test func writesChecksAndTidiesThePages() async throws {
        let project = try await project()
        defer { project.delete() }
        let first = await project.run(["docs"])
        expectStatus(first, 0)
        expectContains(first.stdout, "Wrote docs/schema: 5 files, 5 changed.")
        expectContains(first.stdout, "SVG diagram: docs/schema/schema.svg.")
        for file in ["README.md", "schema.dot", "schema.svg", "public/README.md", "public/users.md", "public/orders.md"] {
            #expect(project.exists("docs/schema/" + file), "docs/schema/\(file) was not written")
        }
        expectContains(try project.read("docs/schema/README.md"), "\"public.users\" ||..o{ \"public.orders\" : \"orders_user_id_fkey\"")
        expectContains(try project.read("docs/schema/schema.svg"), "<svg")

        let again = await project.run(["docs"])
        expectStatus(again, 0)
        expectContains(again.stdout, "5 files, 0 changed.")
        let check = await project.run(["docs", "--check"])
        expectStatus(check, 0)
        expectContains(check.stdout, "docs/schema: the documentation is up to date (5 files).")

        // An edited page and a page no table stands for any more are out of date.
        try project.write("docs/schema/public/users.md", try project.read("docs/schema/public/users.md") + "\nedited\n")
        try project.writeMigration("20240103000000_drop_orders.sql", "-- strata:up\nDROP TABLE orders;\nDROP TYPE order_status;\n")
        try project.write("docs/schema/public/notes.md", "# Notes of our own\n")
        let stale = await project.run(["docs", "--check", "--format", "json"])
        expectStatus(stale, 4)
        let json = try requireJSON(stale)
        #expect(json["out_of_date"].array?.compactMap(\.string).sorted() == ["README.md", "public/README.md", "public/users.md", "schema.dot"])
        #expect(json["stale"].array?.compactMap(\.string) == ["public/orders.md"])
        let tidied = await project.run(["docs"])
        expectStatus(tidied, 0)
        expectContains(tidied.stdout, "1 removed")
        #expect(!project.exists("docs/schema/public/orders.md") && project.exists("docs/schema/public/notes.md"))
        expectLacks(try project.read("docs/schema/public/users.md"), "edited")

        // A file strata docs did not write is never overwritten.
        try project.write("docs/schema/public/users.md", "# Our own page\n")
        let refused = await project.run(["docs"])
        expectStatus(refused, 2)
        expectContains(refused.stderr, "docs/schema/public/users.md exists and was not written by strata docs")
        #expect(try project.read("docs/schema/public/users.md") == "# Our own page\n")
    }

    @Test func withoutGraphvizTheMarkdownIsWrittenAndThePackageNamed() async throws {
        let project = try await project("docs: {output: site/db}\n")
        defer { project.delete() }
        let empty = project.path("empty-bin")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let result = await project.run(["docs"], variables: ["PATH": empty])
        expectStatus(result, 0)
        expectContains(result.stderr, "warning: Graphviz's `dot` is not on PATH, so the SVG diagram was not made; install the graphviz package")
        expectContains(result.stderr, "apt-get install graphviz")
        #expect(project.exists("site/db/README.md") && project.exists("site/db/schema.dot") && !project.exists("site/db/schema.svg"))
        let json = try requireJSON(await project.run(["docs", "--format", "json"], variables: ["PATH": empty]))
        expectContains(json["svg_problem"].string ?? "", "graphviz")
        // With dot back, the next run draws it although the DOT source did not change.
        let drawn = await project.run(["docs"])
        expectStatus(drawn, 0)
        #expect(project.exists("site/db/schema.svg"))
    }

    @Test func documentsAnySourceIntoAnyFolder() async throws {
        let project = try await project()
        defer { project.delete() }
        try project.write("schema/app.sql", "CREATE TABLE things (id integer PRIMARY KEY, label text);\nCOMMENT ON TABLE things IS 'Things | stuff';\n")
        let result = await project.run(["docs", "--from", "schema", "--output", "out", "--no-svg"])
        expectStatus(result, 0)
        expectLacks(result.stdout, "SVG")
        #expect(!project.exists("out/schema.svg"))
        let index = try project.read("out/README.md")
        expectContains(index, "The schema of schema, documented by `strata docs`: 1 schema, 1 table")
        expectContains(try project.read("out/public/README.md"), "| [`public.things`](things.md) | table | 2 | Things \\| stuff |")
        let conflict = await project.run(["docs", "--migrations", "--from", "schema"])
        expectStatus(conflict, 2)
    }

    @Test func recordsForHandWrittenMigrations() async throws {
        // The down part of the second migration forgets the type: the record says so.
        let project = try await project("docs: {migrations: records}\n")
        defer { project.delete() }
        let missing = await project.run(["docs", "--migrations", "--check"])
        expectStatus(missing, 4)
        expectContains(missing.stdout, "missing or stale: 20240101000000_users.md")
        let written = await project.run(["docs", "--migrations"])
        expectStatus(written, 0)
        expectContains(written.stdout, "Wrote records: 2 files, 2 changed.")
        let users = try project.read("records/20240101000000_users.md")
        for expected in [
            "# Migration `20240101000000_users`", "Written by hand in `migrations/20240101000000_users.sql`",
            "### Table `public.users` (created)", "  - `id` `bigint` not null, identity generated always",
            "## Up\n\n```sql\nCREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL UNIQUE);\n```",
            "## Rollback\n\n```sql\nDROP TABLE users;\n```", "Applied on a scratch database after the 0 migrations before it",
            "the down part returns to the schema before the migration.",
        ] {
            expectContains(users, expected)
        }
        let orders = try project.read("records/20240102000000_orders.md")
        expectContains(orders, "### Type `public.order_status` (created)")
        expectContains(orders, "- Foreign keys:\n  - added `orders_user_id_fkey`")
        expectContains(orders, "the down part does not return to the schema before the migration; these objects differ: `type public.order_status`.")
        expectStatus(await project.run(["docs", "--migrations", "--check"]), 0)
        // Pages and records in one folder: neither takes the other's files for stale ones.
        let pages = await project.run(["docs", "--output", "records", "--no-svg"])
        expectStatus(pages, 0)
        expectLacks(pages.stdout, "removed")
        #expect(project.exists("records/20240101000000_users.md") && project.exists("records/public/users.md"))
        expectStatus(await project.run(["docs", "--migrations", "--check"]), 0)

        // An edited migration needs its record again; a record whose migration is gone goes.
        try project.writeMigration("20240101000000_users.sql", "-- The users.\n" + Self.users)
        try project.remove("migrations/20240102000000_orders.sql")
        let check = await project.run(["docs", "--migrations", "--check"])
        expectStatus(check, 4)
        expectContains(check.stdout, "missing or stale: 20240101000000_users.md")
        expectContains(check.stdout, "no longer written: 20240102000000_orders.md")
        expectStatus(await project.run(["docs", "--migrations"]), 0)
        #expect(!project.exists("records/20240102000000_orders.md"))
        expectStatus(await project.run(["docs", "--migrations", "--check"]), 0)
    }

    @Test func generateWritesARecordBesideTheMigration() async throws {
        let project = try await project("docs: {migrations: docs/migrations}\n", migrations: ["20240101000000_users.sql": Self.users])
        defer { project.delete() }
        try project.write("schema/app.sql", "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL UNIQUE, nickname text);\nCREATE INDEX users_nickname_idx ON users (nickname);\n")
        let now = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01 00:00:00 UTC
        let generated = await project.run(["generate", "add_nickname"], now: now)
        expectStatus(generated, 0)
        let files = project.migrationFiles().filter { $0.contains("add_nickname") }
        #expect(files.count == 2, "\(files)")
        for file in files {
            let record = "docs/migrations/" + file.replacingOccurrences(of: ".sql", with: ".md")
            expectContains(generated.stdout, "Wrote \(record) (the migration's record)")
            let text = try project.read(record)
            expectContains(text, "Written by `strata generate add_nickname` in `migrations/\(file)`.")
            expectContains(text, "Proved on a scratch database before the file was written")
        }
        let main = try project.read("docs/migrations/" + files[0].replacingOccurrences(of: ".sql", with: ".md"))
        expectContains(main, "- Columns added:\n  - `nickname` `text`")
        let concurrent = try project.read("docs/migrations/" + files[1].replacingOccurrences(of: ".sql", with: ".md"))
        expectContains(concurrent, "Runs outside a transaction")
        expectContains(concurrent, "created `users_nickname_idx` concurrently")
        // Records of generate are kept by docs --migrations while their migration is unchanged.
        let documented = await project.run(["docs", "--migrations"])
        expectStatus(documented, 0)
        expectContains(documented.stdout, "3 files, 1 changed.")
        expectContains(try project.read("docs/migrations/" + files[0].replacingOccurrences(of: ".sql", with: ".md")), "Written by `strata generate add_nickname`")
    }

    @Test func diffPrintsMarkdown() async throws {
        let project = try await project()
        defer { project.delete() }
        try project.write("schema/app.sql", "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL UNIQUE, nickname text);\n")
        let result = await project.run(["diff", "--from", "migrations", "--to", "schema", "--format", "markdown"])
        expectStatus(result, 2)
        expectContains(result.stdout, "# Schema changes from `migrations` to `schema`\n\n**3 statements**; hazards: ")
        expectContains(result.stdout, "### Table `public.users` (changed)\n\n- Columns added:\n  - `nickname` `text`")
        expectContains(result.stdout, "### Table `public.orders` (dropped)")
        expectContains(result.stdout, "## SQL\n\n```sql\n")
        expectStatus(await project.run(["status", "--format", "markdown"]), 2)
    }

    /// `Examples/models` keeps its documentation in the repository: committed pages and records
    /// are what `strata docs` and `strata docs --migrations` write today.
    @Test func theModelsExampleDocumentationIsUpToDate() async throws {
        let example = Paths.packageRoot + "/Examples/models"
        let project = try await project(try String(contentsOfFile: example + "/strata.yaml", encoding: .utf8), migrations: [:])
        defer { project.delete() }
        for file in project.migrationFiles() { try project.remove("migrations/" + file) }
        for file in try FileManager.default.contentsOfDirectory(atPath: example + "/migrations") where file.hasSuffix(".sql") {
            try project.writeMigration(file, try String(contentsOfFile: example + "/migrations/" + file, encoding: .utf8))
        }
        try FileManager.default.copyItem(atPath: example + "/docs", toPath: project.path("docs"))
        let pages = await project.run(["docs", "--check"])
        expectStatus(pages, 0)
        #expect(pages.status == 0, "regenerate with `swift run strata -C Examples/models docs`")
        let records = await project.run(["docs", "--migrations", "--check"])
        expectStatus(records, 0)
        #expect(records.status == 0, "regenerate with `swift run strata -C Examples/models docs --migrations`")
    }
}
