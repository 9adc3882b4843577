import Foundation
import StrataTesting
import Testing

/// `strata clean`: empties a development database, the history included; never a protected one.
@Suite struct CleanCommandTests {
    @Test func emptiesADevDatabaseAndIsRefusedOnAProtectedOne() async throws {
        try await TestDatabase.withDatabase { database in
            try await TestDatabase.withDatabase("clean_empty") { empty in
                let admin = try await TestServer.adminSettings()
                let project = try Project.quickstart(databaseURL: database.url)
                defer { project.delete() }
                try project.write("strata.yaml", """
                    migrations: migrations
                    scratch_url: "\(admin.url(includingPassword: true))"
                    environments:
                      dev: {url: "${DATABASE_URL}"}
                      prod: {url: "${DATABASE_URL}", protected: true}
                    """)
                expectStatus(await project.run(["up"]), 0)

                let protected = await project.run(["clean", "--env", "prod", "--force"])
                expectStatus(protected, 2)
                expectContains(protected.stderr, "environment prod is protected")
                let unasked = await project.run(["clean"])
                expectStatus(unasked, 2)
                expectContains(unasked.stderr, "add --force")
                #expect(try await database.relationExists("strata_migrations"))

                let cleaned = await project.run(["clean", "--force"])
                expectStatus(cleaned, 0)
                expectContains(cleaned.stdout, "Cleaned env:dev")
                #expect(try await database.userTables().isEmpty)
                #expect(try await !database.relationExists("strata_migrations"))
                let after = try await SchemaFingerprint.read(database.settings, options: .init(owners: false))
                let reference = try await SchemaFingerprint.read(empty.settings, options: .init(owners: false))
                #expect(after == reference, "\(after.difference(to: reference))")
                // The migrations apply again from scratch.
                expectStatus(await project.run(["up"]), 0)
            }
        }
    }
}
