/// One row of a query result, every value as PostgreSQL's text form (nil for NULL).
public struct Row: Sendable, Hashable {
    public var values: [String?]

    public init(_ values: [String?]) { self.values = values }

    /// The value of column `index`; nil for NULL or past the end.
    public subscript(index: Int) -> String? {
        index < values.count ? values[index] : nil
    }
}

/// The narrow interface the migration engine needs from a database connection.
///
/// A session is one pinned server connection: a `SET`, an advisory lock or an open
/// transaction taken through it stays on that connection. Implementations must run
/// calls one at a time in the order they are made; calls made concurrently (the schema
/// inspector hands all its catalog queries over at once) run one at a time in the order
/// they reach the session.
public protocol DatabaseSession: Sendable {
    /// Runs one SQL statement without parameters and discards any rows.
    ///
    /// - Throws: ``DatabaseError``; a server error carries ``ServerError`` fields, whose
    ///   `position` counts characters in `sql`.
    func execute(_ sql: String) async throws

    /// Runs one SQL statement with text parameters (`$1`, `$2`, … typed `text`; cast
    /// them in SQL) and returns the rows with every value as text.
    func query(_ sql: String, _ parameters: [String?]) async throws -> [Row]
}

extension DatabaseSession {
    /// Runs a query without parameters.
    public func query(_ sql: String) async throws -> [Row] {
        try await query(sql, [])
    }

    /// The first value of the first row, or nil.
    public func scalar(_ sql: String, _ parameters: [String?] = []) async throws -> String? {
        try await query(sql, parameters).first?[0]
    }
}
