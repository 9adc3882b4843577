#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ObjectID {
    /// Appends bytes whose order (byte by byte, a shorter prefix first) is the order of
    /// ``<(_:_:)``: the kind's rank, then each part of the name followed by a 0 byte (which
    /// no identifier, type name or argument list holds, so a part ends before any longer
    /// one that it begins). False, appending nothing, for default privileges, whose key
    /// has parts that may be absent.
    ///
    /// Sorting thousands of identities by such keys compares bytes instead of taking
    /// enum payloads apart for every comparison.
    func appendSortKey(to key: inout [UInt8]) -> Bool {
        func part(_ text: String) {
            key.append(contentsOf: text.utf8)
            key.append(0)
        }
        switch self {
        case .defaultPrivileges: return false
        default: key.append(UInt8(rank))
        }
        switch self {
        case .namespace(let name), .extension(let name):
            part(name)
        case .collation(let name), .type(let name), .sequence(let name), .table(let name), .index(let name), .view(let name),
             .statistics(let name), .textSearchConfiguration(let name), .textSearchDictionary(let name):
            part(name.schema)
            part(name.name)
        case .column(let table, let name), .constraint(let table, let name), .trigger(let table, let name),
             .policy(let table, let name), .rule(let table, let name):
            part(table.schema)
            part(table.name)
            part(name)
        case .routine(let name, let arguments), .operator(let name, let arguments):
            part(name.schema)
            part(name.name)
            part(arguments)
        case .cast(let source, let target):
            part(source)
            part(target)
        case .defaultPrivileges:
            return false
        }
        return true
    }
}

extension Dependency {
    /// `dependencies` without repeats, in order: sorted by byte keys (see
    /// ``ObjectID/appendSortKey(to:)``), or by comparing identities when one is a default
    /// privileges entry.
    static func sortedUnique(_ dependencies: [Dependency]) -> [Dependency] {
        var keys: [[UInt8]] = []
        keys.reserveCapacity(dependencies.count)
        for dependency in dependencies {
            var key: [UInt8] = []
            guard dependency.from.appendSortKey(to: &key), dependency.to.appendSortKey(to: &key) else {
                return Array(Set(dependencies)).sorted()
            }
            keys.append(key)
        }
        let order = keys.indices.sorted { precedes(keys[$0], keys[$1]) }
        var result: [Dependency] = []
        result.reserveCapacity(order.count)
        var previous: Int?
        for index in order {
            if let previous, keys[previous] == keys[index] { continue }
            result.append(dependencies[index])
            previous = index
        }
        return result
    }

    /// Byte order, a prefix first (`memcmp` over the common length).
    private static func precedes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let common = min(a.count, b.count)
        let order = a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in memcmp(a.baseAddress!, b.baseAddress!, common) }
        }
        return order != 0 ? order < 0 : a.count < b.count
    }
}
