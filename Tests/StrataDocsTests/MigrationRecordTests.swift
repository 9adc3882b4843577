import StrataDiff
import StrataDocs
import StrataSchema
import Testing

/// Changes grouped for people, migration records and `diff --format markdown`, from plans
/// the differ makes between schema literals.
@Suite struct MigrationRecordTests {
    /// The shop, then: users gains a column and loses one, orders' index is dropped and a new
    /// one built, a foreign key added, a table created, a type changed.
    private func plan() throws -> (Plan, Schema) {
        let before = DocsFixtures.shop()
        var after = before
        let users = try #require(after.tables.firstIndex { $0.name.name == "users" })
        after.tables[users].columns.append(Column(name: "nickname", type: "character varying(40)"))
        after.tables[users].columns.removeAll { $0.name == "created_at" }
        let orders = try #require(after.tables.firstIndex { $0.name.name == "orders" })
        after.tables[orders].indexes = [Index(
            name: QualifiedName("public", "orders_status_idx"), table: after.tables[orders].name,
            definition: "CREATE INDEX orders_status_idx ON public.orders USING btree (status)", columns: ["status"]
        )]
        after.tables[orders].columns.append(Column(name: "coupon_id", type: "bigint"))
        after.tables.append(Table(
            name: QualifiedName("public", "coupons"), columns: [Column(name: "id", type: "bigint", isNotNull: true)],
            constraints: [DocsFixtures.primaryKey("coupons", ["id"])]
        ))
        after.tables[orders].constraints.append(DocsFixtures.foreignKey("orders_coupon_fk", ["coupon_id"], QualifiedName("public", "coupons"), ["id"]))
        let lines = try #require(after.tables.firstIndex { $0.name.name == "order_lines" })
        after.tables[lines].columns[2].type = "bigint"
        return (try SchemaDiffer.plan(from: before, to: after.sorted()), before)
    }

    @Test func changesAreGroupedByTable() throws {
        let (plan, before) = try plan()
        let summary = ChangeSummary(plan.statements, before: before)
        #expect(summary.tables.map(\.description).sorted() == ["public.coupons", "public.order_lines", "public.orders", "public.users"])
        let text = summary.markdown(level: 3)
        for expected in [
            "### Table `public.users` (changed)\n\n- Columns added:\n  - `nickname` `character varying(40)` — hazard `blocking-lock`\n- Columns dropped:\n  - `created_at` — hazards `data-loss`, `blocking-lock`",
            "### Table `public.coupons` (created)\n\n- created\n- Columns added:\n  - `id` `bigint` not null\n- Keys and checks:\n  - primary key `coupons_pkey`",
            "- Indexes:\n  - dropped `orders_user_idx`", "  - created `orders_status_idx`: `btree (status)` — hazard `index-build`",
            "- Foreign keys:\n  - added `orders_coupon_fk`: `FOREIGN KEY (coupon_id) REFERENCES public.coupons(id)`",
            "  - `quantity`: type `integer` → `bigint` — hazards ",
        ] {
            #expect(text.contains(expected), "missing \(expected) in\n\(text)")
        }
        // Without the schema before, a dropped index has no table: it is its own group.
        #expect(ChangeSummary(plan.statements).markdown().contains("### Index `public.orders_user_idx` (dropped)"))
    }

