import Foundation
import StrataTesting
import Testing

/// `strata lint` end to end (docs/lint.md): project files, FILES, --pending against a real
/// target, the three output formats, exit codes, `lint:` in strata.yaml, and `up` linting
/// the files it is about to apply.
@Suite("strata lint")
struct LintCommandTests {
    static let users = "-- strata:up\nCREATE TABLE users (id bigint PRIMARY KEY, email varchar(32), nickname text);\n-- strata:down\nDROP TABLE users;\n"
    static let widen = "-- strata:up\nALTER TABLE users ALTER COLUMN email TYPE varchar(64);\n-- strata:down\nSELECT 1;\n"
    static let index = "-- strata:up\nCREATE INDEX users_email_idx ON users (email);\n-- strata:down\nDROP INDEX users_email_idx;\n"

    @Test func lintsTheProjectAgainstTheSchemaOfEarlierFiles() async throws {
        let project = try Project.make(migrations: ["001_users.sql": Self.users, "002_widen.sql": Self.widen, "003_index.sql": Self.index])
        defer { project.delete() }
        let result = await project.run(["lint"])
        expectStatus(result, 4)
        expectContains(result.stdout, "migrations/003_index.sql")
        expectContains(result.stdout, "2:1  error    index-not-concurrent  CREATE INDEX on the existing table users")
        expectContains(result.stdout, "│ CREATE INDEX users_email_idx ON users (email)")
        expectContains(result.stdout, "1 error, 0 warnings in 3 files linted for PostgreSQL 13.")
        expectLacks(result.stdout, "002_widen")

        let json = try requireJSON(await project.run(["lint", "--format", "json"]))
        #expect(json["summary"]["errors"].int == 1)
        #expect(json["summary"]["warnings"].int == 0)
        #expect(json["summary"]["files"].int == 3)
        let finding = json["findings"][0]
        expectKeys(finding, ["code", "severity", "file", "line", "column", "message", "hint", "statement"])
        #expect(finding["code"].string == "index-not-concurrent")
        #expect(finding["file"].string == "migrations/003_index.sql")
        #expect(finding["line"].int == 2)
        #expect(finding["column"].int == 1)

        let github = await project.run(["lint", "--format", "github"])
        expectStatus(github, 4)
        expectContains(github.stdout, "::error file=migrations/003_index.sql,line=2,col=1,title=strata lint%3A index-not-concurrent::CREATE INDEX on the existing table users")
    }

    @Test func configuredSeveritiesVersionAndGivenFiles() async throws {
        let config = "lint:\n  postgres_version: 15\n  rules:\n    index-not-concurrent: warning\n"
        let project = try Project.make(config: config, migrations: ["001_users.sql": Self.users, "002_widen.sql": Self.widen, "003_index.sql": Self.index])
        defer { project.delete() }
        let result = await project.run(["lint"])
        expectStatus(result, 0)
        expectContains(result.stdout, "warning  index-not-concurrent")
        expectContains(result.stdout, "0 errors, 1 warning in 3 files linted for PostgreSQL 15.")

        // A file outside the migrations folder is linted after every migration, as a new one.
        try project.write("draft.sql", "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();\n")
        let draft = await project.run(["lint", "draft.sql"])
        expectStatus(draft, 4)
        expectContains(draft.stdout, "draft.sql\n  1:30  error    volatile-default")
        // A migration given by path is linted in place.
        let only = await project.run(["lint", "migrations/002_widen.sql"])
        expectStatus(only, 0)
        expectContains(only.stdout, "0 errors, 0 warnings in 1 file linted")
    }

    @Test func badConfigurationNamesTheKey() async throws {
        let project = try Project.make(config: "lint:\n  rules:\n    index-not-concurent: error\n")
        defer { project.delete() }
        let result = await project.run(["lint"])
        expectStatus(result, 2)
        expectContains(result.stderr, "unknown lint rule \"index-not-concurent\" in lint.rules")
        expectContains(result.stderr, "strata.yaml:3:5")
    }

    @Test func aFileTheLexerRejectsIsReportedAndTheOthersAreStillLinted() async throws {
        let broken = "-- strata:up\nSELECT 'unterminated;\n"
        let project = try Project.make(migrations: ["001_users.sql": Self.users, "002_broken.sql": broken, "003_index.sql": Self.index])
        defer { project.delete() }
        let json = try requireJSON(await project.run(["lint", "--format", "json"]))
        let findings = json["findings"].array ?? []
        #expect(findings.map { $0["code"].string } == ["invalid-file", "index-not-concurrent"])
        #expect(findings.first?["file"].string == "migrations/002_broken.sql")
        #expect(findings.first?["line"].int == 2)
        #expect(findings.first?["column"].int == 8)
    }

