/// A Swift type for a PostgreSQL type, and how values of it cross the wire.
public struct SwiftType: Sendable, Equatable {
    public enum Coding: Sendable, Equatable {
        /// PostgresNIO encodes and decodes it (`Int64`, `String`, `[UUID]`, `Date`, a JSON value).
        case native
        /// Sent as untyped text so that the server gives it the type the query needs, read
        /// from the bytes: enums (`rawValue`) and text types PostgresNIO does not know (`citext`).
        case text(isEnum: Bool)
        /// A one-dimensional array of those.
        case textArray(isEnum: Bool)
        /// A composite type: decoded field by field.
        case composite
    }

    /// As written in the generated file (`Int64`, `[String]`, `Mood`).
    public var name: String
    public var coding: Coding
}

/// Why a type has no Swift type yet.
public struct UnsupportedType: Error, Sendable, Equatable {
    public var display: String
    public var reason: String
}

/// The type map of `docs/codegen.md`: PostgreSQL types to Swift types.
public struct SwiftTypeMap: Sendable {
    public let catalog: CodegenCatalog
    /// `codegen.types` overrides: a type name as `format_type` writes it (`jsonb`,
    /// `public.order_details`) → a Swift type of the user's, which must be `PostgresCodable`.
    public let overrides: [String: String]

    public init(catalog: CodegenCatalog, overrides: [String: String] = [:]) {
        self.catalog = catalog
        self.overrides = overrides
    }

    /// The Swift name of an enum or composite type: its name in UpperCamelCase, with the
    /// schema in front outside `public`.
    public func typeName(_ entry: TypeEntry) -> String {
        let base = Naming.upperCamel(entry.name)
        return entry.schema == "public" ? base : Naming.upperCamel(entry.schema) + base
    }

    public func swiftType(_ oid: UInt32) throws(UnsupportedType) -> SwiftType {
        guard let entry = catalog.types[oid] else { throw UnsupportedType(display: "oid \(oid)", reason: "the type is not in the catalog") }
        if let override = overrides[entry.display] ?? overrides[entry.name] {
            return SwiftType(name: override, coding: .native)
        }
        switch entry.kind {
        case .enumeration:
            return SwiftType(name: typeName(entry), coding: .text(isEnum: true))
        case .domain:
            guard let base = entry.baseOID else { throw UnsupportedType(display: entry.display, reason: "a domain without a base type") }
            return try swiftType(base)
        case .composite:
            return SwiftType(name: typeName(entry), coding: .composite)
        case .array:
            guard let element = entry.elementOID else { throw UnsupportedType(display: entry.display, reason: "an array without an element type") }
            let inner = try swiftType(element)
            switch inner.coding {
            case .native:
                guard Self.arrayElements.contains(inner.name) else {
                    throw UnsupportedType(display: entry.display, reason: "PostgresNIO has no array coding for \(inner.name)")
                }
                return SwiftType(name: "[\(inner.name)]", coding: .native)
            case .text(let isEnum):
                return SwiftType(name: "[\(inner.name)]", coding: .textArray(isEnum: isEnum))
            case .textArray, .composite:
                throw UnsupportedType(display: entry.display, reason: "arrays of \(inner.name) are not mapped")
            }
        case .base:
            if entry.schema == "pg_catalog", let native = Self.base[entry.name] {
                return SwiftType(name: native, coding: .native)
            }
            if entry.name == "citext" {
                return SwiftType(name: "String", coding: .text(isEnum: false))
            }
            throw UnsupportedType(display: entry.display, reason: "no Swift type is mapped to it")
        case .range, .pseudo, .other:
            throw UnsupportedType(display: entry.display, reason: "no Swift type is mapped to it")
        }
    }

    /// pg_catalog base types by `typname`.
    static let base: [String: String] = [
        "int2": "Int16", "int4": "Int32", "int8": "Int64", "float4": "Float", "float8": "Double", "numeric": "Decimal",
        "text": "String", "varchar": "String", "bpchar": "String", "name": "String",
        "uuid": "UUID", "bool": "Bool", "timestamptz": "Date", "timestamp": "Date", "date": "Date", "bytea": "Data",
        "json": "JSONValue", "jsonb": "JSONValue",
    ]

    /// Element types PostgresNIO encodes and decodes in arrays.
    static let arrayElements: Set<String> = ["Int16", "Int32", "Int64", "Float", "Double", "String", "UUID", "Bool", "Date"]
}
