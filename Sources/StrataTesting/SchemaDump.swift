import Foundation
import StrataPostgres
import StrataSQL

/// A second oracle for "same schema": `pg_dump --schema-only`, normalised so that two
/// databases with the same schema give equal dumps.
///
/// Normalisation drops comment lines, blank lines, `SET …` lines, `set_config` calls and
/// psql's `\restrict`/`\unrestrict` lines, then splits the rest into statements with
/// Strata's lexer and sorts them (pg_dump's order depends on more than the schema). Unless
/// ``Options/columnOrder`` is set, the body of each `CREATE TABLE` is compared as a set of
/// lines, because `ADD COLUMN` can only append.
public struct SchemaDump: Sendable, Hashable, CustomStringConvertible {
    public struct Options: Sendable, Hashable {
        /// Keep `ALTER … OWNER TO` (otherwise `--no-owner`).
        public var owners: Bool
        /// Keep `GRANT`/`REVOKE` (otherwise `--no-privileges`).
        public var privileges: Bool
        /// Compare the order of columns in `CREATE TABLE`.
        public var columnOrder: Bool
        /// `-n` schemas; nil for all.
        public var includeSchemas: [String]?
        /// `-N` schemas.
        public var excludeSchemas: [String]
        /// `-T *.name` and `-T *.name_*_seq`: the history tables of migration tools and
        /// their serial or identity sequences.
        public var historyTables: [String]
        /// Statements left out when they start with one of these (e.g. `CREATE AGGREGATE`).
        public var ignoredPrefixes: [String]
        /// Statements left out when they contain one of these (e.g. `SET STATISTICS`).
        public var ignoredFragments: [String]

        public init(
            owners: Bool = false, privileges: Bool = true, columnOrder: Bool = false,
            includeSchemas: [String]? = nil, excludeSchemas: [String] = [],
            historyTables: [String] = SchemaFingerprint.Options.knownHistoryTables,
            ignoredPrefixes: [String] = [], ignoredFragments: [String] = []
        ) {
            self.owners = owners
            self.privileges = privileges
            self.columnOrder = columnOrder
            self.includeSchemas = includeSchemas
            self.excludeSchemas = excludeSchemas
            self.historyTables = historyTables
            self.ignoredPrefixes = ignoredPrefixes
            self.ignoredFragments = ignoredFragments
        }

        /// pg_dump's arguments for these options, before the connection.
        var arguments: [String] {
            var result = ["--schema-only", "--no-password"]
            if !owners { result.append("--no-owner") }
            if !privileges { result.append("--no-privileges") }
            for schema in includeSchemas ?? [] { result += ["--schema", schema] }
            for schema in excludeSchemas { result += ["--exclude-schema", schema] }
            for table in historyTables { result += ["--exclude-table", "*." + table, "--exclude-table", "*." + table + "_*_seq"] }
            return result
        }
    }

    /// The normalised statements, sorted.
    public var statements: [String]

    public init(statements: [String]) {
        self.statements = statements.sorted()
    }

    public var description: String { statements.joined(separator: "\n") }

    /// Dumps the database `settings` connects to with the test server's `pg_dump`.
    public static func read(_ settings: ConnectionSettings, options: Options = .init()) async throws -> SchemaDump {
        let url = settings.url(includingPassword: true)
        let text = try await ToolProcess.run("pg_dump", options.arguments + ["--dbname", url], redacting: url)
        return SchemaDump(text: text, options: options)
    }

    /// Normalises the text of a dump: split into statements by Strata's lexer, each without
    /// the comment lines pg_dump writes above it; `SET` and `set_config` statements and psql's
    /// `\restrict` lines dropped. Lines inside a statement (a function body's) are kept as
    /// they are.
    public init(text: String, options: Options = .init()) {
        let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            !(line.hasPrefix("\\restrict") || line.hasPrefix("\\unrestrict"))
        }
        var statements: [String] = []
        for statement in StatementSplitter.split(kept.joined(separator: "\n")).statements {
            var lines = statement.text.split(separator: "\n", omittingEmptySubsequences: false)
            while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty || first.hasPrefix("--") {
                lines.removeFirst()
            }
            var sql = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            if sql.hasSuffix(";") { sql.removeLast() }
            guard !sql.isEmpty, !sql.hasPrefix("SET "), !sql.hasPrefix("SELECT pg_catalog.set_config(") else { continue }
            if options.ignoredPrefixes.contains(where: { sql.hasPrefix($0) }) { continue }
            if options.ignoredFragments.contains(where: { sql.contains($0) }) { continue }
            statements.append(options.columnOrder ? sql : Self.unorderedTableBody(sql))
        }
        self.init(statements: statements)
    }

    /// The statements only in `self` (`-`) and only in `other` (`+`), for test messages.
    public func difference(to other: SchemaDump) -> String {
        LineDifference(old: statements, new: other.statements).description
    }

    /// A `CREATE [UNLOGGED|FOREIGN] TABLE name (` … `)` statement with the lines of its
    /// body (one column or constraint each, as pg_dump writes them) sorted and without
    /// their trailing commas; any other statement as it is.
    static func unorderedTableBody(_ sql: String) -> String {
        var lines = sql.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.first,
              first.hasPrefix("CREATE TABLE ") || first.hasPrefix("CREATE UNLOGGED TABLE ") || first.hasPrefix("CREATE FOREIGN TABLE "),
              first.hasSuffix(" ("),
              let close = lines.firstIndex(where: { $0.hasPrefix(")") }), close > 0
        else { return sql }
        let body = lines[1..<close].map { line in line.hasSuffix(",") ? String(line.dropLast()) : line }.sorted()
        lines.replaceSubrange(1..<close, with: body)
        return lines.joined(separator: "\n")
    }
}
