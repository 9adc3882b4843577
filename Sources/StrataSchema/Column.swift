/// A table column.
public struct Column: Sendable, Hashable, Codable {
    /// `GENERATED { ALWAYS | BY DEFAULT } AS IDENTITY (options)`.
    public struct Identity: Sendable, Hashable, Codable {
        public enum Generation: String, Sendable, Hashable, Codable {
            case always
            case byDefault = "by default"
        }

        public var generation: Generation
        public var options: SequenceOptions

        public init(generation: Generation, options: SequenceOptions) {
            self.generation = generation
            self.options = options
        }
    }

    public var name: String
    /// `format_type(atttypid, atttypmod)`, e.g. `character varying(255)`, `public.status[]`.
    public var type: String
    public var isNotNull: Bool
    /// `pg_get_expr(adbin)` for a default (not for a generated column).
    public var defaultExpression: String?
    public var identity: Identity?
    /// The expression of a `GENERATED ALWAYS AS (…) STORED` column.
    public var generatedExpression: String?
    /// A collation other than the type's default, qualified (`pg_catalog."C"`).
    public var collation: QualifiedName?
    /// False when the column exists only through inheritance or partitioning
    /// (`attislocal`).
    public var isLocal: Bool
    /// Attribute options (`attoptions`), e.g. `n_distinct=-0.02`, sorted
    /// (`ALTER COLUMN … SET (…)`).
    public var options: [String]
    /// `ALTER COLUMN … SET STATISTICS n`; nil for the default (`-1`).
    public var statisticsTarget: Int?
    /// `plain`, `external`, `extended` or `main` when it differs from the type's default
    /// storage (`ALTER COLUMN … SET STORAGE`); nil for the default.
    public var storage: String?
    /// The storage of the column's type (`typstorage`): what `storage` goes back to when
    /// it is no longer set. Read with the column; nil in a schema built by hand.
    public var typeStorage: String?
    /// `pglz` or `lz4` when set (`ALTER COLUMN … SET COMPRESSION`); nil for the default.
    public var compression: String?
    public var comment: String?

    public init(
        name: String, type: String, isNotNull: Bool = false, defaultExpression: String? = nil,
        identity: Identity? = nil, generatedExpression: String? = nil, collation: QualifiedName? = nil,
        isLocal: Bool = true, options: [String] = [], statisticsTarget: Int? = nil, storage: String? = nil,
        typeStorage: String? = nil, compression: String? = nil, comment: String? = nil
    ) {
        self.name = name
        self.type = type
        self.isNotNull = isNotNull
        self.defaultExpression = defaultExpression
        self.identity = identity
        self.generatedExpression = generatedExpression
        self.collation = collation
        self.isLocal = isLocal
        self.options = options
        self.statisticsTarget = statisticsTarget
        self.storage = storage
        self.typeStorage = typeStorage
        self.compression = compression
        self.comment = comment
    }
}
