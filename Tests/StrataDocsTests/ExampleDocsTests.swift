import Foundation
import StrataDocs
import Testing

/// Golden pages of the example projects: `Examples/quickstart` and `Examples/codegen`
/// against `Goldens/<example>/`, and `Examples/models` against the documentation committed
/// in its `docs/schema/`. `STRATA_UPDATE_GOLDENS=1 swift test --filter ExampleDocsTests`
/// rewrites them; review the difference before committing it.
@Suite struct ExampleDocsTests {
    @Test(arguments: [
        ("quickstart", "Tests/StrataDocsTests/Goldens/quickstart"),
        ("codegen", "Tests/StrataDocsTests/Goldens/codegen"),
        ("models", "Examples/models/docs/schema"),
    ])
    func pagesMatchTheGoldenFiles(example: String, golden: String) async throws {
        let schema = try await ExampleSupport.schema(of: example)
        let pages = SchemaDocumenter(schema: schema, options: DocsOptions(source: ExampleSupport.source)).pages()
        let folder = ExampleSupport.packageRoot + "/" + golden
        if ProcessInfo.processInfo.environment["STRATA_UPDATE_GOLDENS"] == "1" {
            try ExampleSupport.write(pages, to: folder)
        }
        let expected = ExampleSupport.files(in: folder)
        let actual = Dictionary(uniqueKeysWithValues: pages.map { ($0.path, $0.text) })
        #expect(actual.keys.sorted() == expected.keys.sorted(), "regenerate with `STRATA_UPDATE_GOLDENS=1 swift test --filter ExampleDocsTests`")
        for (path, text) in actual.sorted(by: { $0.key < $1.key }) {
            #expect(text == expected[path], "\(golden)/\(path) differs; regenerate with `STRATA_UPDATE_GOLDENS=1 swift test --filter ExampleDocsTests`")
            for block in MermaidGrammar.blocks(in: text) {
                let problems = MermaidGrammar.check(block).problems
                #expect(problems.isEmpty, "\(path): \(problems)")
            }
        }
    }
}
