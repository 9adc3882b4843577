/// Byte classes of PostgreSQL's scanner (`scan.l`), for UTF-8 input.
///
/// Every byte of a multi-byte UTF-8 sequence is 0x80 or above, and PostgreSQL counts all such
/// bytes as letters (`ident_start` includes `\200-\377`). Scanning bytes therefore never splits a
/// Unicode scalar: a token boundary only ever falls next to an ASCII byte or at the end of input.
extension UInt8 {
    /// `[ \t\n\r\f\v]`.
    var isSQLWhitespace: Bool {
        switch self {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x0B: true
        default: false
        }
    }

    /// `\n` or `\r`.
    var isLineBreak: Bool { self == 0x0A || self == 0x0D }

    /// A space or tab: what may precede a directive on its line.
    var isBlank: Bool { self == 0x20 || self == 0x09 }

    /// `[0-9]`.
    var isDecimalDigit: Bool { self >= 0x30 && self <= 0x39 }

    /// `[0-9A-Fa-f]`.
    var isHexDigit: Bool {
        isDecimalDigit || (self >= 0x41 && self <= 0x46) || (self >= 0x61 && self <= 0x66)
    }

    /// `[A-Za-z]`.
    var isASCIILetter: Bool { (self | 0x20) >= 0x61 && (self | 0x20) <= 0x7A }

    /// `ident_start`: `[A-Za-z\200-\377_]`.
    var isIdentifierStart: Bool { isASCIILetter || self == 0x5F || self >= 0x80 }

    /// `ident_cont`: `[A-Za-z\200-\377_0-9\$]`.
    var isIdentifierContinuation: Bool { isIdentifierStart || isDecimalDigit || self == 0x24 }

    /// `dolq_cont`: like an identifier character, but without `$`.
    var isDollarTagContinuation: Bool { isIdentifierStart || isDecimalDigit }

    /// `op_chars`: `~ ! @ # ^ & | \` ? + - * / % < > =`.
    var isOperatorCharacter: Bool {
        switch self {
        case UInt8(ascii: "~"), UInt8(ascii: "!"), UInt8(ascii: "@"), UInt8(ascii: "#"), UInt8(ascii: "^"),
            UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "`"), UInt8(ascii: "?"), UInt8(ascii: "+"),
            UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "%"), UInt8(ascii: "<"),
            UInt8(ascii: ">"), UInt8(ascii: "="):
            true
        default:
            false
        }
    }

    /// Operator characters that let a multi-character operator end in `+` or `-`
    /// (`~ ! @ # ^ & | \` ? %`), per PostgreSQL's operator rule.
    var allowsTrailingSign: Bool {
        switch self {
        case UInt8(ascii: "~"), UInt8(ascii: "!"), UInt8(ascii: "@"), UInt8(ascii: "#"), UInt8(ascii: "^"),
            UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "`"), UInt8(ascii: "?"), UInt8(ascii: "%"):
            true
        default:
            false
        }
    }

    /// Whether this byte begins a Unicode scalar (is not a UTF-8 continuation byte).
    var isScalarStart: Bool { self & 0xC0 != 0x80 }

    /// ASCII-only upper-casing, as PostgreSQL folds keywords.
    public var asciiUppercased: UInt8 { (self >= 0x61 && self <= 0x7A) ? self - 0x20 : self }

    /// ASCII-only lower-casing, as PostgreSQL folds unquoted names.
    public var asciiLowercased: UInt8 { (self >= 0x41 && self <= 0x5A) ? self + 0x20 : self }
}

extension String {
    /// The UTF-8 `bytes`, each passed through `transform` (``UInt8/asciiUppercased`` or
    /// ``UInt8/asciiLowercased``), written
    /// straight into the string's storage: a keyword fits a small string, so this allocates
    /// nothing, where a lazily mapped slice would be copied into an array first.
    public init(utf8 bytes: ArraySlice<UInt8>, mappingEach transform: (UInt8) -> UInt8) {
        self.init(unsafeUninitializedCapacity: bytes.count) { buffer in
            for (offset, byte) in bytes.enumerated() { buffer[offset] = transform(byte) }
            return bytes.count
        }
    }
}
