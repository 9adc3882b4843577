import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import StrataDocs
import StrataSchema
import Testing

/// The SVG that Graphviz draws from the DOT source is well-formed XML and names every table
/// (partitions included). Needs Graphviz's `dot` (Debian's graphviz package; .ci/run
/// installs it): without it the tests fail, saying so.
@Suite struct SVGDiagramTests {
    @Test func theModelsExampleDrawsEveryTable() async throws {
        let schema = try await ExampleSupport.schema(of: "models")
        try check(schema)
    }

    @Test func namesThatNeedEscapingAndDiagramsPerSchema() throws {
        try check(DocsFixtures.shop())
        try check(DocsFixtures.chain(40, schemas: 2), options: DocsOptions(source: "a test", svgLimit: 10))
    }

    private func check(_ schema: Schema, options: DocsOptions = DocsOptions(source: "a test")) throws {
        let dot = try #require(
            ExampleSupport.dot(),
            "Graphviz's dot is not on PATH: install the graphviz package (apt-get install graphviz), as .ci/run does"
        )
        let sources = SchemaDocumenter(schema: schema, options: options).diagramSources()
        #expect(!sources.isEmpty)
        var named = ""
        for source in sources {
            let folder = FileManager.default.temporaryDirectory.path + "/strata-svg-\(UUID().uuidString.prefix(8))"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try source.text.write(toFile: folder + "/schema.dot", atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: dot)
            process.arguments = ["-Tsvg", "-o", folder + "/schema.svg", folder + "/schema.dot"]
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "dot failed on \(source.path)")
            let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/schema.svg"))
            let reader = TextCollector()
            let parser = XMLParser(data: data)
            parser.delegate = reader
            #expect(parser.parse(), "\(source.path): the SVG is not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
            #expect(reader.root == "svg")
            named += reader.text.joined(separator: "\n")
        }
        for table in schema.tables {
            #expect(named.contains(table.name.description), "the SVG does not name \(table.name)")
        }
    }
}

/// Collects the text of every `<text>` element and the root element's name.
private final class TextCollector: NSObject, XMLParserDelegate {
    var root: String?
    var text: [String] = []
    private var current: String?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if root == nil { root = name }
        if name == "text" { current = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        current? += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text", let current { text.append(current) }
        if name == "text" { current = nil }
    }
}
