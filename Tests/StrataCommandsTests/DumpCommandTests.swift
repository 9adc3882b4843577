import Foundation
import StrataTesting
import Testing

/// `strata dump`: SQL that psql loads into an empty database to give the same schema.
@Suite struct DumpCommandTests {
    @Test(arguments: RealWorldTests.corpora) func aDumpLoadedWithPsqlGivesTheSameSchema(_ corpus: RealWorldTests.Corpus) async throws {
        try await withTestDatabase(label: "dump_\(corpus.name)") { source in
            try await TestDatabase.withDatabase("dump_\(corpus.name)_loaded") { loaded in
                try await RealWorldTests.psqlLoad(corpus, into: source)
                let admin = try await TestServer.adminSettings()
                let project = try Project.make(config: "scratch_url: \"\(admin.url(includingPassword: true))\"\n")
                defer { project.delete() }

                let written = await project.run(["dump", "--url", source.url, "--output", "schema.sql"])
                try #require(written.status == 0, "\(written)")
                expectContains(written.stdout, "Wrote schema.sql")
                let dump = try project.read("schema.sql")
                expectContains(dump, "-- Left out: the history table public.strata_migrations.")
                // Deterministic: a second dump is the same text.
                let again = await project.run(["dump", "--url", source.url])
                #expect(again.stdout == dump + "\n" || again.stdout == dump)

                let load = try ChildProcess(
                    executable: try TestServer.binaries().path("psql"),
                    arguments: ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", loaded.url, "-f", project.path("schema.sql")],
                    environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LANG": "C.UTF-8",
                                  "PGOPTIONS": "-c client_min_messages=warning"],
                    directory: project.directory
                )
                let loadResult = await load.finish(timeout: .seconds(120))
                try #require(loadResult.status == 0, "psql could not load the dump: \(loadResult)")
                let expected = try await SchemaFingerprint.read(source.settings, options: .init(owners: false))
                let actual = try await SchemaFingerprint.read(loaded.settings, options: .init(owners: false))
                #expect(expected == actual, "\(corpus.name): \(expected.difference(to: actual))")
            }
        }
    }
}
