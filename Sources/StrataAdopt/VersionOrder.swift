/// How the source tools order versions.
enum VersionOrder {
    /// As numbers (goose, golang-migrate, sqlx): fewer significant digits first, then
    /// digit by digit.
    static func numeric(_ lhs: String, _ rhs: String) -> Bool {
        let left = VersionText.number(lhs), right = VersionText.number(rhs)
        if left.count != right.count { return left.count < right.count }
        return left < right
    }
}
