import Testing
@testable import StrataModels

/// Each class of model error, with the exact file, line and column it names.
@Suite struct ModelErrorTests {
    static func layer(_ path: String, _ files: [String: String]) -> ModelLayer {
        ModelLayer(path: path, files: files.sorted { $0.key < $1.key }.map { ModelSourceFile(displayPath: path + "/" + $0.key, text: $0.value) })
    }

    static func problems(_ layers: [ModelLayer]) -> [ModelProblem] {
        do {
            _ = try ModelCompiler().compile(layers)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func badYAMLNamesTheLineAndColumn() throws {
        let text = """
            tables:
              users:
                columns:
                  id: uuid
                 name: text
            """
        let problems = Self.problems([Self.layer("models/shared", ["users.yaml": text])])
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(problem.location == ModelLocation(file: "models/shared/users.yaml", line: 5, column: 6))
        #expect(problem.message.hasPrefix("invalid YAML"))
    }

    @Test func unknownTypeNamesTheTypeNode() throws {
        let text = """
            tables:
              orders:
                columns:
                  id: uuid
                  customer_id: { type: uuidd, nullable: true }
            """
        let problem = try #require(Self.problems([Self.layer("models/domain", ["orders.yaml": text])]).first)
        #expect(problem.location == ModelLocation(file: "models/domain/orders.yaml", line: 5, column: 28))
        #expect(problem.message == "unknown type \"uuidd\" for column orders.customer_id")
    }

    @Test func shortFormTypesAndEveryKnownSpellingAreAccepted() {
        let text = """
            enums:
              mood: [happy, sad]
            domains:
              email: text
            tables:
              t:
                columns:
                  a: varchar(255)
                  b: "numeric(10,2)?"
                  c: timestamp(3) with time zone
                  d: "text[]"
                  e: mood
                  f: "email[]"
                  g: double precision
                  h: interval day to second
                  i: pg_catalog.int4
            """
        #expect(Self.problems([Self.layer("models/app", ["t.yaml": text])]).isEmpty)
    }

    @Test func referenceToAMissingTableOrColumn() throws {
        let text = """
            tables:
              users:
                columns:
                  id: { type: uuid, primary_key: true }
              orders:
                columns:
                  id: bigint
                  user_id: { type: uuid, references: usres }
                  owner_id: { type: uuid, references: users(uid) }
                indexes: [totl]
            """
        let problems = Self.problems([Self.layer("models/domain", ["orders.yaml": text])])
        #expect(problems.count == 3, "\(problems)")
        let table = try #require(problems.first { $0.message.contains("usres") })
        #expect(table.location == ModelLocation(file: "models/domain/orders.yaml", line: 8, column: 42))
        #expect(table.message == "references usres, which no model declares")
        let column = try #require(problems.first { $0.message.contains("uid") })
        #expect(column.location == ModelLocation(file: "models/domain/orders.yaml", line: 9, column: 43))
        #expect(column.message == "references column users.uid, which table users does not have")
        let index = try #require(problems.first { $0.message.contains("totl") })
        #expect(index.location == ModelLocation(file: "models/domain/orders.yaml", line: 10, column: 15))
    }

    @Test func duplicateColumnAcrossLayersWithoutOverride() throws {
        let shared = """
            tables:
              users:
                columns:
                  id: uuid
                  email: text
            """
        let app = """
            tables:
              users:
                columns:
                  email: varchar(320)
            """
        let layers = [Self.layer("models/shared", ["users.yaml": shared]), Self.layer("models/app", ["users.yaml": app])]
        let problem = try #require(Self.problems(layers).first)
        #expect(problem.location == ModelLocation(file: "models/app/users.yaml", line: 4, column: 7))
        #expect(problem.related == ModelLocation(file: "models/shared/users.yaml", line: 5, column: 7))
        #expect(problem.message == "column users.email is already declared by an earlier layer")
        #expect(problem.hint?.contains("override: true") == true)

        // With override: true, the later layer's column replaces the earlier one in place.
        let overriding = app.replacingOccurrences(of: "email: varchar(320)", with: "email: { type: varchar(320), override: true }")
        let compiled = try ModelCompiler().compile([Self.layer("models/shared", ["users.yaml": shared]), Self.layer("models/app", ["users.yaml": overriding])])
        #expect(compiled.model.tables[0].columns.map(\.name) == ["id", "email"])
        #expect(compiled.body.contains("email varchar(320) NOT NULL"))
    }

    @Test func sameTableTwiceInOneLayerIsAConflict() throws {
        let one = "tables:\n  users:\n    columns:\n      id: uuid\n"
        let two = "tables:\n  users:\n    columns:\n      name: text\n"
        let problem = try #require(Self.problems([Self.layer("models/shared", ["a.yaml": one, "b.yaml": two])]).first)
        #expect(problem.location == ModelLocation(file: "models/shared/b.yaml", line: 2, column: 3))
        #expect(problem.related == ModelLocation(file: "models/shared/a.yaml", line: 2, column: 3))
    }

    @Test func duplicateNameAfterNamingConventions() throws {
        let text = """
            tables:
              events:
                columns:
                  kind: text
                  at: timestamptz
                indexes:
                  - [kind, at]
                  - { columns: [kind, at], where: "kind <> 'debug'" }
            """
        let problem = try #require(Self.problems([Self.layer("models/app", ["events.yaml": text])]).first)
        #expect(problem.location == ModelLocation(file: "models/app/events.yaml", line: 8, column: 9))
        #expect(problem.related == ModelLocation(file: "models/app/events.yaml", line: 7, column: 9))
        #expect(problem.message == "index events_kind_at_idx has the same name as index events_kind_at_idx in schema public")
    }

    @Test func unknownKeysAreNamedWithASuggestion() throws {
        let text = "tables:\n  t:\n    columns:\n      a: { type: text, nulable: true }\n"
        let problem = try #require(Self.problems([Self.layer("models/app", ["t.yaml": text])]).first)
        #expect(problem.location == ModelLocation(file: "models/app/t.yaml", line: 4, column: 24))
        #expect(problem.hint?.hasPrefix("did you mean \"nullable\"?") == true)
    }

    @Test func namesLongerThan63BytesAreShortenedDeterministicallyAndStayDistinct() {
        let long = String(repeating: "a", count: 40)
        let first = NamingConventions.name("{table}_{columns}_idx", table: long, columns: ["customer_reference_one"])
        let second = NamingConventions.name("{table}_{columns}_idx", table: long, columns: ["customer_reference_two"])
        #expect(first.utf8.count == 63 && second.utf8.count == 63)
        #expect(first != second)
        #expect(first == NamingConventions.name("{table}_{columns}_idx", table: long, columns: ["customer_reference_one"]))
        #expect(NamingConventions.name("{table}_{columns}_key", table: "users", columns: ["lower(email)"]) == "users_lower_email_key")
        // Multi-byte names are cut at a character boundary.
        let wide = NamingConventions.shortened(String(repeating: "é", count: 40))
        #expect(wide.utf8.count <= 63 && wide.hasSuffix(String(wide.suffix(8))))
    }
}
