import StrataSchema

/// An object as `pg_depend` names it: the oid of the system catalog holding it
/// (``SystemCatalog``), its oid there, and a sub-id (a column's number, else 0).
struct CatalogAddress: Hashable {
    var catalog: UInt32
    var oid: UInt32
    var subID: Int32

    init(_ catalog: UInt32, _ oid: UInt32, _ subID: Int32 = 0) {
        self.catalog = catalog
        self.oid = oid
        self.subID = subID
    }
}

/// The oids of the system catalogs that hold user objects. They are fixed in
/// PostgreSQL's catalog headers (`CATALOG(pg_class,1259,RelationRelationId)`, …) and the
/// same in every version.
enum SystemCatalog {
    static let pgClass: UInt32 = 1259
    static let pgType: UInt32 = 1247
    static let pgProc: UInt32 = 1255
    static let pgNamespace: UInt32 = 2615
    static let pgConstraint: UInt32 = 2606
    static let pgTrigger: UInt32 = 2620
    static let pgPolicy: UInt32 = 3256
    static let pgAttrdef: UInt32 = 2604
    static let pgRewrite: UInt32 = 2618
    static let pgExtension: UInt32 = 3079
    static let pgCollation: UInt32 = 3456
    static let pgStatisticExt: UInt32 = 3381
    static let pgCast: UInt32 = 2605
    static let pgOperator: UInt32 = 2617
    static let pgTSConfig: UInt32 = 3602
    static let pgTSDict: UInt32 = 3600
}

/// Maps catalog addresses to the model's identities, filled from the rows the other
/// catalog queries read, so that dependencies can be read as bare oids and resolved here
/// (one cheap query instead of a catalog-wide join on names).
struct ObjectResolver {
    struct Entry {
        var id: ObjectID
        /// The relation a member belongs to (a column's, constraint's, index's, trigger's
        /// or policy's table), whose own dependency edges to it are implied.
        var parent: UInt32?
    }

    private var exact: [CatalogAddress: Entry] = [:]
    /// Relations whose every column stands for the whole object (views, composite types).
    private var wholeRelations: [UInt32: Entry] = [:]

    mutating func add(_ catalog: UInt32, _ oid: UInt32?, _ id: ObjectID, subID: Int32 = 0, parent: UInt32? = nil) {
        guard let oid, oid != 0 else { return }
        exact[CatalogAddress(catalog, oid, subID)] = Entry(id: id, parent: parent)
    }

    mutating func addRelation(_ oid: UInt32, _ id: ObjectID, allColumns: Bool) {
        add(SystemCatalog.pgClass, oid, id)
        if allColumns { wholeRelations[oid] = Entry(id: id, parent: oid) }
    }

    /// Extension members are whole objects: a member's column still means the extension.
    mutating func addExtensionMember(_ address: CatalogAddress, extension name: String) {
        if exact[address] == nil { exact[address] = Entry(id: .extension(name), parent: nil) }
    }

    func resolve(_ address: CatalogAddress) -> Entry? {
        if let entry = exact[address] { return entry }
        if address.subID != 0 {
            if address.catalog == SystemCatalog.pgClass, let entry = wholeRelations[address.oid] { return entry }
            if let entry = exact[CatalogAddress(address.catalog, address.oid)], case .extension = entry.id { return entry }
        }
        return nil
    }

    /// The edge a `pg_depend` row means in the model, or nil when it is not one: an end
    /// outside the model, a self-edge, a member's edge to its own relation, or a
    /// sequence's ownership link to its column (which `Sequence.ownedBy` records, and
    /// which would form a cycle with the column default's edge to the sequence).
    func dependency(from: CatalogAddress, to: CatalogAddress, automatic: Bool) -> Dependency? {
        guard let source = resolve(from), let target = resolve(to), source.id != target.id else { return nil }
        if to.catalog == SystemCatalog.pgClass, let parent = source.parent, to.oid == parent {
            if to.subID == 0 { return nil }
            if case .view = target.id { return nil }
        }
        if automatic, case .sequence = source.id, case .column = target.id { return nil }
        return Dependency(from: source.id, to: target.id)
    }
}
