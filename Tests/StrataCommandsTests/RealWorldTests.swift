import Foundation
import StrataPostgres
import StrataTesting
import Testing

/// Schemas nobody here wrote (issue 9 acceptance), through the commands a new user runs:
/// pagila and synapse generated from an empty history, applied with `up`, diffed empty
/// against the desired schema, and equal to psql's load of the same files by the project's
/// two oracles (owners aside: the scratch database's objects are Strata's); and both through
/// `models import` → `compile` → `diff`, where nothing may differ but what the importer
/// named.
@Suite("real-world schemas", .serialized) struct RealWorldTests {
    struct Corpus: Sendable, CustomTestStringConvertible {
        var name: String
        /// Files under Tests/Fixtures, loaded in this order.
        var files: [String]
        var testDescription: String { name }
    }

    static let corpora = [
        Corpus(name: "pagila", files: ["realworld/pagila/pagila-schema.sql"]),
        Corpus(name: "synapse", files: ["realworld/synapse/common.sql", "realworld/synapse/main.sql", "realworld/synapse/state.sql"]),
    ]

    /// A project whose desired schema is the corpus's files and whose scratch databases live
    /// on the test server.
    static func project(_ corpus: Corpus, databaseURL: String, models: Bool = false) async throws -> Project {
        let project = try Project.make(config: nil, databaseURL: databaseURL)
        let admin = try await TestServer.adminSettings()
        var config = "scratch_url: \"\(admin.url(includingPassword: true))\"\n"
        if models { config += "models: [models/app]\n" }
        try project.write("strata.yaml", config)
        if !models {
            for (index, file) in corpus.files.enumerated() {
                try project.write(String(format: "schema/%02d_", index + 1) + (file as NSString).lastPathComponent,
                                  try String(contentsOfFile: Fixtures.path(file), encoding: .utf8))
            }
        } else {
            try FileManager.default.createDirectory(atPath: project.path("schema"), withIntermediateDirectories: true)
        }
        return project
    }

    /// Loads the corpus with psql, as its authors do, stopping at the first error.
    static func psqlLoad(_ corpus: Corpus, into database: TestDatabase) async throws {
        let psql = try TestServer.binaries().path("psql")
        var arguments = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database.url]
        for file in corpus.files { arguments += ["-f", Fixtures.path(file)] }
        let process = try ChildProcess(
            executable: psql, arguments: arguments,
            environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LANG": "C.UTF-8",
                          "PGOPTIONS": "-c client_min_messages=warning"],
            directory: FileManager.default.temporaryDirectory.path
        )
        let result = await process.finish(timeout: .seconds(120))
        try #require(result.status == 0, "psql could not load \(corpus.name): \(result)")
    }

    @Test(arguments: corpora) func generatedFromAnEmptyHistoryEqualsPsqlsLoad(_ corpus: Corpus) async throws {
        try await withTestDatabase(label: "realworld_\(corpus.name)") { target in
            try await TestDatabase.withDatabase("realworld_\(corpus.name)_psql") { reference in
                try await Self.psqlLoad(corpus, into: reference)
                let project = try await Self.project(corpus, databaseURL: target.url)
                defer { project.delete() }

                let generated = await project.run(["generate", "init", "--format", "json"])
                try #require(generated.status == 0, "\(generated)")
                let document = try requireJSON(generated)
                #expect(document["not_compared"].array?.isEmpty == true, "\(document["not_compared"])")
                let files = project.migrationFiles()
                try #require(files.count == 1, "\(files)")
                let migration = try project.read("migrations/" + files[0])
                #expect(migration.contains("Proved on a scratch database"))
                switch corpus.name {
                case "pagila":
                    #expect(migration.contains("CREATE OR REPLACE AGGREGATE public.group_concat(text) (SFUNC = public._group_concat, STYPE = text)"))
                    #expect(migration.contains("GRANT CREATE ON SCHEMA public TO PUBLIC"))
                default:
                    #expect(migration.contains("ALTER TABLE ONLY public.state_groups_state ALTER COLUMN state_group SET (n_distinct = '-0.02')"))
                }

                let up = await project.run(["up"])
                #expect(up.status == 0, "\(up)")
                let diff = await project.run(["diff", "--from", target.url, "--to", "schema", "--format", "text"])
                #expect(diff.status == 0, "\(diff)")
                #expect(diff.stdout.contains("No differences:"), "\(diff.stdout)")

                let applied = try await SchemaFingerprint.read(target.settings, options: .init(owners: false))
                let loaded = try await SchemaFingerprint.read(reference.settings, options: .init(owners: false))
                #expect(applied == loaded, "\(corpus.name): the fingerprints differ\n\(applied.difference(to: loaded))")
                let appliedDump = try await SchemaDump.read(target.settings)
                let loadedDump = try await SchemaDump.read(reference.settings)
                #expect(appliedDump == loadedDump, "\(corpus.name): pg_dump differs\n\(appliedDump.difference(to: loadedDump))")
            }
        }
    }

    @Test(arguments: corpora) func modelsImportCompileAndDiffLeaveOnlyWhatTheImporterNamed(_ corpus: Corpus) async throws {
        try await withTestDatabase(label: "realworld_models_\(corpus.name)") { reference in
            try await Self.psqlLoad(corpus, into: reference)
            let project = try await Self.project(corpus, databaseURL: reference.url, models: true)
            defer { project.delete() }

            let imported = await project.run(["models", "import", "--layer", "models/app", "--from", reference.url, "--format", "json"])
            try #require(imported.status == 0, "\(imported)")
            let skipped = try requireJSON(imported)["skipped"].array?.compactMap(\.string) ?? []
            let compiled = await project.run(["models", "compile"])
            try #require(compiled.status == 0, "\(compiled)")

            let diff = await project.run(["diff", "--from", "schema", "--to", reference.url, "--format", "json"])
            let document = try requireJSON(diff)
            let statements = document["statements"].array ?? []
            switch corpus.name {
            case "pagila":
                // Privileges are not in the model format: the importer names the schema's grant,
                // and that grant is all the compiled models lack.
                #expect(skipped.contains { $0.hasPrefix("privileges on schema public:") }, "\(skipped)")
                #expect(skipped.count == 1, "\(skipped)")
                #expect(diff.status == 2, "\(diff)")
                #expect(!statements.isEmpty && statements.allSatisfy { $0["object"]["kind"].string == "schema" && $0["object"]["name"].string == "public" },
                        "\(statements)")
            default:
                // Everything, column statistics options included, is in the models.
                #expect(skipped.isEmpty, "\(skipped)")
                #expect(diff.status == 0, "\(diff)")
                #expect(statements.isEmpty, "\(statements)")
            }
        }
    }
}
