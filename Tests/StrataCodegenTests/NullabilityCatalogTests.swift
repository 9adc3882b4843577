import StrataCodegen
import Testing

@Suite struct NullabilityCatalogTests {
    @Test func unqualifiedNamesFollowTheSearchPath() {
        let catalog = NullabilityCatalog(relations: [
            .init(schema: "public", name: "users", columns: [.init(name: "id", notNull: true)]),
            .init(schema: "app", name: "users", columns: [.init(name: "id", notNull: false)]),
        ], searchPath: ["app", "public"])
        #expect(catalog.relation(schema: nil, name: "users")?.schema == "app")
        #expect(catalog.relation(schema: "public", name: "users")?.columns.first?.notNull == true)
        #expect(catalog.relation(schema: nil, name: "orders") == nil)
    }
}
