import StrataSchema

/// What a command that compares schemas says about the facets `compare:` in
/// `strata.yaml` turned off, so that "no differences" is never read as covering them.
enum ComparisonNote {
    /// `Not compared: owners (compare: in strata.yaml).`; nil when everything is compared.
    static func text(_ scope: ComparisonScope) -> String? {
        var off: [String] = []
        if !scope.privileges { off.append("privileges") }
        if !scope.owners { off.append("owners") }
        guard !off.isEmpty else { return nil }
        return "Not compared: " + off.joined(separator: ", ") + " (compare: in strata.yaml)."
    }

    /// The `compared` object of JSON output.
    struct Document: Encodable {
        var privileges: Bool
        var owners: Bool

        init(_ scope: ComparisonScope) {
            privileges = scope.privileges
            owners = scope.owners
        }
    }
}
