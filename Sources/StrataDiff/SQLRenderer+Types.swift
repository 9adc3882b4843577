import StrataSQL
import StrataSchema

extension SQLRenderer {
    /// Enums, domains and composite types.
    static func typeSQL(_ change: SchemaChange) -> String {
        switch change {
        case .createEnum(let item):
            return "CREATE TYPE " + name(item.name) + " AS ENUM (" + item.labels.map(SQLLiteral.quote).joined(separator: ", ") + ")"
        case .addEnumValue(let type, let label, let placement):
            var sql = "ALTER TYPE " + name(type) + " ADD VALUE " + SQLLiteral.quote(label)
            switch placement {
            case .last: break
            case .before(let other): sql += " BEFORE " + SQLLiteral.quote(other)
            case .after(let other): sql += " AFTER " + SQLLiteral.quote(other)
            }
            return sql
        case .renameType(let type, let newName, _, _):
            return "ALTER TYPE " + name(type) + " RENAME TO " + identifier(newName)
        case .dropType(let type):
            return "DROP TYPE " + name(type)
        case .createDomain(let domain):
            var sql = "CREATE DOMAIN " + name(domain.name) + " AS " + domain.baseType
            if let collation = domain.collation { sql += " COLLATE " + name(collation) }
            if let expression = domain.defaultExpression { sql += " DEFAULT " + expression }
            if domain.isNotNull { sql += " NOT NULL" }
            for constraint in domain.constraints { sql += " CONSTRAINT " + identifier(constraint.name) + " " + constraint.definition }
            return sql
        case .dropDomain(let domain):
            return "DROP DOMAIN " + name(domain)
        case .alterDomain(let domain, let alteration):
            let prefix = "ALTER DOMAIN " + name(domain)
            switch alteration {
            case .setDefault(let expression): return prefix + " SET DEFAULT " + expression
            case .dropDefault: return prefix + " DROP DEFAULT"
            case .setNotNull: return prefix + " SET NOT NULL"
            case .dropNotNull: return prefix + " DROP NOT NULL"
            case .addConstraint(let constraint): return prefix + " ADD CONSTRAINT " + identifier(constraint.name) + " " + constraint.definition
            case .dropConstraint(let constraint): return prefix + " DROP CONSTRAINT " + identifier(constraint)
            }
        case .createCompositeType(let type):
            let attributes = type.attributes.map(attributeDefinition).joined(separator: ", ")
            return "CREATE TYPE " + name(type.name) + " AS (" + attributes + ")"
        case .addAttribute(let type, let attribute):
            return "ALTER TYPE " + name(type) + " ADD ATTRIBUTE " + attributeDefinition(attribute)
        case .dropAttribute(let type, let attribute):
            return "ALTER TYPE " + name(type) + " DROP ATTRIBUTE " + identifier(attribute)
        case .alterAttributeType(let type, let attribute, let newType, let collation):
            var sql = "ALTER TYPE " + name(type) + " ALTER ATTRIBUTE " + identifier(attribute) + " TYPE " + newType
            if let collation { sql += " COLLATE " + name(collation) }
            return sql
        default:
            preconditionFailure("not a type change: \(change)")
        }
    }

    private static func attributeDefinition(_ attribute: CompositeType.Attribute) -> String {
        var sql = identifier(attribute.name) + " " + attribute.type
        if let collation = attribute.collation { sql += " COLLATE " + name(collation) }
        return sql
    }
}
