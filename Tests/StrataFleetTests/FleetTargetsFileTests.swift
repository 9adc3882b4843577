import StrataFleet
import Testing

@Suite("targets files")
struct FleetTargetsFileTests {
    @Test func readsURLsAndSchemasSkippingCommentsAndBlanks() throws {
        let text = """
            # tenants on the shared server
            postgres://app@db1/shared tenant_001
            postgres://app@db1/shared\ttenant_002   # moved in March

            postgres://app@db2/acme
            postgres://app@db1/shared "Tenant ""Quoted"" One"\r
            """
        let entries = try FleetTargetsFile.parse(text, file: "targets.txt")
        #expect(entries.map(\.url) == [
            "postgres://app@db1/shared", "postgres://app@db1/shared", "postgres://app@db2/acme", "postgres://app@db1/shared",
        ])
        #expect(entries.map(\.schema) == ["tenant_001", "tenant_002", nil, "Tenant \"Quoted\" One"])
        #expect(entries.map(\.line) == [2, 3, 5, 6])
    }

    @Test func namesTheLineOfAMalformedEntry() {
        #expect {
            try FleetTargetsFile.parse("postgres://a/b\npostgres://a/b one two\n", file: "t.txt")
        } throws: { error in
            let error = error as? FleetError
            return error?.code == .targetsFile && error?.origin == "t.txt:2" && error?.message.contains("3 fields") == true
        }
        #expect {
            try FleetTargetsFile.parse("postgres://a/b \"open", file: "t.txt")
        } throws: { error in
            (error as? FleetError)?.message == "unterminated quote"
        }
    }

    @Test func anEmptyFileHasNoEntries() throws {
        #expect(try FleetTargetsFile.parse("\n# nothing yet\n", file: "t.txt").isEmpty)
    }
}
