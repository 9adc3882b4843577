import StrataDiff
import StrataSchema

/// A plan's statements grouped for people: one group per table (its columns added,
/// changed and dropped, its indexes, keys, foreign keys, triggers, policies) and one per
/// other object, in the order the plan first touches them. Migration records and
/// `diff --format markdown` render it.
public struct ChangeSummary: Sendable, Hashable {
    /// What a line is about, in the order a group lists them.
    public enum Category: Int, Sendable, Hashable, Comparable, CaseIterable {
        case object, columnsAdded, columnsChanged, columnsDropped, keys, indexes, foreignKeys, triggers, policies, rules, privileges, other

        /// The heading of the category's lines.
        public var title: String {
            switch self {
            case .object: return "Object"
            case .columnsAdded: return "Columns added"
            case .columnsChanged: return "Columns changed"
            case .columnsDropped: return "Columns dropped"
            case .keys: return "Keys and checks"
            case .indexes: return "Indexes"
            case .foreignKeys: return "Foreign keys"
            case .triggers: return "Triggers"
            case .policies: return "Row-level security and policies"
            case .rules: return "Rules"
            case .privileges: return "Privileges and owners"
            case .other: return "Other"
            }
        }

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// One change, described.
    public struct Line: Sendable, Hashable {
        public var category: Category
        /// Markdown: names in code spans.
        public var text: String
        public var hazards: [Hazard.Code]
    }

    /// The changes of one table or object.
    public struct Group: Sendable, Hashable {
        /// The table, or the object the changes act on.
        public var object: ObjectID
        /// `created`, `dropped` or `changed`.
        public var status: String
        /// In plan order within each category; categories in ``Category`` order.
        public var lines: [Line]
    }

    public var groups: [Group]

    /// The tables the plan creates, changes or drops, in plan order.
    public var tables: [QualifiedName] {
        groups.compactMap { if case .table(let name) = $0.object { return name } else { return nil } }
    }

    /// Groups `statements`; `before`, the schema they start from, names the table of a
    /// dropped index and the kind of a dropped constraint when given.
    public init(_ statements: [PlannedStatement], before: Schema? = nil) {
        let lookup = ChangeLookup(before, statements: statements)
        var order: [ObjectID] = []
        var lines: [ObjectID: [Line]] = [:]
        var created: Set<ObjectID> = [], dropped: Set<ObjectID> = []
        for statement in statements where statement.action != "set" {
            let key = lookup.groupKey(statement)
            if lines[key] == nil { order.append(key) }
            let hazards = statement.hazards.map(\.code)
            for (category, text) in lookup.describe(statement) {
                lines[key, default: []].append(Line(category: category, text: text, hazards: hazards))
            }
            if statement.object == key && statement.action == "create" { created.insert(key) }
            if statement.object == key && statement.action == "drop" { dropped.insert(key) }
        }
        groups = order.map { key in
            let status = created.contains(key) && dropped.contains(key) ? "re-created"
                : created.contains(key) ? "created" : dropped.contains(key) ? "dropped" : "changed"
            let sorted = (lines[key] ?? []).enumerated().sorted {
                $0.element.category == $1.element.category ? $0.offset < $1.offset : $0.element.category < $1.element.category
            }.map(\.element)
            return Group(object: key, status: status, lines: sorted)
        }
    }

    /// The groups as Markdown: a heading of `level` per group, then a bullet per category
    /// with the changes under it, hazards named after each.
    public func markdown(level: Int = 3) -> String {
        let hashes = String(repeating: "#", count: level)
        var text = ""
        for group in groups {
            text += "\n\(hashes) \(Markdown.text(ChangeLookup.noun(group.object).capitalizedFirst)) \(Markdown.code(group.object.name)) (\(group.status))\n\n"
            var category: Category?
            for line in group.lines {
                let hazards = line.hazards.isEmpty ? "" : " — hazard" + (line.hazards.count == 1 ? " " : "s ")
                    + line.hazards.map { Markdown.code($0.rawValue) }.joined(separator: ", ")
                if line.category == .object {
                    text += "- \(line.text)\(hazards)\n"
                    continue
                }
                if line.category != category {
                    text += "- \(line.category.title):\n"
                    category = line.category
                }
                text += "  - \(line.text)\(hazards)\n"
            }
        }
        return text
    }
}

extension String {
    var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
