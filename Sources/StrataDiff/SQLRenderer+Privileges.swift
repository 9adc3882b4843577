import StrataSQL
import StrataSchema

extension SQLRenderer {
    /// `GRANT`, `REVOKE`, `ALTER DEFAULT PRIVILEGES` and `ALTER … OWNER TO`.
    static func privilegeSQL(_ change: SchemaChange) -> String {
        switch change {
        case .grant(let target, let privileges, let grantee, let withGrantOption):
            let head = "GRANT " + privilegeList(privileges, target) + " ON " + objectName(target) + " TO "
            let tail = withGrantOption ? " WITH GRANT OPTION" : ""
            if grantee == .owner, target.ownerRole == nil, let owner = ownerLookup(target) {
                return toTheOwner(head, owner, tail)
            }
            return head + granteeName(grantee, owner: target.ownerRole) + tail
        case .revoke(let target, let privileges, let grantee, let grantOptionOnly, _):
            let head = "REVOKE " + (grantOptionOnly ? "GRANT OPTION FOR " : "") + privilegeList(privileges, target) + " ON "
                + objectName(target) + " FROM "
            if grantee == .owner, target.ownerRole == nil, let owner = ownerLookup(target) {
                return toTheOwner(head, owner, "")
            }
            return head + granteeName(grantee, owner: target.ownerRole)
        case .grantDefaultPrivileges(let key, let privileges, let grantee, let withGrantOption):
            return defaultPrivilegesPrefix(key) + " GRANT " + privileges.joined(separator: ", ") + " ON " + key.kind.rawValue
                + " TO " + granteeName(grantee, owner: key.role) + (withGrantOption ? " WITH GRANT OPTION" : "")
        case .revokeDefaultPrivileges(let key, let privileges, let grantee, let grantOptionOnly):
            return defaultPrivilegesPrefix(key) + " REVOKE " + (grantOptionOnly ? "GRANT OPTION FOR " : "")
                + privileges.joined(separator: ", ") + " ON " + key.kind.rawValue + " FROM " + granteeName(grantee, owner: key.role)
        case .setObjectOwner(let target, let role, _):
            return "ALTER " + target.keyword + " " + objectName(target, forOwner: true) + " OWNER TO " + identifier(role)
        default:
            preconditionFailure("not a privilege or owner change: \(change)")
        }
    }

    /// `SELECT, UPDATE`, or for a column `SELECT ("email"), UPDATE ("email")`.
    private static func privilegeList(_ privileges: [String], _ target: PrivilegeTarget) -> String {
        guard case .column(_, let column) = target.object else { return privileges.joined(separator: ", ") }
        return privileges.map { $0 + " (" + identifier(column) + ")" }.joined(separator: ", ")
    }

    /// `TABLE public.users`, `ROUTINE public.f(integer)`; for `ALTER … OWNER TO` without
    /// the keyword (which precedes it there).
    private static func objectName(_ target: PrivilegeTarget, forOwner: Bool = false) -> String {
        let prefix = forOwner ? "" : target.grantKeyword + " "
        switch target.object {
        case .namespace(let schema): return prefix + identifier(schema)
        case .column(let table, _): return prefix + name(table)
        case .routine(let routine, let arguments):
            // GRANT takes an aggregate's arguments as a plain list: `()` for `*`, a comma for
            // an ordered-set aggregate's `ORDER BY` (ALTER AGGREGATE … OWNER TO takes both).
            let listed = forOwner ? arguments : (arguments == "*" ? "" : arguments.replacingOccurrences(of: " ORDER BY ", with: ", "))
            return prefix + name(routine) + "(" + listed + ")"
        case .table(let object), .view(let object), .sequence(let object), .type(let object), .collation(let object),
             .index(let object), .statistics(let object), .textSearchConfiguration(let object), .textSearchDictionary(let object):
            return prefix + name(object)
        case .operator(let item, let arguments): return prefix + operatorName(item) + " (" + arguments + ")"
        case .cast(let source, let target): return prefix + "(" + source + " AS " + target + ")"
        case .extension(let item): return prefix + identifier(item)
        case .constraint(let table, let item), .trigger(let table, let item), .policy(let table, let item), .rule(let table, let item):
            return prefix + identifier(item) + " ON " + name(table)
        case .defaultPrivileges(let key): return prefix + key.kind.rawValue
        }
    }

    /// A `GRANT` or `REVOKE` to an object's owner when owners are not compared, so that
    /// the owner's name is not known: the statement looks the owner up where it runs
    /// (production's owner need not be the role that runs the migration):
    /// `DO $strata$ BEGIN EXECUTE format('REVOKE … FROM %s', (SELECT …owner…)); END $strata$`.
    private static func toTheOwner(_ head: String, _ owner: String, _ tail: String) -> String {
        let escaped = head.replacingOccurrences(of: "%", with: "%%") + "%s" + tail.replacingOccurrences(of: "%", with: "%%")
        let body = "BEGIN EXECUTE pg_catalog.format(" + SQLLiteral.quote(escaped) + ", " + owner + "); END"
        var tag = "strata"
        while body.contains("$" + tag + "$") { tag += "_" }
        return "DO $" + tag + "$ " + body + " $" + tag + "$"
    }

    /// An expression that gives the object's owner as a quoted role name, read from the
    /// catalog where the statement runs; nil for kinds without privileges of their own.
    private static func ownerLookup(_ target: PrivilegeTarget) -> String? {
        func lookup(_ column: String, _ catalog: String, _ key: String) -> String {
            "(SELECT " + column + "::pg_catalog.regrole::text FROM pg_catalog." + catalog + " WHERE " + key + ")"
        }
        switch target.object {
        case .namespace(let schema):
            return lookup("nspowner", "pg_namespace", "nspname = " + SQLLiteral.quote(schema))
        case .table(let relation), .view(let relation), .sequence(let relation), .column(let relation, _):
            return lookup("relowner", "pg_class", "oid = " + SQLLiteral.quote(name(relation)) + "::pg_catalog.regclass")
        case .routine(let routine, let arguments):
            let listed = arguments == "*" ? "" : arguments.replacingOccurrences(of: " ORDER BY ", with: ", ")
            return lookup("proowner", "pg_proc", "oid = " + SQLLiteral.quote(name(routine) + "(" + listed + ")") + "::pg_catalog.regprocedure")
        case .type(let type):
            return lookup("typowner", "pg_type", "oid = " + SQLLiteral.quote(name(type)) + "::pg_catalog.regtype")
        default:
            return nil
        }
    }

    /// `PUBLIC`, a quoted role, or the owner: `owner` by name, else `CURRENT_USER`.
    private static func granteeName(_ grantee: Grantee, owner: String?) -> String {
        switch grantee {
        case .public: return "PUBLIC"
        case .role(let role): return identifier(role)
        case .owner: return owner.map(identifier) ?? "CURRENT_USER"
        }
    }

    /// `ALTER DEFAULT PRIVILEGES [FOR ROLE r] [IN SCHEMA s]`.
    private static func defaultPrivilegesPrefix(_ key: DefaultPrivileges.Key) -> String {
        "ALTER DEFAULT PRIVILEGES" + (key.role.map { " FOR ROLE " + identifier($0) } ?? "")
            + (key.schema.map { " IN SCHEMA " + identifier($0) } ?? "")
    }
}
