import StrataSchema

/// The file of every page: a folder per schema holding its `README.md` and a page per
/// table and view, named after them.
///
/// Names are made safe for every file system and for links: characters other than
/// letters, digits, `_`, `-` and `.` become `_`, a leading `.` too. Names that would then
/// collide (also when compared without case, as macOS and Windows do), and a relation
/// whose name would be taken for the folder's `README.md`, get a `-2`, `-3`, … suffix in
/// name order, so the same schema always gives the same paths.
struct PageNames: Sendable {
    private var folders: [String: String] = [:]
    private var pages: [QualifiedName: String] = [:]

    init(schemas: [String], relations: [QualifiedName]) {
        var usedFolders: Set<String> = []
        for schema in schemas.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            folders[schema] = Self.unique(Self.safe(schema), used: &usedFolders, reserved: [])
        }
        var used: [String: Set<String>] = [:]
        for relation in relations.sorted() {
            var taken = used[relation.schema] ?? []
            pages[relation] = Self.unique(Self.safe(relation.name), used: &taken, reserved: ["readme"]) + ".md"
            used[relation.schema] = taken
        }
    }

    /// The schema's folder, relative to the output folder.
    func folder(_ schema: String) -> String {
        folders[schema] ?? Self.safe(schema)
    }

    /// The path of a schema's page, relative to the output folder.
    func schemaPage(_ schema: String) -> String {
        folder(schema) + "/README.md"
    }

    /// The path of a table's or view's page, relative to the output folder.
    func page(_ relation: QualifiedName) -> String {
        folder(relation.schema) + "/" + (pages[relation] ?? Self.safe(relation.name) + ".md")
    }

    /// A link target to `relation`'s page from a page in `fromSchema`'s folder.
    func link(to relation: QualifiedName, fromSchema: String) -> String {
        let name = pages[relation] ?? Self.safe(relation.name) + ".md"
        return relation.schema == fromSchema ? name : "../" + folder(relation.schema) + "/" + name
    }

    /// Whether `relation` has a page.
    func hasPage(_ relation: QualifiedName) -> Bool {
        pages[relation] != nil
    }

    static func safe(_ name: String) -> String {
        var result = ""
        for scalar in name.unicodeScalars {
            let isSafe = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "_-.".unicodeScalars.contains(scalar))
            result.unicodeScalars.append(isSafe ? scalar : "_")
        }
        if result.hasPrefix(".") { result = "_" + result.dropFirst() }
        return result.isEmpty ? "_" : result
    }

    private static func unique(_ base: String, used: inout Set<String>, reserved: Set<String>) -> String {
        var candidate = base
        var number = 1
        while used.contains(candidate.lowercased()) || reserved.contains(candidate.lowercased()) {
            number += 1
            candidate = "\(base)-\(number)"
        }
        used.insert(candidate.lowercased())
        return candidate
    }
}
