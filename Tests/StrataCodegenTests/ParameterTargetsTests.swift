@testable import StrataCodegen
import Testing

@Suite struct ParameterTargetsTests {
    let catalog = NullabilityCatalog(relations: [
        .init(schema: "public", name: "users", columns: [
            .init(name: "id", notNull: true), .init(name: "name", notNull: true), .init(name: "nickname", notNull: false),
            .init(name: "bio", notNull: false),
        ]),
    ])

    @Test func valuesForNullableColumnsAreOptional() {
        #expect(ParameterTargets.optionalParameters(
            sql: "INSERT INTO users (id, name, nickname, bio) VALUES ($1, $2, $3::text, lower($4)) RETURNING id", catalog: catalog
        ) == [3])
        #expect(ParameterTargets.optionalParameters(
            sql: "INSERT INTO public.users AS u (nickname, id) VALUES ($1, $2), ($3, $4) ON CONFLICT DO NOTHING", catalog: catalog
        ) == [1, 3])
        #expect(ParameterTargets.optionalParameters(
            sql: "UPDATE users u SET nickname = $1, name = $2, bio = coalesce($3, bio) WHERE id = $4", catalog: catalog
        ) == [1])
        #expect(ParameterTargets.optionalParameters(
            sql: "WITH x AS (SELECT 1) UPDATE ONLY users SET bio = $1 FROM x WHERE true RETURNING id", catalog: catalog
        ) == [1])
    }

    @Test func aParameterAlsoUsedElsewhereStaysRequired() {
        #expect(ParameterTargets.optionalParameters(
            sql: "UPDATE users SET nickname = $1 WHERE nickname IS DISTINCT FROM $1", catalog: catalog
        ).isEmpty)
        #expect(ParameterTargets.optionalParameters(sql: "SELECT $1::text", catalog: catalog).isEmpty)
        #expect(ParameterTargets.optionalParameters(sql: "INSERT INTO nowhere (a) VALUES ($1)", catalog: catalog).isEmpty)
        #expect(ParameterTargets.optionalParameters(sql: "INSERT INTO users (nickname", catalog: catalog).isEmpty)
    }
}
