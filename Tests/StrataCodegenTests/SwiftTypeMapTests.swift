@testable import StrataCodegen
import Testing

@Suite struct SwiftTypeMapTests {
    static let catalog = CodegenCatalog(relations: [], types: [
        3802: TypeEntry(oid: 3802, schema: "pg_catalog", name: "jsonb", display: "jsonb", kind: .base),
        20: TypeEntry(oid: 20, schema: "pg_catalog", name: "int8", display: "bigint", kind: .base),
        1016: TypeEntry(oid: 1016, schema: "pg_catalog", name: "_int8", display: "bigint[]", kind: .array, elementOID: 20),
        1700: TypeEntry(oid: 1700, schema: "pg_catalog", name: "numeric", display: "numeric", kind: .base),
        1231: TypeEntry(oid: 1231, schema: "pg_catalog", name: "_numeric", display: "numeric[]", kind: .array, elementOID: 1700),
        600: TypeEntry(oid: 600, schema: "pg_catalog", name: "point", display: "point", kind: .base),
        90001: TypeEntry(oid: 90001, schema: "billing", name: "order_state", display: "billing.order_state", kind: .enumeration, enumLabels: ["new"]),
        90002: TypeEntry(oid: 90002, schema: "public", name: "cents", display: "cents", kind: .domain, baseOID: 20, domainNotNull: true),
    ])

    @Test func overridesFromTheConfigurationWin() throws {
        let map = SwiftTypeMap(catalog: Self.catalog, overrides: ["jsonb": "OrderDetails", "point": "MyPoint"])
        #expect(try map.swiftType(3802) == SwiftType(name: "OrderDetails", coding: .native))
        #expect(try map.swiftType(600).name == "MyPoint")
        #expect(try SwiftTypeMap(catalog: Self.catalog).swiftType(3802).name == "JSONValue")
    }

    @Test func arraysDomainsAndEnumsOfOtherSchemas() throws {
        let map = SwiftTypeMap(catalog: Self.catalog)
        #expect(try map.swiftType(1016) == SwiftType(name: "[Int64]", coding: .native))
        #expect(try map.swiftType(90002).name == "Int64")
        #expect(try map.swiftType(90001) == SwiftType(name: "BillingOrderState", coding: .text(isEnum: true)))
        #expect(throws: UnsupportedType.self) { try map.swiftType(1231) }
        #expect(throws: UnsupportedType.self) { try map.swiftType(600) }
    }
}
