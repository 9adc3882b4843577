import Testing
@testable import StrataModels

@Suite struct ModelProblemTests {
    @Test func describesLocationAndTheFirstDeclaration() {
        let problem = ModelProblem(
            ModelLocation(file: "models/app/users.yaml", line: 4, column: 7), "column users.email is declared twice",
            related: ModelLocation(file: "models/shared/users.yaml", line: 9, column: 5)
        )
        #expect(problem.description == "models/app/users.yaml:4:7: column users.email is declared twice (first declared at models/shared/users.yaml:9:5)")
    }
}
