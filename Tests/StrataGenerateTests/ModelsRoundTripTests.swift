import Foundation
import StrataDiff
import StrataGenerate
import StrataModels
import StrataPostgres
import StrataSchema
import StrataTesting
import Testing

/// Issue 4's round trip: for every conformance case, load b.sql into a database, import
/// it into model files, compile them, load the compiled SQL into a second database, and
/// plan between the two: the plan must be empty. Cases with objects the model format
/// cannot express are listed in ``unsupported`` with the importer's reason, and the test
/// checks that the importer reports exactly those.
@Suite(.serialized) struct ModelsRoundTripTests {
    /// Cases whose b.sql holds objects the format does not express, and what they are.
    static let unsupported: [String: String] = [
        "collations": "collation public.x (collations are not part of the model format)",
    ]

    @Test(arguments: ConformanceTests.corpus) func importCompileAndDiffIsEmpty(_ name: String) async throws {
        try await RoundTrip.ensureRoles()
        let directory = RoundTrip.conformanceCase(name)
        let inspector = SchemaInspector(options: ConformanceTests.scope(name).inspection)
        try await TestDatabase.withDatabase("models_\(name)_b") { original in
            try await RoundTrip.psql(file: directory + "/b.sql", database: original)
            let session = try await original.session()
            let schema = try await inspector.inspect(session)
            await session.close()

            let imported = ModelImporter().importSchema(schema)
            if let reason = Self.unsupported[name] {
                #expect(!imported.skipped.isEmpty, "\(name) is listed as unsupported (\(reason)) but imports completely")
                return
            }
            #expect(imported.skipped.isEmpty, "\(name): the importer skipped \(imported.skipped)")
            let layer = ModelLayer(
                path: "models/imported", files: imported.files.map { ModelSourceFile(displayPath: "models/imported/" + $0.path, text: $0.text) }
            )
            let compiled: CompiledModels
            do {
                compiled = try ModelCompiler().compile([layer])
            } catch {
                Issue.record("\(name): the imported models do not compile:\n\(error)\n\(Self.show(imported))")
                return
            }
            try await TestDatabase.withDatabase("models_\(name)_c") { rebuilt in
                let session = try await rebuilt.session()
                do {
                    try await SchemaFiles(files: [.init(displayPath: "schema/models.sql", text: compiled.fileText)]).load(into: session)
                } catch {
                    await session.close()
                    Issue.record("\(name): the compiled models do not load: \(error)\n\(compiled.fileText)")
                    return
                }
                let rebuiltSchema = try await inspector.inspect(session)
                await session.close()
                let plan = try SchemaDiffer.plan(from: schema, to: rebuiltSchema)
                #expect(plan.isEmpty, "\(name): diff between the database and its compiled models is not empty:\n\(plan.sql())\n\(compiled.fileText)")
            }
        }
    }

    static func show(_ imported: ImportedModels) -> String {
        imported.files.map { "# \($0.path)\n\($0.text)" }.joined(separator: "\n")
    }
}
