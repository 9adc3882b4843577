import Foundation
import StrataPostgres
import StrataSQL

/// The desired schema as SQL files: every `*.sql` under a folder (recursively), or one
/// file, loaded in path order.
public struct SchemaFiles: Sendable {
    public struct File: Sendable {
        /// As messages show it, e.g. `schema/10_users.sql`.
        public var displayPath: String
        public var text: String

        public init(displayPath: String, text: String) {
            self.displayPath = displayPath
            self.text = text
        }
    }

    public var files: [File]

    public init(files: [File]) {
        self.files = files
    }

    /// Reads `path` (a folder or a `.sql` file). `displayPath` is how messages name it.
    ///
    /// - Throws: ``GenerateError`` (`source`) when the path is missing, holds no `.sql`
    ///   file, or a file is not UTF-8.
    public static func read(path: String, displayPath: String) throws -> SchemaFiles {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw GenerateError(.source, "\(displayPath) does not exist", hint: "create it, or set `schema:` in strata.yaml")
        }
        var relativePaths: [String]
        if isDirectory.boolValue {
            guard let enumerator = FileManager.default.enumerator(atPath: path) else {
                throw GenerateError(.source, "cannot list \(displayPath)")
            }
            relativePaths = enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".sql") }
            // Path order, compared byte by byte: 01_types.sql before 02_tables/…
            relativePaths.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        } else {
            relativePaths = [""]
        }
        var files: [File] = []
        for relative in relativePaths {
            let full = relative.isEmpty ? path : (path as NSString).appendingPathComponent(relative)
            let shown = relative.isEmpty ? displayPath : (displayPath as NSString).appendingPathComponent(relative)
            guard let data = FileManager.default.contents(atPath: full) else {
                throw GenerateError(.source, "\(shown) cannot be read", file: shown)
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw GenerateError(.source, "\(shown) is not valid UTF-8", hint: "save it as UTF-8", file: shown)
            }
            files.append(File(displayPath: shown, text: text))
        }
        return SchemaFiles(files: files)
    }

    /// Loads every file into the database behind `session`, statement by statement, in
    /// one transaction (statements that cannot run in one run alone).
    ///
    /// - Throws: ``GenerateError`` (`schemaFile`) naming the file, line and column of the
    ///   first statement that fails, with the server's message and a hint; for a missing
    ///   object, the hint explains that files load in path order.
    public func load(into session: any DatabaseSession) async throws {
        var inTransaction = false
        for file in files {
            let split = StatementSplitter.split(file.text)
            if let diagnostic = split.diagnostics.first {
                throw GenerateError(
                    .schemaFile, diagnostic.message, hint: diagnostic.hint, file: file.displayPath,
                    line: diagnostic.position.line, column: diagnostic.position.column
                )
            }
            for statement in split.statements {
                switch statement.kind {
                case .metaCommand:
                    throw failure(file, statement, "psql meta-commands are not SQL", hint: "write plain SQL; files load in path order", position: statement.span.start)
                case .transactionControl:
                    continue  // Strata loads the files in its own transaction.
                case .copyFromStdin:
                    throw failure(file, statement, "COPY … FROM STDIN needs psql's data stream", hint: "the desired schema holds definitions, not data", position: statement.span.start)
                case .nonTransactional:
                    if inTransaction {
                        try await session.execute("COMMIT")
                        inTransaction = false
                    }
                case .ordinary:
                    if !inTransaction {
                        try await session.execute("BEGIN")
                        inTransaction = true
                    }
                }
                do {
                    try await session.execute(statement.text)
                } catch let error as DatabaseError {
                    if inTransaction { _ = try? await session.execute("ROLLBACK") }
                    guard let server = error.server else { throw error }
                    let position = server.position.map { statement.sourcePosition(forCharacterPosition: $0) } ?? statement.span.start
                    throw failure(file, statement, "[\(server.sqlState)] \(server.message)", hint: Self.hint(for: server), position: position, server: server)
                }
            }
            // Each file is lexed from standard_conforming_strings on; a file that turned it off
            // must not change how the server reads the next one.
            if !split.standardConformingStringsAtEnd { try await session.execute("SET standard_conforming_strings = on") }
        }
        if inTransaction { try await session.execute("COMMIT") }
    }

    private func failure(
        _ file: File, _ statement: SQLStatement, _ message: String, hint: String?, position: SourcePosition,
        server: ServerError? = nil
    ) -> GenerateError {
        let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
        let sourceLine = position.line - 1 < lines.count ? String(lines[position.line - 1]).replacingOccurrences(of: "\r", with: "") : nil
        return GenerateError(
            .schemaFile, message, hint: hint ?? server?.hint, file: file.displayPath, line: position.line,
            column: position.column, sourceLine: sourceLine, server: server
        )
    }

    static func hint(for server: ServerError) -> String? {
        switch server.sqlState {
        case "42704" where ScratchServer.missingRole(sqlState: server.sqlState, message: server.message) != nil:
            return "roles belong to the server, not to a database: create the role on the scratch server "
                + "(scratch_url in strata.yaml), or leave privileges out of the comparison with compare: {privileges: false}"
        case "42P01", "42704", "3F000", "42883":
            return "schema files load in path order (by file name): an object must be defined in an earlier file "
                + "than the ones that use it; rename the files (e.g. 01_types.sql, 02_tables.sql) or move the definition"
        case "0A000" where server.message.contains("extension"), "58P01":
            return "the extension is not installed on the scratch server; install its package "
                + "(e.g. postgresql-contrib) there, or remove CREATE EXTENSION"
        default:
            return server.hint
        }
    }
}
