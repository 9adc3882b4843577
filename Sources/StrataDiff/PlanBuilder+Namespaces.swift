import StrataSchema

extension PlanBuilder {
    mutating func planNamespaces() {
        for name in target.namespaces.keys.sorted() {
            let new = target.namespaces[name]!
            if let old = source.namespaces[name] {
                commentChange(.schema(name), from: old.comment, to: new.comment, recreated: false)
            } else {
                create(.createSchema(Namespace(name: name)), .namespace(name))
                commentIfAny(.schema(name), new.comment)
            }
        }
        for name in source.namespaces.keys.sorted() where target.namespaces[name] == nil {
            drop(.dropSchema(name), .namespace(name))
        }
    }

    mutating func planExtensions() {
        for name in target.extensions.keys.sorted() {
            let new = target.extensions[name]!
            guard let old = source.extensions[name] else {
                create(.createExtension(new), .extension(name))
                continue
            }
            if old.schema != new.schema { alter(.setExtensionSchema(name: name, schema: new.schema), .extension(name)) }
            if old.version != new.version { alter(.updateExtension(name: name, version: new.version), .extension(name)) }
        }
        for name in source.extensions.keys.sorted() where target.extensions[name] == nil {
            drop(.dropExtension(name), .extension(name))
        }
    }

    mutating func planCollations() {
        for name in target.collations.keys.sorted() {
            let new = target.collations[name]!
            let id = ObjectID.collation(name)
            if let old = source.collations[name], !rebuilt.contains(id) {
                commentChange(.collation(name), from: old.comment, to: new.comment, recreated: false)
                continue
            }
            if source.collations[name] != nil { drop(.dropCollation(name), id) }
            var created = new
            created.comment = nil
            create(.createCollation(created), id)
            commentIfAny(.collation(name), new.comment)
        }
        for name in source.collations.keys.sorted() where target.collations[name] == nil {
            drop(.dropCollation(name), .collation(name))
        }
    }
}