    @Test func pendingLintsWhatUpWouldApplyAndUpReportsOrStops() async throws {
        try await withProject({ try Project.make(migrations: ["001_users.sql": Self.users], databaseURL: $0) }) { project, database in
            expectStatus(await project.run(["up"]), 0)
            try project.writeMigration("002_index.sql", Self.index)
            // The target is PostgreSQL 15: its version is the one assumed.
            let pending = await project.run(["lint", "--pending"])
            expectStatus(pending, 4)
            expectContains(pending.stdout, "1 error, 0 warnings in 1 file linted for PostgreSQL 15.")

            // lint: error stops up before anything runs.
            try project.write("strata.yaml", "environments:\n  dev: {}\nlint: error\n")
            let stopped = await project.run(["up"])
            expectStatus(stopped, 4)
            expectContains(stopped.stderr, "lint error index-not-concurrent at migrations/002_index.sql:2:1")
            expectContains(stopped.stderr, "lint found 1 error in the migrations to apply; nothing was run")
            #expect(try await database.value("SELECT count(*) FROM strata_migrations") == "1")

            // An ignore comment with its reason lets it through; the default (warn) prints and applies.
            try project.writeMigration("002_index.sql", "-- strata:up\n-- strata:lint-ignore index-not-concurrent users is tiny\nCREATE INDEX users_email_idx ON users (email);\n-- strata:down\nDROP INDEX users_email_idx;\n")
            let ignored = await project.run(["lint", "--pending"])
            expectStatus(ignored, 0)
            expectContains(ignored.stdout, "(1 ignored by lint-ignore comments)")
            try project.writeMigration("003_nickname.sql", "-- strata:up\nALTER TABLE users ALTER COLUMN nickname SET NOT NULL;\n-- strata:down\nALTER TABLE users ALTER COLUMN nickname DROP NOT NULL;\n")
            try project.write("strata.yaml", "environments:\n  dev: {}\n")
            let applied = await project.run(["up"])
            expectStatus(applied, 0)
            expectContains(applied.stderr, "lint error set-not-null-scan at migrations/003_nickname.sql:2:1")
            #expect(try await database.value("SELECT count(*) FROM strata_migrations") == "3")
        }
    }

    @Test func observeRecordsLocksRewritesAndScansOnAScratchDatabase() async throws {
        let admin = try await TestServer.adminSettings()
        let concurrent = "-- strata:no-transaction\n-- strata:up\nCREATE INDEX CONCURRENTLY users_nickname_idx ON users (nickname);\n-- strata:down\nDROP INDEX users_nickname_idx;\n"
        let rewrite = "-- strata:up\nALTER TABLE users ALTER COLUMN id TYPE numeric;\n-- strata:down\nSELECT 1;\n"
        let project = try Project.make(
            config: "scratch_url: \"\(admin.url(includingPassword: true))\"\n",
            migrations: ["001_users.sql": Self.users, "002_widen.sql": Self.widen, "003_concurrent.sql": concurrent, "004_rewrite.sql": rewrite]
        )
        defer { project.delete() }
        let text = await project.run(["lint", "--observe"])
        expectStatus(text, 4)
        expectContains(text.stdout, "Observed on PostgreSQL 15")
        expectContains(text.stdout, "locks: ACCESS EXCLUSIVE on users")
        expectContains(text.stdout, "rewrites: users, users_nickname_idx, users_pkey")
        expectContains(text.stdout, "locks: SHARE UPDATE EXCLUSIVE on users")

        let json = try requireJSON(await project.run(["lint", "--observe", "--format", "json"]))
        let statements = json["observed"]["statements"].array ?? []
        let widen = statements.first { $0["file"].string == "migrations/002_widen.sql" }
        #expect(widen?["rewrites"].array?.isEmpty == true)
        let concurrentBuild = statements.first { $0["file"].string == "migrations/003_concurrent.sql" }
        #expect(concurrentBuild?["locks"].array?.contains { $0["relation"].string == "users" && $0["mode"].string == "SHARE UPDATE EXCLUSIVE" } == true)
        let codes = (json["findings"].array ?? []).map { "\($0["file"].string ?? "") \($0["code"].string ?? "")" }
        #expect(codes == ["migrations/004_rewrite.sql table-rewrite", "migrations/004_rewrite.sql column-type-rewrite"])
    }
}
