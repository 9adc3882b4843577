import StrataAdopt
import StrataMigrate
import Testing

@Suite("tool history rows to applied versions")
struct ToolHistoryTests {
    private func migrations(_ format: AdoptFormat, _ files: [String: String]) -> [AdoptedMigration] {
        let adoption = adopt(format, files)
        #expect(adoption.problems.isEmpty, "\(adoption.problems)")
        return adoption.migrations
    }

    private func versions(_ match: ToolHistory.Match) -> [String] { match.applied.map(\.text) }

    @Test("goose: the newest row of a version decides; version 0 is goose's own; Go versions have no file")
    func goose() throws {
        let files = migrations(.goose, [
            "00001_a.sql": "-- +goose Up\nSELECT 1;\n", "00002_b.sql": "-- +goose Up\nSELECT 2;\n",
            "00003_c.sql": "-- +goose Up\nSELECT 3;\n",
        ])
        let rows: [[String?]] = [
            ["1", "0", "true"], ["2", "1", "true"], ["3", "2", "true"], ["4", "2", "false"], ["5", "3", "true"], ["6", "4", "true"],
        ]
        let match = try ToolHistory(format: .goose).applied(rows: rows, migrations: files)
        #expect(versions(match) == ["00001", "00003"])
        #expect(match.withoutFile == ["4"])
        #expect(match.rows == 6)
    }

    @Test("golang-migrate: everything up to the current version; dirty stops")
    func golangMigrate() throws {
        let files = migrations(.golangMigrate, ["1_a.up.sql": "SELECT 1;", "2_b.up.sql": "SELECT 2;", "3_c.up.sql": "SELECT 3;"])
        let match = try ToolHistory(format: .golangMigrate).applied(rows: [["2", "false"]], migrations: files)
        #expect(versions(match) == ["1", "2"])
        #expect(try ToolHistory(format: .golangMigrate).applied(rows: [], migrations: files).applied.isEmpty)
        #expect(throws: AdoptError.self) {
            try ToolHistory(format: .golangMigrate).applied(rows: [["3", "true"]], migrations: files)
        }
    }

    @Test("sqlx: success = false stops")
    func sqlx() throws {
        let files = migrations(.sqlx, ["1_a.sql": "SELECT 1;", "2_b.sql": "SELECT 2;"])
        #expect(versions(try ToolHistory(format: .sqlx).applied(rows: [["1", "true"]], migrations: files)) == ["1"])
        do {
            _ = try ToolHistory(format: .sqlx).applied(rows: [["1", "true"], ["2", "false"]], migrations: files)
            Issue.record("a failed row was accepted")
        } catch let error as AdoptError {
            #expect(error.code == .dirtyHistory)
            #expect(error.message.contains("version 2"))
        }
    }

    @Test("Flyway: baseline, undo and delete rows; spellings of one version match; failures stop")
    func flyway() throws {
        let files = migrations(.flyway, [
            "V1__a.sql": "SELECT 1;", "V1_1__b.sql": "SELECT 2;", "V2__c.sql": "SELECT 3;", "V3__d.sql": "SELECT 4;", "V4__e.sql": "SELECT 5;",
        ])
        let rows: [[String?]] = [
            ["1", "1.1", "BASELINE", "true"],
            ["2", nil, "SQL", "true"],
            ["3", "2.0", "SQL", "true"],
            ["4", "3", "SQL", "true"],
            ["5", "3", "UNDO_SQL", "true"],
            ["6", "4", "JDBC", "true"],
        ]
        let match = try ToolHistory(format: .flyway).applied(rows: rows, migrations: files)
        #expect(versions(match) == ["10", "11", "20", "40"])
        #expect(match.withoutFile.isEmpty)
        #expect(throws: AdoptError.self) {
            try ToolHistory(format: .flyway).applied(rows: [["1", "1", "SQL", "false"]], migrations: files)
        }
    }

    @Test("popx: a 14-digit legacy version stands for the longer version it starts")
    func popx() throws {
        let files = migrations(.popx, [
            "20200101000000000000_a.up.sql": "SELECT 1;", "20200101000000000000_a.down.sql": "",
            "20200102000000000001_b.up.sql": "SELECT 2;", "20200102000000000001_b.down.sql": "",
            "20200103000000000000_c.up.sql": "SELECT 3;", "20200103000000000000_c.down.sql": "",
        ])
        let rows: [[String?]] = [["20200101000000"], ["20200102000000000001"], ["20190101000000000000"]]
        let match = try ToolHistory(format: .popx).applied(rows: rows, migrations: files)
        #expect(versions(match) == ["20200101000000000000", "20200102000000000001"])
        #expect(match.withoutFile == ["20190101000000000000"])
    }

    @Test("dbmate and Diesel: every recorded version, matched exactly")
    func plainTables() throws {
        let dbmate = migrations(.dbmate, ["001_a.sql": "-- migrate:up\nSELECT 1;\n-- migrate:down\n"])
        #expect(versions(try ToolHistory(format: .dbmate).applied(rows: [["001"]], migrations: dbmate)) == ["001"])
        let diesel = migrations(.diesel, ["2024-01-01-000000_a/up.sql": "SELECT 1;"])
        #expect(versions(try ToolHistory(format: .diesel).applied(rows: [["20240101000000"]], migrations: diesel)) == ["20240101000000"])
    }
}
