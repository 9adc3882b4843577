import StrataSQL
import StrataSchema

extension SQLRenderer {
    /// Range types, extended statistics, casts, operators and text search objects.
    static func objectSQL(_ change: SchemaChange) -> String {
        switch change {
        case .createRangeType(let type):
            var options = ["SUBTYPE = " + type.subtype]
            if let opclass = type.subtypeOperatorClass { options.append("SUBTYPE_OPCLASS = " + name(opclass)) }
            if let collation = type.collation { options.append("COLLATION = " + name(collation)) }
            if let canonical = type.canonical { options.append("CANONICAL = " + canonical) }
            if let difference = type.subtypeDifference { options.append("SUBTYPE_DIFF = " + difference) }
            if let multirange = type.multirangeName { options.append("MULTIRANGE_TYPE_NAME = " + name(multirange)) }
            return "CREATE TYPE " + name(type.name) + " AS RANGE (" + options.joined(separator: ", ") + ")"
        case .createStatistics(let statistics):
            return trimmed(statistics.definition)
        case .setStatisticsTarget(let statistics, let target):
            return "ALTER STATISTICS " + name(statistics) + " SET STATISTICS \(target ?? -1)"
        case .dropStatistics(let statistics):
            return "DROP STATISTICS " + name(statistics)
        case .createCast(let cast):
            var sql = "CREATE CAST (" + cast.source + " AS " + cast.target + ") "
            switch cast.method {
            case .function(let function): sql += "WITH FUNCTION " + routineSignature(function)
            case .binary: sql += "WITHOUT FUNCTION"
            case .inOut: sql += "WITH INOUT"
            }
            switch cast.context {
            case .explicit: break
            case .assignment: sql += " AS ASSIGNMENT"
            case .implicit: sql += " AS IMPLICIT"
            }
            return sql
        case .dropCast(let source, let target):
            return "DROP CAST (" + source + " AS " + target + ")"
        case .createOperator(let item):
            var clauses = ["FUNCTION = " + routineName(item.function)]
            if let left = item.leftType { clauses.append("LEFTARG = " + left) }
            clauses.append("RIGHTARG = " + item.rightType)
            clauses += item.clauses
            return "CREATE OPERATOR " + operatorName(item.name) + " (" + clauses.joined(separator: ", ") + ")"
        case .dropOperator(let item, let arguments):
            return "DROP OPERATOR " + operatorName(item) + " (" + arguments + ")"
        case .createTextSearchDictionary(let dictionary):
            var options = ["TEMPLATE = " + name(dictionary.template)]
            if let extra = dictionary.options, !extra.isEmpty { options.append(extra) }
            return "CREATE TEXT SEARCH DICTIONARY " + name(dictionary.name) + " (" + options.joined(separator: ", ") + ")"
        case .dropTextSearchDictionary(let dictionary):
            return "DROP TEXT SEARCH DICTIONARY " + name(dictionary)
        case .createTextSearchConfiguration(let configuration):
            return "CREATE TEXT SEARCH CONFIGURATION " + name(configuration.name) + " (PARSER = " + name(configuration.parser) + ")"
        case .dropTextSearchConfiguration(let configuration):
            return "DROP TEXT SEARCH CONFIGURATION " + name(configuration)
        case .addTextSearchMapping(let configuration, let mapping):
            return "ALTER TEXT SEARCH CONFIGURATION " + name(configuration) + " ADD MAPPING FOR " + identifier(mapping.tokenType)
                + " WITH " + mapping.dictionaries.map(name).joined(separator: ", ")
        case .alterTextSearchMapping(let configuration, let mapping):
            return "ALTER TEXT SEARCH CONFIGURATION " + name(configuration) + " ALTER MAPPING FOR " + identifier(mapping.tokenType)
                + " WITH " + mapping.dictionaries.map(name).joined(separator: ", ")
        case .dropTextSearchMapping(let configuration, let tokenType):
            return "ALTER TEXT SEARCH CONFIGURATION " + name(configuration) + " DROP MAPPING FOR " + identifier(tokenType)
        default:
            preconditionFailure("not an object change: \(change)")
        }
    }

    /// `schema.name(arguments)` of a routine identity.
    static func routineSignature(_ id: ObjectID) -> String {
        guard case .routine(let routine, let arguments) = id else { return id.name }
        return name(routine) + "(" + arguments + ")"
    }

    /// `schema.name` of a routine identity.
    static func routineName(_ id: ObjectID) -> String {
        guard case .routine(let routine, _) = id else { return id.name }
        return name(routine)
    }

    /// `schema.===`: an operator's symbol is never quoted; its schema is.
    static func operatorName(_ item: QualifiedName) -> String {
        identifier(item.schema) + "." + item.name
    }
}
