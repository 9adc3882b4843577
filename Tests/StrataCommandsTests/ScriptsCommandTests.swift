import Foundation
import StrataTesting
import Testing

/// `pre:`, `post:` and `repeatable:` scripts (DESIGN §10): their order around the
/// migrations, inside the run's transaction, around scratch replays and schema loads, and
/// repeatable scripts applied once, again when edited, and rolled back with the batch.
@Suite struct ScriptsCommandTests {
    /// A function the migration's generated column calls: it must exist before the migration.
    static let pre = """
        CREATE OR REPLACE FUNCTION slugify(title text) RETURNS text
            LANGUAGE sql IMMUTABLE AS $$ SELECT lower(replace(title, ' ', '-')) $$;
        CREATE TABLE IF NOT EXISTS script_runs (id bigint GENERATED ALWAYS AS IDENTITY, script text NOT NULL);
        INSERT INTO script_runs (script) VALUES ('pre');
        """

    /// A policy on the migration's table: it must come after the migration.
    static let post = """
        ALTER TABLE articles ENABLE ROW LEVEL SECURITY;
        DROP POLICY IF EXISTS articles_published ON articles;
        CREATE POLICY articles_published ON articles FOR SELECT USING (published);
        INSERT INTO script_runs (script) VALUES ('post');
        """

    static let articles = """
        -- strata:up
        CREATE TABLE articles (
            id bigint PRIMARY KEY,
            title text NOT NULL,
            slug text GENERATED ALWAYS AS (slugify(title)) STORED,
            published boolean NOT NULL DEFAULT false
        );
        -- strata:down
        DROP TABLE articles;
        """

    private func project(_ database: TestDatabase, extraConfig: String = "") async throws -> Project {
        let admin = try await TestServer.adminSettings()
        let project = try Project.make(
            config: """
                scratch_url: "\(admin.url(includingPassword: true))"
                pre: [db/schema_pre.sql]
                post: db/schema_post.sql
                environments:
                  dev: {url: "${DATABASE_URL}"}
                \(extraConfig)
                """,
            migrations: ["20240101000000_articles.sql": Self.articles], databaseURL: database.url
        )
        try project.write("db/schema_pre.sql", Self.pre)
        try project.write("db/schema_post.sql", Self.post)
        return project
    }

    @Test func preRunsBeforeAndPostAfterTheMigrationsAtEveryUp() async throws {
        try await TestDatabase.withDatabase { database in
            let project = try await project(database)
            defer { project.delete() }

            let dryRun = await project.run(["up", "--dry-run"])
            expectStatus(dryRun, 0)
            expectContains(dryRun.stdout, "would apply 1 migration(s) and run 2 script(s)")
            #expect(dryRun.stdout.offset(of: "-- db/schema_pre.sql (pre script)") ?? .max
                < dryRun.stdout.offset(of: "-- migrations/20240101000000_articles.sql") ?? -1)
            #expect(dryRun.stdout.offset(of: "-- migrations/20240101000000_articles.sql") ?? .max
                < dryRun.stdout.offset(of: "-- db/schema_post.sql (post script)") ?? -1)

            let up = await project.run(["up"])
            expectStatus(up, 0)
            expectContains(up.stdout, "Applied 1 migration; ran 2 pre/post scripts in batch 1")
            try await database.execute("INSERT INTO articles (id, title, published) VALUES (1, 'Hello World', true)")
            #expect(try await database.value("SELECT slug FROM articles") == "hello-world")
            #expect(try await database.value("SELECT count(*) FROM pg_policy WHERE polname = 'articles_published'") == "1")
            #expect(try await database.value("SELECT string_agg(script, ',' ORDER BY id) FROM script_runs") == "pre,post")
            // Pre and post scripts leave no history row.
            #expect(try await database.appliedVersions() == ["20240101000000"])

