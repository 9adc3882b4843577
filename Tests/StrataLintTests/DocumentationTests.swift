import Foundation
import StrataLint
import Testing

/// docs/lint.md documents every rule code with its default severity: the codes are a contract.
@Suite struct DocumentationTests {
    /// docs/lint.md of the repository this file was compiled from.
    static let text: String = {
        let path = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // StrataLintTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // the repository
            .appendingPathComponent("docs/lint.md")
        return (try? String(contentsOf: path, encoding: .utf8)) ?? ""
    }()

    @Test func everyRuleHasASectionWithItsDefaultSeverity() throws {
        #expect(!Self.text.isEmpty, "docs/lint.md is missing")
        for rule in LintRule.allCases {
            let heading = "\n### \(rule.code)\n"
            let start = try #require(Self.text.range(of: heading), "no section for \(rule.code)")
            let section = Self.text[start.upperBound...].prefix(200)
            #expect(section.contains("**Default:** \(rule.defaultSeverity.rawValue)."), "\(rule.code): default severity")
            #expect(Self.text.contains("| [\(rule.code)](#\(rule.code)) | \(rule.defaultSeverity.rawValue) |"), "\(rule.code): table row")
        }
    }
}
