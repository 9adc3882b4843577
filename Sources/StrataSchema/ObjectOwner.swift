/// The role that owns an object (read only when owners are compared, see
/// ``ComparisonScope/owners``).
public struct ObjectOwner: Sendable, Hashable, Codable {
    public var object: ObjectID
    public var role: String

    public init(object: ObjectID, role: String) {
        self.object = object
        self.role = role
    }
}
