import StrataAdopt
import StrataTesting
import Foundation
import Testing

@Suite("adopt popx: the kratos history")
struct KratosAdoptTests {
    @Test("346 migrations, each valid, the neutral files a PostgreSQL file supersedes named")
    func kratos() throws {
        let folder = Fixtures.path("realworld/kratos/migrations")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        let files = try names.map { name in
            SourceFile(path: name, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))))
        }
        let adoption = MigrationAdopter(format: .popx).adopt(files)
        expectValid(adoption)
        #expect(adoption.migrations.count == 346)
        #expect(adoption.unconverted.isEmpty)
        #expect(adoption.skipped.allSatisfy { $0.reason.contains("wins") })
        let used = adoption.migrations.reduce(0) { $0 + $1.sources.count }
        #expect(used + adoption.skipped.count == names.count)
        #expect(adoption.migrations.filter { !$0.isTransactional }.count == 10)
    }
}
