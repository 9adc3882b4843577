/// A sequence (not an identity column's own sequence, which belongs to its column).
public struct Sequence: Sendable, Hashable, Codable {
    /// The column that owns the sequence (`OWNED BY`), e.g. for a `serial` column.
    public struct Owner: Sendable, Hashable, Codable {
        public var table: QualifiedName
        public var column: String

        public init(table: QualifiedName, column: String) {
            self.table = table
            self.column = column
        }
    }

    public var name: QualifiedName
    public var options: SequenceOptions
    public var ownedBy: Owner?
    public var comment: String?

    public init(name: QualifiedName, options: SequenceOptions = SequenceOptions(), ownedBy: Owner? = nil, comment: String? = nil) {
        self.name = name
        self.options = options
        self.ownedBy = ownedBy
        self.comment = comment
    }
}

/// The options of a sequence or an identity column (`pg_sequence`).
public struct SequenceOptions: Sendable, Hashable, Codable {
    /// `smallint`, `integer` or `bigint`.
    public var dataType: String
    public var start: Int64
    public var increment: Int64
    public var minValue: Int64
    public var maxValue: Int64
    public var cache: Int64
    public var cycle: Bool

    public init(
        dataType: String = "bigint", start: Int64 = 1, increment: Int64 = 1, minValue: Int64 = 1,
        maxValue: Int64 = Int64.max, cache: Int64 = 1, cycle: Bool = false
    ) {
        self.dataType = dataType
        self.start = start
        self.increment = increment
        self.minValue = minValue
        self.maxValue = maxValue
        self.cache = cache
        self.cycle = cycle
    }
}
