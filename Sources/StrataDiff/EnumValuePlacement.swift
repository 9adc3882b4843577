/// Where `ALTER TYPE … ADD VALUE` puts a new label.
public enum EnumValuePlacement: Sendable, Hashable, Codable {
    /// At the end (no clause).
    case last
    case before(String)
    case after(String)
}
