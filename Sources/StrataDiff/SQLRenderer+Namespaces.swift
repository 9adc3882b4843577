import StrataSQL
import StrataSchema

extension SQLRenderer {
    /// Schemas, extensions and collations.
    static func namespaceSQL(_ change: SchemaChange) -> String {
        switch change {
        case .createSchema(let namespace):
            return "CREATE SCHEMA " + identifier(namespace.name)
        case .dropSchema(let schema):
            return "DROP SCHEMA " + identifier(schema)
        case .createExtension(let item):
            return "CREATE EXTENSION IF NOT EXISTS " + identifier(item.name) + " WITH SCHEMA " + identifier(item.schema)
                + " VERSION " + SQLLiteral.quote(item.version)
        case .dropExtension(let name):
            return "DROP EXTENSION " + identifier(name)
        case .updateExtension(let name, let version):
            return "ALTER EXTENSION " + identifier(name) + " UPDATE TO " + SQLLiteral.quote(version)
        case .setExtensionSchema(let name, let schema):
            return "ALTER EXTENSION " + identifier(name) + " SET SCHEMA " + identifier(schema)
        case .createCollation(let collation):
            var options: [String]
            switch collation.provider {
            case "i":
                options = ["provider = icu", "locale = " + SQLLiteral.quote(collation.locale)]
            default:
                options = ["provider = libc", "lc_collate = " + SQLLiteral.quote(collation.locale), "lc_ctype = " + SQLLiteral.quote(collation.ctype)]
            }
            if !collation.isDeterministic { options.append("deterministic = false") }
            return "CREATE COLLATION " + name(collation.name) + " (" + options.joined(separator: ", ") + ")"
        case .dropCollation(let collation):
            return "DROP COLLATION " + name(collation)
        default:
            preconditionFailure("not a schema, extension or collation change: \(change)")
        }
    }
}