    @Test func aRecordHasEverySection() throws {
        let (plan, before) = try plan()
        let record = MigrationRecord(
            version: "20240101000000", name: "shop_changes", file: "migrations/20240101000000_shop_changes.sql", checksum: "abc123",
            origin: .generated(commandLine: "strata generate shop_changes"), isTransactional: true, changes: plan.statements, before: before,
            up: plan.statements.map(\.sql), down: ["ALTER TABLE public.users DROP COLUMN nickname"],
            proof: ["Proved on a scratch database."], lint: ["3:1 error index-not-concurrent: CREATE INDEX on the existing table orders …"]
        )
        let text = record.markdown()
        #expect(text.hasPrefix(DocsPage.marker + "\n<!-- strata:migration 20240101000000 checksum abc123 -->\n\n# Migration `20240101000000_shop_changes`\n"))
        for expected in [
            "Written by `strata generate shop_changes` in `migrations/20240101000000_shop_changes.sql`.",
            "- Runs in a transaction: all or nothing.", "- Tables affected: ", "`public.coupons` (created)",
            "## Changes", "## Hazards\n\n| hazard | object | what happens |", "## Lint", "## Up\n\n```sql\n", "## Rollback\n\n```sql\nALTER TABLE public.users DROP COLUMN nickname;\n```",
            "## Proof\n\n- Proved on a scratch database.",
        ] {
            #expect(text.contains(expected), "missing \(expected) in\n\(text)")
        }
        #expect(MigrationRecord.recordedChecksum(in: text) == "abc123")
        #expect(MigrationRecord.isGenerated(text))
        #expect(record.fileName == "20240101000000_shop_changes.md")

        var handWritten = record
        handWritten.origin = .handWritten
        handWritten.down = nil
        handWritten.changes = []
        handWritten.isTransactional = false
        let other = handWritten.markdown()
        #expect(!MigrationRecord.isGenerated(other))
        for expected in ["Written by hand in", "No down part: this migration cannot be rolled back", "No change to the compared objects",
                         "Runs outside a transaction", "- No hazards."] {
            #expect(other.contains(expected), "missing \(expected) in\n\(other)")
        }
        #expect(MigrationRecord.recordedChecksum(in: "# not a record\n") == nil)
    }

    @Test func aKeptRecordGetsTodaysLintAndKeepsEverythingElse() throws {
        let (plan, before) = try plan()
        var record = MigrationRecord(
            version: "20240101000000", name: "shop_changes", file: "migrations/20240101000000_shop_changes.sql", checksum: "abc123",
            origin: .generated(commandLine: "strata generate shop_changes"), isTransactional: true, changes: plan.statements, before: before,
            up: plan.statements.map(\.sql), down: nil, proof: ["Proved on a scratch database."],
            lint: ["3:1 error index-not-concurrent: CREATE INDEX on the existing table orders …"]
        )
        let written = record.markdown()
        let newer = ["4:1 warning some-rule: another finding"]
        // Each of: a finding gone, a finding changed, a finding added to a record without any.
        #expect(MigrationRecord.refreshingLint([], in: written) == { record.lint = []; return record.markdown() }())
        #expect(MigrationRecord.refreshingLint(newer, in: written) == { record.lint = newer; return record.markdown() }())
        record.lint = []
        let clean = record.markdown()
        #expect(MigrationRecord.refreshingLint(newer, in: clean) == { record.lint = newer; return record.markdown() }())
        #expect(MigrationRecord.refreshingLint([], in: clean) == clean)
        #expect(MigrationRecord.refreshingLint(newer, in: "no sections") == "no sections")
    }

    @Test func planMarkdownNamesBothSidesAndEveryHazard() throws {
        let (plan, before) = try plan()
        let text = PlanMarkdown.document(plan, from: "env:dev", to: "schema", before: before, notes: ["not compared: foreign table public.remote"])
        #expect(text.hasPrefix("# Schema changes from `env:dev` to `schema`\n\n**\(plan.statements.count) statements**; hazards: "))
        #expect(text.contains("## Changes\n\n### Table") && text.contains("## Hazards") && text.contains("## SQL\n\n```sql\n"))
        #expect(text.contains("-- hazard data-loss: ") && text.hasSuffix("> not compared: foreign table public.remote\n"))
        let empty = PlanMarkdown.document(Plan(), from: "a", to: "b")
        #expect(empty == "# Schema changes from `a` to `b`\n\nNo differences: `a` and `b` have the same schema.\n")
    }
}
