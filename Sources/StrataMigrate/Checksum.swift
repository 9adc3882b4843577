import Crypto

/// The checksum of a migration file (DESIGN §3): hex SHA-256 of its bytes with line
/// endings normalised to `\n` (`\r\n` and a lone `\r` both become `\n`).
public enum Checksum {
    public static func of(_ bytes: some Collection<UInt8>) -> String {
        if !bytes.contains(UInt8(ascii: "\r")) {
            return hex(SHA256.hash(data: Array(bytes)))
        }
        var normalized: [UInt8] = []
        normalized.reserveCapacity(bytes.count)
        var previousWasCR = false
        for byte in bytes {
            if byte == UInt8(ascii: "\r") {
                normalized.append(UInt8(ascii: "\n"))
                previousWasCR = true
                continue
            }
            if byte == UInt8(ascii: "\n") && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = false
            normalized.append(byte)
        }
        return hex(SHA256.hash(data: normalized))
    }

    /// The checksum recorded for a migration defined in Swift code, which has no file:
    /// a hash of its version and name, so that renaming it shows as a change.
    public static func ofCode(version: MigrationVersion, name: String) -> String {
        "swift:" + hex(SHA256.hash(data: Array("\(version.text)_\(name)".utf8))).prefix(32)
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
