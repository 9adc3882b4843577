import StrataSchema

/// One `ALTER DOMAIN` action.
public enum DomainAlteration: Sendable, Hashable, Codable {
    case setDefault(String)
    case dropDefault
    case setNotNull
    case dropNotNull
    case addConstraint(DomainType.Constraint)
    case dropConstraint(String)
}
