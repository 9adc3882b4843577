import Foundation
import StrataTesting
import Testing

@Suite struct CodegenCommandTests {
    private func project(queries: String) async throws -> Project {
        let admin = try await TestServer.adminSettings()
        let project = try Project.make(
            config: """
                scratch_url: "\(admin.url(includingPassword: true))"
                codegen: {queries: queries, output: Sources/App/Database.swift, namespace: AppDB}
                """,
            migrations: ["20240101000000_users.sql": "-- strata:up\nCREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n"]
        )
        try project.write("queries/users.sql", queries)
        return project
    }

    @Test func writesThenChecksThenReportsStaleAsExit4() async throws {
        let project = try await project(queries: "-- name: UserName :one\nSELECT name FROM users WHERE id = @id;\n")
        defer { project.delete() }
        let check = await project.run(["codegen", "--check"])
        expectStatus(check, 4)
        expectContains(check.stdout, "out of date")
        #expect(!FileManager.default.fileExists(atPath: project.path("Sources/App/Database.swift")))

        let written = await project.run(["codegen"])
        expectStatus(written, 0)
        expectContains(written.stdout, "Wrote Sources/App/Database.swift (1 table and view, 1 query)")
        let text = try project.read("Sources/App/Database.swift")
        expectContains(text, "public struct AppDB: Sendable")
        expectContains(text, "public func userName(id: Int64) async throws -> UserNameRow?")
        expectStatus(await project.run(["codegen", "--check"]), 0)

        let json = try requireJSON(await project.run(["codegen", "--check", "--format", "json"]))
        expectKeys(json, ["output", "stale", "written", "tables", "queries", "timings"])
        let query = json["queries"][0]
        #expect(query["name"].string == "UserName" && query["returns_optional_row"].bool == true)
        #expect(query["parameters"][0]["type"].string == "bigint" && query["parameters"][0]["swift_type"].string == "Int64")
        #expect(query["columns"][0]["optional"].bool == false)
    }

    @Test func jsonNamesTheSwiftTypesOfTheTypeOverrides() async throws {
        let project = try await project(queries: "-- name: UserName :one\nSELECT name FROM users WHERE id = @id;\n")
        defer { project.delete() }
        let config = try project.read("strata.yaml").replacingOccurrences(
            of: "codegen: {queries: queries, output: Sources/App/Database.swift, namespace: AppDB}",
            with: "codegen: {queries: queries, output: Database.swift, types: {bigint: UserID}}"
        )
        try project.write("strata.yaml", config)
        let json = try requireJSON(await project.run(["codegen", "--format", "json"]))
        #expect(json["queries"][0]["parameters"][0]["swift_type"].string == "UserID")
        expectContains(try project.read("Database.swift"), "public func userName(id: UserID)")
    }

    @Test func aRejectedQueryNamesFileLineAndColumnAndWritesNothing() async throws {
        let project = try await project(queries: "-- name: Broken :many\nSELECT id,\n       nmae FROM users;\n")
        defer { project.delete() }
        let result = await project.run(["codegen"])
        expectStatus(result, 2)
        expectContains(result.stderr, "queries/users.sql:3:8: query Broken:")
        expectContains(result.stderr, "nmae")
        #expect(!FileManager.default.fileExists(atPath: project.path("Sources/App/Database.swift")))

        let missingName = try await self.project(queries: "SELECT 1;\n")
        defer { missingName.delete() }
        let noName = await missingName.run(["codegen"])
        expectStatus(noName, 2)
        expectContains(noName.stderr, "queries/users.sql:1:1: SQL before the first `-- name:` line")
    }
}
