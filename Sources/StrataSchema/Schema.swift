/// A database's user schema: a complete, canonical, sorted model (issue 3, part 1).
///
/// Every list is sorted by identity (see ``sorted()``), so two schemas read from
/// databases with the same objects compare equal whatever the creation order. Text
/// fields that hold SQL (defaults, constraint and index definitions, view queries,
/// function definitions) are PostgreSQL's own deparsed form, read with
/// `search_path = pg_catalog`, so every user object in them is schema-qualified.
///
/// Objects that belong to extensions, and Strata's history table, are not part of it.
public struct Schema: Sendable, Hashable, Codable {
    public var namespaces: [Namespace]
    public var extensions: [Extension]
    public var collations: [Collation]
    public var enums: [EnumType]
    public var domains: [DomainType]
    public var compositeTypes: [CompositeType]
    public var rangeTypes: [RangeType]
    public var sequences: [Sequence]
    public var tables: [Table]
    public var views: [View]
    public var routines: [Routine]
    public var statistics: [StatisticsObject]
    public var casts: [Cast]
    public var operators: [Operator]
    public var textSearchDictionaries: [TextSearchDictionary]
    public var textSearchConfigurations: [TextSearchConfiguration]
    /// What the inspection found but Strata does not compare (DESIGN §9), sorted.
    public var notCompared: [NotComparedObject]
    /// "`from` depends on `to`" edges, read from `pg_depend` (normal and automatic
    /// dependencies between user objects). Structural membership (a column in its table)
    /// is implied and not listed.
    public var dependencies: [Dependency]
    /// Objects whose privileges are not the built-in default (empty when privileges are
    /// not compared, see ``ComparisonScope``).
    public var privileges: [ObjectPrivileges] = []
    /// `ALTER DEFAULT PRIVILEGES` entries (empty when privileges are not compared).
    public var defaultPrivileges: [DefaultPrivileges] = []
    /// The owner of every object that has one (empty when owners are not compared).
    public var owners: [ObjectOwner] = []

    public init(
        namespaces: [Namespace] = [], extensions: [Extension] = [], collations: [Collation] = [],
        enums: [EnumType] = [], domains: [DomainType] = [], compositeTypes: [CompositeType] = [],
        rangeTypes: [RangeType] = [], sequences: [Sequence] = [], tables: [Table] = [], views: [View] = [],
        routines: [Routine] = [], statistics: [StatisticsObject] = [], casts: [Cast] = [], operators: [Operator] = [],
        textSearchDictionaries: [TextSearchDictionary] = [], textSearchConfigurations: [TextSearchConfiguration] = [],
        notCompared: [NotComparedObject] = [], dependencies: [Dependency] = []
    ) {
        self.namespaces = namespaces
        self.extensions = extensions
        self.collations = collations
        self.enums = enums
        self.domains = domains
        self.compositeTypes = compositeTypes
        self.rangeTypes = rangeTypes
        self.sequences = sequences
        self.tables = tables
        self.views = views
        self.routines = routines
        self.statistics = statistics
        self.casts = casts
        self.operators = operators
        self.textSearchDictionaries = textSearchDictionaries
        self.textSearchConfigurations = textSearchConfigurations
        self.notCompared = notCompared
        self.dependencies = dependencies
    }

    /// The same schema with every list (and every nested list whose order does not
    /// carry meaning) sorted by identity. Column order and enum label order are kept.
    public func sorted() -> Schema {
        var copy = self
        copy.namespaces.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        copy.extensions.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        copy.collations.sort { $0.name < $1.name }
        copy.enums.sort { $0.name < $1.name }
        copy.domains.sort { $0.name < $1.name }
        for index in copy.domains.indices {
            copy.domains[index].constraints.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        }
        copy.compositeTypes.sort { $0.name < $1.name }
        copy.rangeTypes.sort { $0.name < $1.name }
        copy.sequences.sort { $0.name < $1.name }
        copy.tables.sort { $0.name < $1.name }
        for index in copy.tables.indices { copy.tables[index].sortMembers() }
        copy.views.sort { $0.name < $1.name }
        for index in copy.views.indices {
            copy.views[index].indexes.sort { $0.name < $1.name }
            copy.views[index].triggers.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            copy.views[index].rules.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            copy.views[index].options.sort()
        }
        copy.routines.sort { $0.name == $1.name ? $0.arguments.utf8.lexicographicallyPrecedes($1.arguments.utf8) : $0.name < $1.name }
        copy.statistics.sort { $0.name < $1.name }
        copy.casts.sort { $0.id < $1.id }
        copy.operators.sort { $0.id < $1.id }
        copy.textSearchDictionaries.sort { $0.name < $1.name }
        copy.textSearchConfigurations.sort { $0.name < $1.name }
        for index in copy.textSearchConfigurations.indices {
            copy.textSearchConfigurations[index].mappings.sort { $0.tokenType.utf8.lexicographicallyPrecedes($1.tokenType.utf8) }
        }
        copy.notCompared = Array(Set(copy.notCompared)).sorted()
        copy.dependencies = Dependency.sortedUnique(copy.dependencies)
        copy.sortPrivilegesAndOwners()
        return copy
    }
}

/// "`from` depends on `to`": `to` must exist before `from` is created, and `from` must
/// be dropped before `to`.
public struct Dependency: Sendable, Hashable, Codable, Comparable {
    public var from: ObjectID
    public var to: ObjectID

    public init(from: ObjectID, to: ObjectID) {
        self.from = from
        self.to = to
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.from == rhs.from ? lhs.to < rhs.to : lhs.from < rhs.from
    }
}

