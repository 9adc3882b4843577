import Foundation
import StrataSchema

/// Small random schemas from a seed, written as the introspector would (deparsed, qualified),
/// with consistent dependencies: names come from small pools so that two schemas share
/// many objects and differ in a few.
public struct RandomSchema {
    private var generator: SplitMix64

    /// The generator for `seed`: the same seed gives the same schemas.
    public init(seed: UInt64) { generator = SplitMix64(seed: seed &+ 0x9E37_79B9_7F4A_7C15) }

    public mutating func next() -> UInt64 { generator.next() }

    private mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    private mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }
    private mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }
    private mutating func subset<T>(_ items: [T], max: Int) -> [T] {
        var pool = items, result: [T] = []
        for _ in 0..<int(0...min(max, items.count)) { result.append(pool.remove(at: int(0...pool.count - 1))) }
        return result
    }

    static let tableNames = ["t1", "t2", "Order", "we\"ird"]
    static let columnNames = ["id", "a", "b", "Select", "c d"]
    static let plainTypes: [(type: String, defaults: [String])] = [
        ("integer", ["0", "42"]), ("bigint", ["0"]), ("text", ["'x'::text", "''::text"]),
        ("character varying(10)", ["'v'::character varying"]), ("numeric(10,2)", ["0.5"]), ("boolean", ["true", "false"]),
    ]

    /// The next random schema.
    public mutating func schema() -> Schema {
        var schema = Schema(namespaces: [Namespace(name: "public")])
        if chance(30) { schema.extensions.append(Extension(name: "hstore", schema: "public", version: pick(["1.7", "1.8"]))) }
        if chance(30) { schema.namespaces.append(Namespace(name: "App")) }
        var enumNames: [String] = []
        for name in subset(["mood", "State"], max: 2) {
            var labels = subset(["a", "b", "c", "d", "it's"], max: 4)
            if labels.isEmpty { labels = ["a"] }
            schema.enums.append(EnumType(name: QualifiedName("public", name), labels: labels))
            enumNames.append(name)
        }
        var keyed: [(QualifiedName, String, String)] = []  // table, key column, type
        for tableName in subset(Self.tableNames, max: 3) {
            let name = QualifiedName("public", tableName)
            var table = Table(name: name, isUnlogged: chance(10))
            for columnName in subset(Self.columnNames, max: 4) {
                var column: Column
                if !enumNames.isEmpty, chance(20) {
                    let type = "public." + (pick(enumNames) == "State" ? "\"State\"" : "mood")
                    let labels = schema.enums.first { "public." + ($0.name.name == "State" ? "\"State\"" : $0.name.name) == type }!.labels
                    column = Column(name: columnName, type: type)
                    if chance(40) { column.defaultExpression = "'\(labels[0].replacingOccurrences(of: "'", with: "''"))'::\(type)" }
                } else {
                    let (type, defaults) = pick(Self.plainTypes)
                    column = Column(name: columnName, type: type, isNotNull: chance(40))
                    if chance(30) { column.defaultExpression = pick(defaults) }
                    if ["integer", "bigint"].contains(type), chance(15) {
                        column.defaultExpression = nil
                        column.isNotNull = true
                        column.identity = .init(generation: chance(50) ? .always : .byDefault, options: SequenceOptions(dataType: type, maxValue: type == "integer" ? 2147483647 : Int64.max))
                    }
                }
                column.comment = chance(10) ? "note" : nil
                table.columns.append(column)
            }
            if let first = table.columns.first, chance(60) {
                table.columns[0].isNotNull = true
                let key = Constraint(name: tableName + "_pkey", kind: .primaryKey, definition: "PRIMARY KEY (\(quote(first.name)))", columns: [first.name], indexName: tableName + "_pkey")
                table.constraints.append(key)
                keyed.append((name, first.name, first.type))
            }
            if let column = table.columns.first(where: { $0.type == "integer" }), chance(40) {
                table.constraints.append(Constraint(name: tableName + "_check", kind: .check, definition: "CHECK ((\(quote(column.name)) > \(int(0...2))))", columns: [column.name], isValidated: chance(80)))
                if !table.constraints.last!.isValidated { table.constraints[table.constraints.count - 1].definition += " NOT VALID" }
            }
            if let column = table.columns.last, chance(50) {
                let indexName = tableName + "_idx"
                table.indexes.append(Index(name: QualifiedName("public", indexName), table: name, definition: "CREATE INDEX \(quote(indexName)) ON public.\(quote(tableName)) USING btree (\(quote(column.name)))", columns: [column.name]))
            }
            table.rowSecurity = chance(15)
            if table.rowSecurity, chance(50) { table.policies.append(Policy(name: "own", using: pick(["true", "false"]))) }
            table.comment = chance(10) ? "a table" : nil
            schema.tables.append(table)
        }
        // Foreign keys to keyed tables, with matching types.
        for index in schema.tables.indices {
            guard chance(40), let (referenced, keyColumn, keyType) = keyed.randomElement(using: &self) else { continue }
            let table = schema.tables[index]
            // Logged tables may only reference logged ones; keep unlogged tables out of keys.
            guard !table.isUnlogged, schema.tables.first(where: { $0.name == referenced })?.isUnlogged == false else { continue }
            guard let column = table.columns.first(where: { $0.type == keyType && $0.generatedExpression == nil }) else { continue }
            schema.tables[index].constraints.append(Constraint(
                name: table.name.name + "_fkey", kind: .foreignKey,
                definition: "FOREIGN KEY (\(quote(column.name))) REFERENCES public.\(quote(referenced.name))(\(quote(keyColumn)))",
                columns: [column.name], referencedTable: referenced, referencedColumns: [keyColumn]
            ))
        }
        // Views over one column of a table, and a view over a view.
        for viewName in subset(["v1", "V2"], max: 2) {
            guard let table = schema.tables.randomElement(using: &self), let column = table.columns.randomElement(using: &self) else { continue }
            let view = QualifiedName("public", viewName)
            schema.views.append(View(
                name: view, isMaterialized: chance(20),
                definition: " SELECT \(quote(table.name.name)).\(quote(column.name))\n   FROM public.\(quote(table.name.name))",
                columns: [View.Column(name: column.name, type: column.type)]
            ))
            schema.dependencies.append(Dependency(from: .view(view), to: .column(table: table.name, name: column.name)))
            schema.dependencies.append(Dependency(from: .view(view), to: .table(table.name)))
        }
        if let inner = schema.views.first, !inner.isMaterialized, chance(50) {
            let outer = QualifiedName("public", "outer")
            let column = inner.columns[0]
            schema.views.append(View(name: outer, definition: " SELECT \(quote(column.name))\n   FROM public.\(quote(inner.name.name))", columns: [column]))
            schema.dependencies.append(Dependency(from: .view(outer), to: .view(inner.name)))
        }
        if chance(40) {
            let returns = pick(["integer", "bigint"])
            schema.routines.append(Routine(
                name: QualifiedName("public", "f"), arguments: "", returns: returns,
                definition: "CREATE OR REPLACE FUNCTION public.f()\n RETURNS \(returns)\n LANGUAGE sql\nAS $function$select \(int(1...2))$function$\n"
            ))
        }
        return schema.sorted()
    }

    private func quote(_ name: String) -> String {
        let simple = name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" } && !["select", "order"].contains(name)
        return simple ? name : "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension RandomSchema: RandomNumberGenerator {}
