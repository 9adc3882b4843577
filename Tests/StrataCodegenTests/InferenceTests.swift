import Foundation
import StrataCodegen
import StrataGenerate
import Testing

/// Types and nullability as inferred end to end: the migrations on a scratch database,
/// each query described by the server, nullability from the analysis.
@Suite struct InferenceTests {
    static let schema = """
        CREATE EXTENSION IF NOT EXISTS citext;
        CREATE TYPE mood AS ENUM ('happy', 'sad');
        CREATE DOMAIN cents AS bigint NOT NULL;
        CREATE TABLE users (id bigint PRIMARY KEY, email citext NOT NULL, nickname text, mood mood NOT NULL, balance cents);
        CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users, note text, total bigint NOT NULL);
        CREATE VIEW user_emails AS SELECT id, email, nickname FROM users;
        """

    static let queries = """
        -- name: LeftJoin :many
        SELECT u.id, o.id AS order_id, o.total FROM users u LEFT JOIN orders o ON o.user_id = u.id;
        -- name: LeftJoinCTE :many
        WITH big AS (SELECT id, total FROM orders WHERE total > 100)
        SELECT u.email, big.total FROM users u LEFT JOIN big ON big.id = u.id;
        -- name: Expressions :one
        SELECT coalesce(nickname, 'none') AS nick, nullif(email, '') AS email,
               CASE WHEN balance > 0 THEN 'rich' END AS wealth, EXISTS (SELECT 1 FROM orders) AS any_orders
        FROM users WHERE id = @id;
        -- name: Aggregates :one
        SELECT count(*) AS n, sum(total) AS total, max(total) AS biggest FROM orders WHERE user_id = @user_id;
        -- name: Returning :one
        INSERT INTO orders (id, user_id, note, total) VALUES (@id, @user_id, @note, @total) RETURNING id, note, total;
        -- name: Typed :many
        SELECT id, balance, email FROM users WHERE mood = @mood AND id = ANY(@ids) AND email = @email AND (@id::bigint IS NULL OR id = @id);
        -- name: ViewColumns :many
        SELECT id, email, nickname FROM user_emails;
        -- name: Overrides :one
        SELECT nickname AS "nickname!", id AS "id?" FROM users LIMIT 1;
        """

    @Test func typesAndNullabilityOfTheAcceptanceCases() async throws {
        let project = try CodegenSupport.project(schema: Self.schema, queries: ["all.sql": Self.queries])
        defer { try? FileManager.default.removeItem(atPath: project) }
        let result = try await CodegenSupport.run(project: project, sources: "test")
        func query(_ name: String) throws -> DescribedQuery {
            try #require(result.queries.first { $0.definition.name == name })
        }
        func optional(_ name: String) throws -> [String: Bool] {
            Dictionary(uniqueKeysWithValues: try query(name).columns.map { ($0.name, $0.optional) })
        }
        func typeName(_ oid: UInt32) -> String { result.catalog.types[oid]?.display ?? "?" }

        #expect(try optional("LeftJoin") == ["id": false, "order_id": true, "total": true])
        #expect(try optional("LeftJoinCTE") == ["email": false, "total": true])
        #expect(try optional("Expressions") == ["nick": false, "email": true, "wealth": true, "any_orders": false])
        #expect(try optional("Aggregates") == ["n": false, "total": true, "biggest": true])
        #expect(try query("Aggregates").returnsOptionalRow == false)
        #expect(try query("Expressions").returnsOptionalRow == true)
        #expect(try optional("Returning") == ["id": false, "note": true, "total": false])
        // @note only sets a nullable column: optional, as sqlc makes it.
        #expect(try query("Returning").parameters.map(\.optional) == [false, false, true, false])
        #expect(try optional("ViewColumns") == ["id": false, "email": false, "nickname": true])
        #expect(try optional("Overrides") == ["nickname": false, "id": true])

        let typed = try query("Typed")
        // @id is used twice: one parameter.
        #expect(typed.parameters.map(\.name) == ["mood", "ids", "email", "id"])
        #expect(typed.parameters.map { typeName($0.typeOID) } == ["mood", "bigint[]", "citext", "bigint"])
        #expect(try optional("Typed") == ["id": false, "balance": false, "email": false])
        let swift = SwiftTypeMap(catalog: result.catalog)
        #expect(try typed.parameters.map { try swift.swiftType($0.typeOID).name } == ["Mood", "[Int64]", "String", "Int64"])
        #expect(try swift.swiftType(typed.parameters[2].typeOID).coding == .text(isEnum: false))

        // The view's row type: its columns' nullability comes from its definition.
        let view = try #require(result.catalog.relations.first { $0.name == "user_emails" })
        #expect(view.columns.map(\.notNull) == [true, true, false])
        // The NOT NULL domain makes the column required in the insert type.
        let users = try #require(result.catalog.relations.first { $0.name == "users" })
        #expect(users.columns.first { $0.name == "balance" }?.notNull == true)
    }

    @Test func badQueriesNameTheFileLineAndColumn() async throws {
        let unknownColumn = try CodegenSupport.project(schema: Self.schema, queries: ["a.sql": "-- name: A :many\nSELECT id,\n  nmae FROM users;\n"])
        defer { try? FileManager.default.removeItem(atPath: unknownColumn) }
        let error = await #expect(throws: QueryDescribeError.self) {
            try await CodegenSupport.run(project: unknownColumn, sources: "test")
        }
        #expect(error?.file == "queries/a.sql" && error?.line == 3 && error?.column == 3)
        #expect(error?.message.contains("nmae") == true)

        let duplicate = try CodegenSupport.project(
            schema: Self.schema, queries: ["a.sql": "-- name: A :one\nSELECT 1;\n", "b.sql": "-- name: A :one\nSELECT 2;\n"]
        )
        defer { try? FileManager.default.removeItem(atPath: duplicate) }
        let twice = await #expect(throws: QueryFileError.self) { try await CodegenSupport.run(project: duplicate, sources: "test") }
        #expect(twice?.file == "queries/b.sql" && twice?.message.contains("first at queries/a.sql:1") == true)

        let unsupported = try CodegenSupport.project(schema: Self.schema, queries: ["a.sql": "-- name: Where :one\nSELECT point(1, 2) AS place;\n"])
        defer { try? FileManager.default.removeItem(atPath: unsupported) }
        let type = await #expect(throws: CodegenError.self) { try await CodegenSupport.run(project: unsupported, sources: "test") }
        #expect(type?.file == "queries/a.sql" && type?.line == 1)
        #expect(type?.message.contains("column place of query Where has type point") == true)
    }
}
