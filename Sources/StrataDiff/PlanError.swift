import StrataSchema

/// Why a plan could not be made.
public struct PlanError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable, Hashable { case dependencyCycle, invalidRename }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The statements depend on each other in a circle; no order satisfies them.
        public static let dependencyCycle = Code(.dependencyCycle)
        /// A rename names a table or column that does not exist, or collides with another.
        public static let invalidRename = Code(.invalidRename)

        public var description: String { value.rawValue }
    }

    public var code: Code
    public var message: String
    /// The objects involved.
    public var objects: [ObjectID]

    public init(code: Code, message: String, objects: [ObjectID] = []) {
        self.code = code
        self.message = message
        self.objects = objects
    }

    public var description: String { "\(code): \(message)" }
}
