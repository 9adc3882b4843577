import Foundation
import StrataTesting
import Testing

/// `strata dev start|status|url|stop|destroy` and the local cluster as the default
/// target (DESIGN §6; README "strata dev"), with the real executable in a temporary
/// project: this creates a real cluster under the project's `.strata/postgres`, and
/// destroys it at the end.
@Suite("local cluster")
struct DevClusterTests {
    @Test func devCommandsManageTheProjectsClusterAndCommandsUseIt() async throws {
        let project = try Project.empty()
        do {
            try await exercise(project)
        } catch {
            _ = try? await project.runProcess(["dev", "destroy"], timeout: .seconds(60))
            project.delete()
            throw error
        }
        project.delete()
    }

    private func exercise(_ project: Project) async throws {
        expectStatus(try await project.runProcess(["init"]), 0)
        try project.writeMigration("0001_notes.sql", "-- strata:up\nCREATE TABLE notes (id int);\n-- strata:down\nDROP TABLE notes;\n")

        let before = try await project.runProcess(["dev", "status"])
        expectStatus(before, 0)
        expectContains(before.stdout, "no local cluster yet")

        let start = try await project.runProcess(["dev", "start"], timeout: .seconds(120))
        expectStatus(start, 0)
        expectContains(start.stdout, "Started the local cluster")
        expectContains(start.stdout, "postgres://postgres@127.0.0.1:")
        #expect(project.exists(".strata/postgres"))

        let again = try await project.runProcess(["dev", "start"])
        expectStatus(again, 0)
        expectContains(again.stdout, "already running")

        let status = try await project.runProcess(["dev", "status", "--format", "json"])
        expectStatus(status, 0)
        let document = try requireJSON(status)
        #expect(document["status"]["running"].bool == true, "\(document)")
        #expect(document["status"]["socket_directory"].string != nil, "\(document)")
        #expect(document["database"].string == "dev", "\(document)")
        let jsonURL = try #require(document["url"].string, "\(document)")
        #expect(jsonURL.hasPrefix("postgres://postgres@127.0.0.1:") && jsonURL.hasSuffix("/dev"), "\(document)")

        // `dev url` prints a URL that psql can use.
        let url = try await project.runProcess(["dev", "url"])
        expectStatus(url, 0)
        let printed = url.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(printed == jsonURL)
        let psql = try await Tools.psql(printed, "SELECT current_database()")
        expectStatus(psql, 0)
        #expect(psql.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "dev", "\(psql)")

        // With no URL anywhere, commands of the dev environment use the cluster.
        let up = try await project.runProcess(["up"])
        expectStatus(up, 0)
        expectContains(up.stdout, "(local cluster, environment dev)")
        let applied = try await Tools.psql(printed, "SELECT version FROM strata_migrations")
        #expect(applied.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0001", "\(applied)")
        let statusText = try await project.runProcess(["status"])
        expectContains(statusText.stdout, "Target: \(printed) (local cluster, environment dev)")

        let stop = try await project.runProcess(["dev", "stop"], timeout: .seconds(60))
        expectStatus(stop, 0)
        expectContains(stop.stdout, "Stopped the local cluster")
        let stopped = try await project.runProcess(["dev", "status"])
        expectStatus(stopped, 0)
        expectContains(stopped.stdout, "stopped")

        // A command that needs the database starts the cluster on demand.
        let onDemand = try await project.runProcess(["status"], timeout: .seconds(120))
        expectStatus(onDemand, 0)
        expectContains(onDemand.stdout, "0001")
        expectContains(onDemand.stdout, "applied")

        let destroy = try await project.runProcess(["dev", "destroy"], timeout: .seconds(60))
        expectStatus(destroy, 0)
        expectContains(destroy.stdout, "Destroyed the local cluster")
        #expect(!project.exists(".strata/postgres/data"))
        let gone = try await project.runProcess(["dev", "status"])
        expectContains(gone.stdout, "no local cluster yet")
    }
}
