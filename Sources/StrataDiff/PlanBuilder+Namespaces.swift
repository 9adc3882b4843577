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
            // Objects that use an extension depend on it (catalogued), so an update comes
            // before objects created with the new version's members.
            if old.schema != new.schema {
                alter(.setExtensionSchema(name: name, schema: new.schema), .extension(name), needs: [.namespace(new.schema)])
            }
            if old.version != new.version, Self.isDowngrade(from: old.version, to: new.version) {
                // Extensions ship update scripts forward only: drop and create at the version.
                drop(.dropExtension(name), .extension(name))
                create(.createExtension(new), .extension(name))
            } else if old.version != new.version {
                alter(.updateExtension(name: name, version: new.version), .extension(name))
            }
        }
        for name in source.extensions.keys.sorted() where target.extensions[name] == nil {
            drop(.dropExtension(name), .extension(name))
        }
    }

    /// Whether `new` is an older version than `old`, comparing dotted numbers.
    static func isDowngrade(from old: String, to new: String) -> Bool {
        let oldParts = old.split(separator: ".").map { Int($0) ?? 0 }, newParts = new.split(separator: ".").map { Int($0) ?? 0 }
        for index in 0..<max(oldParts.count, newParts.count) {
            let a = index < oldParts.count ? oldParts[index] : 0, b = index < newParts.count ? newParts[index] : 0
            if a != b { return b < a }
        }
        return false
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
