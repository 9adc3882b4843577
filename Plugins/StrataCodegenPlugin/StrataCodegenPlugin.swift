import Foundation
import PackagePlugin

/// `swift package strata-codegen [--project DIR] [strata codegen options]`: runs
/// `strata codegen` for the package's Strata project (the package root, or `--project`, a
/// folder relative to it holding `strata.yaml`), so an app regenerates its database code the
/// way it regenerates other generated sources. Asks for permission to write to the package.
@main
struct StrataCodegenPlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let project = extractor.extractOption(named: "project").last
        let root = context.package.directoryURL
        let directory = project.map { root.appending(path: $0) } ?? root
        let strata = try context.tool(named: "strata")

        let process = Process()
        process.executableURL = strata.url
        process.arguments = ["-C", directory.path(percentEncoded: false), "codegen"] + extractor.remainingArguments
        // Waiting with a termination handler: waitUntilExit can hang in an async plugin on Linux.
        let finished = AsyncStream<Void> { continuation in
            process.terminationHandler = { _ in
                continuation.yield()
                continuation.finish()
            }
        }
        try process.run()
        for await _ in finished { break }
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            Diagnostics.error("strata codegen exited with status \(process.terminationStatus)")
            throw PluginFailure(status: process.terminationStatus)
        }
    }
}

struct PluginFailure: Error, CustomStringConvertible {
    var status: Int32
    var description: String { "strata codegen failed (exit status \(status)); its message is above" }
}
