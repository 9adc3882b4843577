import StrataSchema

/// One statement of a ``Plan``: the SQL (without a trailing semicolon), the typed change it
/// performs, and that change's hazards.
public struct PlannedStatement: Sendable, Hashable, Codable {
    public var sql: String
    public var change: SchemaChange
    /// The object the statement acts on (a column for column changes).
    public var object: ObjectID
    /// `create`, `drop`, `alter`, `replace`, `rename`, `comment`, `grant`, `revoke`, `owner`,
    /// or `set` (a session setting around other statements: `SET check_function_bodies = off`
    /// … `RESET check_function_bodies`).
    public var action: String
    public var hazards: [Hazard]
    /// False for statements that cannot run in a transaction block (`CONCURRENTLY`).
    public var isTransactional: Bool

    public init(sql: String, change: SchemaChange, object: ObjectID, action: String, hazards: [Hazard], isTransactional: Bool) {
        self.sql = sql
        self.change = change
        self.object = object
        self.action = action
        self.hazards = hazards
        self.isTransactional = isTransactional
    }

    enum CodingKeys: String, CodingKey {
        case sql, change, object, action, hazards, isTransactional = "transactional"
    }
}