            // Nothing pending: they run all the same, in one transaction.
            let again = await project.run(["up", "--format", "json"])
            expectStatus(again, 0)
            let json = try requireJSON(again)
            #expect(json["batch"].int == nil)
            #expect(json["migrations"].array?.map { $0["kind"].string ?? "" } == ["pre", "post"])
            #expect(json["migrations"].array?.first?["version"].isNull == true)
            #expect(try await database.value("SELECT string_agg(script, ',' ORDER BY id) FROM script_runs") == "pre,post,pre,post")

            // The replay on a scratch database runs them too, so the migrations build what `up` built.
            let diff = await project.run(["diff", "--from", "migrations", "--to", "env:dev"])
            expectStatus(diff, 0)
            expectContains(diff.stdout, "No differences")
            expectStatus(await project.run(["drift"]), 0)
        }
    }

    @Test func aFailingPostScriptRollsBackTheWholeBatch() async throws {
        try await TestDatabase.withDatabase { database in
            let project = try await project(database)
            defer { project.delete() }
            try project.write("db/schema_post.sql", "SELECT 1;\nCREATE POLICY p ON no_such_table USING (true);\n")
            let up = await project.run(["up"])
            expectStatus(up, 1)
            expectContains(up.stderr, "db/schema_post.sql:2:")
            expectContains(up.stderr, "no_such_table")
            expectContains(up.stderr, "Rolled back: db/schema_pre.sql, 20240101000000, db/schema_post.sql")
            #expect(try await database.relationExists("articles") == false)
            #expect(try await database.appliedVersions().isEmpty)
        }
    }

    @Test func schemaLoadsRunPreAndPostAroundTheDesiredSchema() async throws {
        try await TestDatabase.withDatabase { database in
            let project = try await project(database)
            defer { project.delete() }
            // The desired schema holds the table alone; the function and the policy come from the scripts.
            try project.write("schema/articles.sql", """
                CREATE TABLE articles (
                    id bigint PRIMARY KEY, title text NOT NULL,
                    slug text GENERATED ALWAYS AS (slugify(title)) STORED,
                    published boolean NOT NULL DEFAULT false
                );
                """)
            expectStatus(await project.run(["up"]), 0)
            let diff = await project.run(["diff", "--from", "env:dev", "--to", "schema"])
            expectStatus(diff, 0)
            expectContains(diff.stdout, "No differences")
            let generate = await project.run(["generate", "--check"])
            expectStatus(generate, 0)
        }
    }

    @Test func aRepeatableRunsOnceAgainWhenEditedAndRollsBackWithTheBatch() async throws {
        try await TestDatabase.withDatabase { database in
            let project = try await project(database, extraConfig: "repeatable: repeatable\n")
            defer { project.delete() }
            let view = "CREATE OR REPLACE VIEW published_articles AS SELECT id, title FROM articles WHERE published;\n"
            try project.write("repeatable/views/published_articles.sql", view)
            try project.write("repeatable/functions/article_count.sql", """
                CREATE OR REPLACE FUNCTION article_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM articles $$;
                """)

            let pending = try requireJSON(await project.run(["status", "--format", "json"]))
            #expect(pending["repeatables"].array?.map { $0["name"].string ?? "" } == ["functions/article_count.sql", "views/published_articles.sql"])
            #expect(pending["repeatables"].array?.map { $0["state"].string ?? "" } == ["pending", "pending"])

            let up = await project.run(["up"])
            expectStatus(up, 0)
            expectContains(up.stdout, "Applied 1 migration; ran 2 repeatable scripts and 2 pre/post scripts in batch 1")
            let rows = try await database.rows("SELECT version, name, batch FROM strata_migrations ORDER BY version")
            #expect(rows.map { $0[0] ?? "" } == ["20240101000000", "repeatable:functions/article_count.sql", "repeatable:views/published_articles.sql"])
            #expect(rows.map { $0[2] ?? "" } == ["1", "1", "1"])
            #expect(try await database.relationExists("published_articles"))

            // Unchanged: not run again.
            let same = try requireJSON(await project.run(["up", "--format", "json"]))
            #expect(same["migrations"].array?.map { $0["kind"].string ?? "" } == ["pre", "post"])
            let applied = try requireJSON(await project.run(["status", "--format", "json"]))
            #expect(applied["repeatables"].array?.map { $0["state"].string ?? "" } == ["applied", "applied"])

            // Edited: pending (changed), then run again in a batch of its own.
            try project.write("repeatable/views/published_articles.sql", view.replacingOccurrences(of: "id, title", with: "id, title, slug"))
            let changed = await project.run(["status"])
            expectContains(changed.stdout, "pending (changed)  repeatable/views/published_articles.sql")
            let rerun = await project.run(["up"])
            expectStatus(rerun, 0)
            expectContains(rerun.stdout, "Applied no migration; ran 1 repeatable script and 2 pre/post scripts in batch 2")
            #expect(try await database.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'published_articles'") == "3")
            #expect(try await database.value("SELECT batch FROM strata_migrations WHERE version = 'repeatable:views/published_articles.sql'") == "2")
            #expect(try await database.value("SELECT batch FROM strata_migrations WHERE version = 'repeatable:functions/article_count.sql'") == "1")

            // A broken edit with a new migration: the whole batch rolls back, the old view stays.
            try project.writeMigration("20240102000000_authors.sql", "-- strata:up\nCREATE TABLE authors (id bigint);\n-- strata:down\nDROP TABLE authors;\n")
            try project.write("repeatable/views/published_articles.sql", "CREATE OR REPLACE VIEW published_articles AS\n  SELECT id, title, slug, no_such_column FROM articles;\n")
            let failed = await project.run(["up"])
            expectStatus(failed, 1)
            expectContains(failed.stderr, "repeatable/views/published_articles.sql:2:")
            expectContains(failed.stderr, "no_such_column")
            expectContains(failed.stderr, "20240102000000")
            #expect(try await database.relationExists("authors") == false)
            #expect(try await database.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'published_articles'") == "3")
            #expect(try await database.appliedVersions() == [
                "20240101000000", "repeatable:functions/article_count.sql", "repeatable:views/published_articles.sql",
            ])

            // `down` rolls back versioned migrations only; the repeatable rows stay.
            try project.write("repeatable/views/published_articles.sql", view.replacingOccurrences(of: "id, title", with: "id, title, slug"))
            expectStatus(await project.run(["up"]), 0)
            #expect(try await database.relationExists("authors"))
            expectStatus(await project.run(["down"]), 0)
            #expect(try await database.relationExists("authors") == false)
            #expect(try await database.appliedVersions().count == 3)
        }
    }

    @Test func scriptsAreValidatedLikeMigrations() async throws {
        try await TestDatabase.withDatabase { database in
            let project = try await project(database, extraConfig: "repeatable: repeatable\n")
            defer { project.delete() }
            try project.write("repeatable/views/x.sql", "-- strata:up\nCREATE VIEW x AS SELECT 1;\n-- strata:down\nDROP VIEW x;\n")
            try project.write("repeatable/notes.txt", "not a script\n")
            try project.write("db/schema_pre.sql", "SELECT 'unterminated;\n")

            let validate = await project.run(["validate", "--offline"])
            expectStatus(validate, 4)
            expectContains(validate.stdout, "repeatable/views/x.sql")
            expectContains(validate.stdout, "[script-down]")
            expectContains(validate.stdout, "repeatable/notes.txt is not a repeatable script")
            expectContains(validate.stdout, "db/schema_pre.sql:1:")
            expectContains(validate.stdout, "in 1 migration file(s) and 3 script(s)")

            let up = await project.run(["up"])
            expectStatus(up, 4)
            #expect(try await database.relationExists("articles") == false)

            try project.remove("db/schema_pre.sql")
            let missing = await project.run(["status"])
            expectStatus(missing, 2)
            expectContains(missing.stderr, "the pre script db/schema_pre.sql does not exist")
        }
    }
}
