import CodegenExample
import Foundation
import PostgresNIO
import StrataCodegen
import StrataMigrate
import StrataPostgres
import StrataTesting
import Testing

/// `Examples/codegen`: its committed Swift file is what `strata codegen` writes today, and
/// every function in it works against a real server.
@Suite struct CodegenExampleTests {
    @Test func committedFileIsWhatCodegenWrites() async throws {
        let result = try await CodegenSupport.run(
            project: CodegenSupport.example,
            sources: "the migrations in migrations/ and the queries in queries/"
        )
        let committed = try String(contentsOfFile: CodegenSupport.example + "/Sources/CodegenExample/Database.swift", encoding: .utf8)
        #expect(result.swift == committed, "regenerate with `swift run strata -C Examples/codegen codegen`")
    }

    @Test func everyGeneratedFunctionRunsOnTheServer() async throws {
        try await TestDatabase.withDatabase { database in
            let session = try await database.session()
            let migrator = try Migrator(directory: MigrationDirectory(path: CodegenSupport.example + "/migrations"))
            _ = try await migrator.up(on: session)
            let db = Database(session.connection)

            // Inserts: defaults filled in, identity and generated columns left to the server.
            let ada = try await db.insert(Database.Users.Insert(email: "Ada@Example.com", name: "Ada"))
            #expect(ada.nickname == nil && ada.tags == [] && ada.id > 0)
            let bob = try await db.insert(Database.Users.Insert(email: "bob@example.com", name: "Bob", nickname: "bobby", tags: .value(["x", "y"])))
            #expect(bob.tags == ["x", "y"] && bob.nickname == "bobby")
            let first = try await db.insert(Database.Orders.Insert(userId: ada.id, total: 1000, details: .object(["gift": .bool(true)])))
            #expect(first.status == .pending && first.totalWithTax == Decimal(12) && first.details == .object(["gift": .bool(true)]))

            // citext: found whatever the case.
            let found = try await db.userByEmail(email: "ADA@example.COM")
            #expect(found?.id == ada.id && found?.email == "Ada@Example.com")
            #expect(try await db.userByEmail(email: "nobody@example.com") == nil)

            // Arrays as parameters.
            #expect(try await db.usersWithIDs(ids: [bob.id, ada.id]).map(\.name) == ["Ada", "Bob"])
            #expect(try await db.usersWithIDs(ids: []).isEmpty)

            // execrows and an optional parameter bound as NULL and as a value.
            #expect(try await db.renameUser(name: "Robert", nickname: nil, id: bob.id) == 1)
            #expect(try await db.renameUser(name: "Robert", nickname: "rob", id: 999_999) == 0)
            #expect(try await db.userByEmail(email: "bob@example.com")?.nickname == nil)

            // Enums both ways, jsonb, a NOT NULL domain, RETURNING with NULLs.
            let created = try await db.createOrder(userId: bob.id, status: .soSo, total: 250, note: nil, details: nil)
            #expect(created?.status == .soSo && created?.note == nil && created?.details == nil && created?.total == 250)
            try await db.markPaid(id: try #require(created).id, fromStatus: .soSo)
            #expect(try await db.ordersByStatus(statuses: [.paid, .pending], userId: bob.id).map(\.status) == [.paid])

            // LEFT JOIN: the order side optional; COALESCE not.
            let rows = try await db.ordersWithUsers()
            #expect(rows.count == 2)
            #expect(rows.contains { $0.name == "Ada" && $0.orderId == first.id && $0.note == "" })

            // An aggregate without GROUP BY: one row, sum optional, count not.
            let empty = try await db.orderTotal(userId: 999_999)
            #expect(empty.total == nil && empty.orders == 0 && empty.sample.currency == "EUR")
            let counted = try await db.countUsers()
            #expect(counted.users == 2 && counted.newest != nil)

            // A view.
            #expect(try await db.userOrderCounts().map(\.orders) == [1, 1])
            await session.close()
        }
    }
}
