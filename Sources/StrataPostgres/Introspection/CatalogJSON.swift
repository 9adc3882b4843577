/// The JSON that catalog queries aggregate (`json_agg`, `json_build_array`, `to_json` of
/// text arrays): arrays of strings and nulls, and arrays of such arrays.
///
/// A reader for exactly that subset of JSON (RFC 8259 strings with every escape,
/// surrogate pairs included; whitespace between tokens), which the inspection reads
/// thousands of times on a large schema: a general `Decodable` decoder spent more time
/// on those few shapes than on the rest of a row.
protocol CatalogJSONValue {
    static func read(from reader: inout CatalogJSONReader) throws(CatalogJSONReader.Failure) -> Self
}

extension String: CatalogJSONValue {
    static func read(from reader: inout CatalogJSONReader) throws(CatalogJSONReader.Failure) -> String {
        guard let value = try reader.string() else { throw reader.failure("a string, not null") }
        return value
    }
}

extension Optional: CatalogJSONValue where Wrapped == String {
    static func read(from reader: inout CatalogJSONReader) throws(CatalogJSONReader.Failure) -> String? {
        try reader.string()
    }
}

extension Array: CatalogJSONValue where Element: CatalogJSONValue {
    static func read(from reader: inout CatalogJSONReader) throws(CatalogJSONReader.Failure) -> [Element] {
        var elements: [Element] = []
        try reader.expect(UInt8(ascii: "["))
        if try reader.peek() == UInt8(ascii: "]") {
            reader.skip()
            return elements
        }
        while true {
            elements.append(try Element.read(from: &reader))
            switch try reader.next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "]"): return elements
            default: throw reader.failure("\",\" or \"]\"")
            }
        }
    }
}

/// A cursor over the UTF-8 bytes of one JSON text.
struct CatalogJSONReader {
    /// What was expected, and at which byte offset something else was found.
    struct Failure: Error, CustomStringConvertible {
        var expected: String
        var offset: Int
        var description: String { "expected \(expected) at byte \(offset)" }
    }

    private let bytes: [UInt8]
    private var index = 0

    /// Reads `text` whole as a `T`; trailing characters other than whitespace fail.
    static func decode<T: CatalogJSONValue>(_ type: T.Type, from text: String) throws(Failure) -> T {
        var reader = CatalogJSONReader(bytes: Array(text.utf8))
        let value = try T.read(from: &reader)
        reader.skipWhitespace()
        guard reader.index == reader.bytes.count else { throw reader.failure("the end of the text") }
        return value
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    func failure(_ expected: String) -> Failure {
        Failure(expected: expected, offset: index)
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): index += 1
            default: return
            }
        }
    }

    /// The next byte that is not whitespace, left unread.
    mutating func peek() throws(Failure) -> UInt8 {
        skipWhitespace()
        guard index < bytes.count else { throw failure("more JSON") }
        return bytes[index]
    }

    /// The next byte that is not whitespace, read.
    mutating func next() throws(Failure) -> UInt8 {
        let byte = try peek()
        index += 1
        return byte
    }

    mutating func skip() {
        index += 1
    }

    mutating func expect(_ byte: UInt8) throws(Failure) {
        guard try next() == byte else {
            index -= 1
            throw failure("\"\(Character(Unicode.Scalar(byte)))\"")
        }
    }

    /// A string, or nil for `null`.
    mutating func string() throws(Failure) -> String? {
        switch try peek() {
        case UInt8(ascii: "n"):
            guard bytes[index...].starts(with: "null".utf8) else { throw failure("a string or null") }
            index += 4
            return nil
        case UInt8(ascii: "\""):
            index += 1
        default:
            throw failure("a string or null")
        }
        let start = index
        // The common case: no escapes, so the string is a slice of the text.
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
            index += 1
        }
        guard index < bytes.count else { throw failure("the end of the string") }
        if bytes[index] == UInt8(ascii: "\"") {
            defer { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
        var decoded = Array(bytes[start..<index])
        while true {
            guard index < bytes.count else { throw failure("the end of the string") }
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: decoded, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try unescape(into: &decoded)
            default:
                decoded.append(byte)
            }
        }
    }

    /// One escape after its backslash, appended as UTF-8.
    private mutating func unescape(into decoded: inout [UInt8]) throws(Failure) {
        guard index < bytes.count else { throw failure("an escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(byte)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = UInt32(try hexQuad())
            if (0xD800...0xDBFF).contains(scalar) {
                guard bytes[index...].starts(with: "\\u".utf8) else { throw failure("the second half of a surrogate pair") }
                index += 2
                let low = UInt32(try hexQuad())
                guard (0xDC00...0xDFFF).contains(low) else { throw failure("a low surrogate") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let value = Unicode.Scalar(scalar) else { throw failure("a Unicode scalar value") }
            UTF8.encode(value) { decoded.append($0) }
        default:
            index -= 1
            throw failure("an escape character")
        }
    }

    private mutating func hexQuad() throws(Failure) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw failure("four hex digits") }
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("four hex digits")
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }
}
