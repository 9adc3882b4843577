/// PostgreSQL's text form of a one-dimensional array: `{a,"b, c",NULL,"d\\"e"}`.
public enum ArrayText {
    /// The elements, nil for an unquoted NULL; nil when the text is not such an array.
    public static func elements(of text: String) -> [String?]? {
        var bytes = Array(text.utf8)[...]
        if bytes.first == UInt8(ascii: "[") {
            // Explicit bounds (`[0:1]={…}`): skip to the braces.
            guard let equals = bytes.firstIndex(of: UInt8(ascii: "=")) else { return nil }
            bytes = bytes[(equals + 1)...]
        }
        guard bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else { return nil }
        bytes = bytes.dropFirst().dropLast()
        var elements: [String?] = []
        guard !bytes.isEmpty else { return elements }
        var current: [UInt8] = []
        var quoted = false, wasQuoted = false, escaped = false
        func finish() {
            if !wasQuoted {
                while current.last == UInt8(ascii: " ") { current.removeLast() }
            }
            let value = String(decoding: current, as: UTF8.self)
            elements.append(!wasQuoted && value.uppercased() == "NULL" ? nil : value)
            current = []
            wasQuoted = false
        }
        for byte in bytes {
            if escaped {
                current.append(byte)
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                quoted.toggle()
                wasQuoted = true
            } else if byte == UInt8(ascii: ","), !quoted {
                finish()
            } else if byte == UInt8(ascii: "{") && !quoted {
                return nil  // more than one dimension
            } else if !(byte == UInt8(ascii: " ") && current.isEmpty && !quoted) {
                current.append(byte)
            }
        }
        guard !quoted, !escaped else { return nil }
        finish()
        return elements
    }
}
