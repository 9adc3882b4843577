import StrataCodegen
import Testing

@Suite struct QueryFileParserTests {
    @Test func namedQueriesWithParametersNumberedInOrderOfFirstUse() throws {
        let text = """
            -- A comment before the first query is fine.
            -- name: OrdersByUser :many
            SELECT * FROM orders WHERE user_id = @user_id AND (status = @status OR @user_id IS NULL);

            -- name: Rename :execrows
            UPDATE users SET nickname = strata.narg(nickname), name=@name
            WHERE id = ANY(@ids) AND tags @> '{a}' AND doc @@ to_tsquery('x');
            """
        let queries = try QueryFileParser.parse(text, file: "queries/orders.sql")
        #expect(queries.map(\.name) == ["OrdersByUser", "Rename"])
        #expect(queries.map(\.kind) == [.many, .execrows])
        #expect(queries[0].line == 2)
        #expect(queries[0].sql == "SELECT * FROM orders WHERE user_id = $1 AND (status = $2 OR $1 IS NULL)")
        #expect(queries[0].parameters.map(\.name) == ["user_id", "status"])
        #expect(queries[1].sql == "UPDATE users SET nickname = $1, name=$2\nWHERE id = ANY($3) AND tags @> '{a}' AND doc @@ to_tsquery('x')")
        #expect(queries[1].parameters.map(\.forcedOptional) == [true, false, false])
        #expect(queries[1].text.hasPrefix("UPDATE users SET nickname = strata.narg(nickname)"))
    }

    @Test func serverPositionsMapBackToTheFile() throws {
        let text = "-- name: Q :one\nSELECT id,\n       nmae FROM users WHERE id = @id\n"
        let query = try #require(try QueryFileParser.parse(text, file: "q.sql").first)
        // The server points at `nmae`: character 19 of the statement it was sent.
        let position = try #require(query.sql.range(of: "nmae").map { query.sql.distance(from: query.sql.startIndex, to: $0.lowerBound) + 1 })
        let place = try #require(query.sourcePosition(ofServerPosition: position))
        #expect((place.line, place.column) == (3, 8))
        // After a rewritten parameter the columns still match the file.
        let after = try #require(query.sourcePosition(ofServerPosition: query.sql.count))
        #expect(after.line == 3)
    }

    @Test func badFilesNameTheLine() {
        func failure(_ text: String) -> QueryFileError? {
            do {
                _ = try QueryFileParser.parse(text, file: "q.sql")
                return nil
            } catch {
                return error
            }
        }
        #expect(failure("SELECT 1;\n-- name: A :one\nSELECT 2")?.line == 1)
        #expect(failure("SELECT 1;\n-- name: A :one\nSELECT 2")?.message.contains("before the first `-- name:`") == true)
        #expect(failure("-- name: A :some\nSELECT 1")?.message.contains("unknown query kind :some") == true)
        #expect(failure("-- name: A\nSELECT 1")?.message.contains("needs a name and a kind") == true)
        #expect(failure("-- name: 1A :one\nSELECT 1")?.message.contains("not an identifier") == true)
        #expect(failure("-- name: A :one\n\n-- name: B :one\nSELECT 1")?.message.contains("has no statement") == true)
        let twoStatements = failure("-- name: A :exec\nSELECT 1;\nSELECT 2;")
        #expect(twoStatements?.message.contains("more than one statement") == true)
        #expect(twoStatements?.line == 2)
    }

    @Test func swiftNames() {
        #expect(Naming.lowerCamel("user_id") == "userId")
        #expect(Naming.lowerCamel("OrdersByUser") == "ordersByUser")
        #expect(Naming.lowerCamel("ID") == "id")
        #expect(Naming.lowerCamel("default") == "`default`")
        #expect(Naming.lowerCamel("2fa") == "_2fa")
        #expect(Naming.upperCamel("order_status") == "OrderStatus")
        #expect(Naming.caseName("so-so") == "soSo")
    }
}
