import Foundation
import StrataTesting
import Testing

extension SchemaAsCodeTests {
    /// `strata models …` and the models workflow on `Examples/models` (issue 4): compile,
    /// generate, up, down, up; a hand-edited generated file; errors in JSON. Nested in the
    /// serialized schema-as-code suite: both check that no scratch database is left behind.
    @Suite("layered models") struct ModelsCommandTests {
        /// A copy of `Examples/models` (config, layers, schema, migrations) whose scratch
        /// databases live on the test server.
        static func project(_ database: TestDatabase) async throws -> Project {
            let project = try Project.make(config: nil, databaseURL: database.url)
            let source = Paths.packageRoot + "/Examples/models"
            let manager = FileManager.default
            for relative in try manager.subpathsOfDirectory(atPath: source).sorted() {
                var isDirectory: ObjCBool = false
                guard manager.fileExists(atPath: source + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue,
                      !relative.hasPrefix(".strata")
                else { continue }
                try project.write(relative, try String(contentsOfFile: source + "/" + relative, encoding: .utf8))
            }
            let admin = try await TestServer.adminSettings()
            try project.write("strata.yaml", try project.read("strata.yaml") + "scratch_url: \"\(admin.url(includingPassword: true))\"\n")
            return project
        }

        @Test func theExampleCompilesToTheCommittedFileAndItsMigrationIsInSync() async throws {
            try await TestDatabase.withDatabase { database in
                let project = try await Self.project(database)
                defer { project.delete() }
                let committed = try project.read("schema/models.sql")
                let compile = await project.run(["models", "compile"])
                #expect(compile.status == 0, "\(compile)")
                #expect(compile.stdout.contains("Up to date: schema/models.sql from 3 layers"), "\(compile)")
                #expect(try project.read("schema/models.sql") == committed, "the committed generated file is what the layers compile to")

                let check = await project.run(["generate", "--check"])
                #expect(check.status == 0, "the example's migration gives its models: \(check)")
            }
        }

        @Test func generateUpDownUpFromTheModels() async throws {
            try await TestDatabase.withDatabase { database in
                let project = try await Self.project(database)
                defer { project.delete() }
                let up = await project.run(["up"])
                #expect(up.status == 0, "\(up)")

                // The app layer adds a column and an index to a domain table.
                let addition = """
                    tables:
                      products:
                        columns:
                          weight_grams: { type: integer, nullable: true, check: "weight_grams > 0" }
                        indexes: [weight_grams]
                    """
                try project.write("models/app/90_shipping.yaml", addition)
                let check = await project.run(["generate", "--check"])
                #expect(check.status == 4, "\(check)")
                let generated = await project.run(["generate", "add_weight"])
                #expect(generated.status == 0, "\(generated)")
                #expect(generated.stdout.contains("Compiled the models into schema/models.sql"), "\(generated)")
                let models = try project.read("schema/models.sql")
                #expect(models.contains("weight_grams integer"))
                #expect(models.contains("CONSTRAINT products_weight_grams_check CHECK (weight_grams > 0)"))
                #expect(models.contains("CREATE INDEX products_weight_grams_idx ON products (weight_grams)"))
                let files = project.migrationFiles().filter { $0.contains("add_weight") }
                #expect(!files.isEmpty)

                let upAgain = await project.run(["up"])
                #expect(upAgain.status == 0, "\(upAgain)")
                let columns = try await database.rows(
                    "SELECT column_name::text FROM information_schema.columns WHERE table_name = 'products' AND column_name = 'weight_grams'"
                ).compactMap { $0[0] }
                #expect(columns == ["weight_grams"])
                let diff = await project.run(["diff"])
                #expect(diff.status == 0, "the database matches the models after up: \(diff)")

                let down = await project.run(["down"])
                #expect(down.status == 0, "\(down)")
                let gone = try await database.rows(
                    "SELECT column_name::text FROM information_schema.columns WHERE table_name = 'products' AND column_name = 'weight_grams'"
                )
                #expect(gone.isEmpty)
                let upOnceMore = await project.run(["up"])
                #expect(upOnceMore.status == 0, "\(upOnceMore)")
            }
        }

        @Test func aHandEditedGeneratedFileIsRefusedAtTheEditedLine() async throws {
            try await TestDatabase.withDatabase { database in
                let project = try await Self.project(database)
                defer { project.delete() }
                let original = try project.read("schema/models.sql")
                var lines = original.components(separatedBy: "\n")
                let index = try #require(lines.firstIndex { $0.hasPrefix("CREATE TABLE customers") })
                lines.insert("    loyalty_points integer,", at: index + 1)
                try project.write("schema/models.sql", lines.joined(separator: "\n"))

                let compile = await project.run(["models", "compile"])
                #expect(compile.status == 4, "\(compile)")
                #expect(compile.stderr.contains("schema/models.sql:\(index + 2):5: schema/models.sql was edited by hand"), "\(compile)")
                #expect(compile.stderr.contains("table public.customers → models/domain/20_customers.yaml"), "\(compile)")
                #expect(compile.stderr.contains("strata models compile --force"))
                #expect(try project.read("schema/models.sql").contains("loyalty_points"), "the edit is kept")

                let generate = await project.run(["generate", "loyalty"])
                #expect(generate.status == 4, "generate compiles first and refuses too: \(generate)")

                let json = await project.run(["models", "check", "--format", "json"])
                #expect(json.status == 0, "check validates the layers: \(json)")
                #expect(json.stdout.contains("\"generated_file\" : \"edited by hand\""), "\(json)")

                let forced = await project.run(["models", "compile", "--force"])
                #expect(forced.status == 0, "\(forced)")
                #expect(try project.read("schema/models.sql") == original)
            }
        }

        @Test func modelProblemsAreExit4WithEveryPositionInJSON() async throws {
            try await TestDatabase.withDatabase { database in
                let project = try await Self.project(database)
                defer { project.delete() }
                try project.write("models/app/90_broken.yaml", "tables:\n  parcels:\n    columns:\n      id: uuidd\n      order_id: { type: uuid, references: orderz }\n")
                let result = await project.run(["models", "check", "--format", "json"])
                #expect(result.status == 4, "\(result)")
                let document = try #require(JSONValue.parse(result.stdout))
                let problems = document["error"]["model_problems"].array ?? []
                #expect(problems.count == 2, "\(result.stdout)")
                #expect(problems.first?["location"]["file"].string == "models/app/90_broken.yaml")
                #expect(problems.first?["location"]["line"].int == 4)
                #expect(problems.first?["location"]["column"].int == 11)
                #expect(problems.last?["location"]["line"].int == 5)
                #expect(result.stderr.contains("models/app/90_broken.yaml:4:11: unknown type \"uuidd\" for column parcels.id"))
            }
        }

        @Test func importAnExistingDatabaseThenCompileAndDiffIsEmpty() async throws {
            try await TestDatabase.withDatabase { database in
                let project = try Project.quickstart(databaseURL: database.url)
                defer { project.delete() }
                let admin = try await TestServer.adminSettings()
                try project.write("strata.yaml", try project.read("strata.yaml") + "scratch_url: \"\(admin.url(includingPassword: true))\"\n")
                let up = await project.run(["up"])
                #expect(up.status == 0, "\(up)")

                let imported = await project.run(["models", "import", "--layer", "models/app"])
                #expect(imported.status == 0, "\(imported)")
                #expect(imported.stdout.contains("Next: add `models: [models/app]` to strata.yaml"), "\(imported)")
                #expect(project.exists("models/app/tables/users.yaml"))
                #expect(project.exists("models/app/types.yaml"))
                #expect(!((try? project.read("models/app/tables/users.yaml")) ?? "").contains("strata_migrations"))

                let again = await project.run(["models", "import", "--layer", "models/app"])
                #expect(again.status == 2, "a layer that already holds models is not overwritten: \(again)")

                try project.write("strata.yaml", try project.read("strata.yaml") + "models: [models/app]\n")
                let compile = await project.run(["models", "compile"])
                #expect(compile.status == 0, "\(compile)")
                let diff = await project.run(["diff"])
                #expect(diff.status == 0, "the imported models describe the database exactly: \(diff)")
                let check = await project.run(["generate", "--check"])
                #expect(check.status == 0, "and the migrations: \(check)")
            }
        }

        @Test func modelsCommandsWithoutModelsSayHowToConfigureThem() async throws {
            let project = try Project.make()
            defer { project.delete() }
            let result = await project.run(["models", "check"])
            #expect(result.status == 2, "\(result)")
            #expect(result.stderr.contains("no models are configured"))
        }
    }
}

@Suite struct HelpOutputTests {
    @Test(arguments: [["--help"], ["help"], ["models", "--help"], ["diff", "--help"]])
    func helpIsPrintedOnStandardOutput(_ arguments: [String]) async throws {
        let project = try Project.make()
        defer { project.delete() }
        let result = await project.run(arguments)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("USAGE: strata"), "\(result)")
    }
}
