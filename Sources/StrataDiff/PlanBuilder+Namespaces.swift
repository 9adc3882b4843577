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
            // Every object is assumed to depend on every extension (their members are not in
            // the model), so these alters only need the extension and its new schema; counting
            // them as modifications would order every object's statements around them.
            if old.schema != new.schema {
                var step = PlanStep(change: .setExtensionSchema(name: name, schema: new.schema))
                step.requires = [.extension(name), .namespace(new.schema)]
                steps.append(step)
            }
            if old.version != new.version {
                var step = PlanStep(change: .updateExtension(name: name, version: new.version))
                step.requires = [.extension(name)]
                steps.append(step)
            }
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
