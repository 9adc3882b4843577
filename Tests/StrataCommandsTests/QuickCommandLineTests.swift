import ArgumentParser
import Testing
@testable import StrataCommands

/// The quick reader of `strata status` and `strata up` lines must agree with the argument parser on every
/// line it reads, and leave every other line (help, mistakes, other commands) to it.
@Suite struct QuickCommandLineTests {
    /// What the argument parser makes of a line: the status command's settings, or nil
    /// when it parses to something else or fails.
    private func parsedByArgumentParser(_ line: [String]) -> GlobalSettings? {
        guard let command = try? StrataCommand.parseAsRoot(line) as? StatusCommand else { return nil }
        return command.global.settings
    }

    /// Every sequence of zero, one or two words from `pool`.
    private static func lines(upToTwoWordsFrom pool: [String]) -> [[String]] {
        var lines: [[String]] = [[]]
        var frontier: [[String]] = [[]]
        for _ in 0..<2 {
            frontier = frontier.flatMap { line in pool.map { line + [$0] } }
            lines += frontier
        }
        return lines
    }

    /// What the argument parser makes of an `up` line: the settings and the run flags.
    private func upParsedByArgumentParser(_ line: [String]) -> (GlobalSettings, UpRunValues)? {
        guard let command = try? StrataCommand.parseAsRoot(line) as? UpCommand else { return nil }
        return (command.global.settings, command.runFlags.values)
    }

    @Test func readsCommonUpLinesAsTheArgumentParserDoes() throws {
        let lines: [[String]] = [
            ["up"], ["migrate"], ["up", "--quiet"], ["up", "--transaction", "each"], ["up", "--transaction=batch", "-q"],
            ["up", "--url", "postgres://u@h/db", "--to", "20240101", "--dry-run"],
            ["up", "--steps", "3", "--lock-wait", "30s", "--allow-out-of-order", "--allow-modified", "--allow-missing"],
            ["migrate", "-C", "app", "--env", "prod", "--format", "json", "--steps=1", "--lock-wait=500ms"],
        ]
        for line in lines {
            let quick = try #require(QuickCommandLine.parse(line), "\(line)")
            let parsed = try #require(upParsedByArgumentParser(line), "\(line)")
            #expect(quick.command == .up(parsed.1), "\(line)")
            #expect(quick.settings == parsed.0, "\(line)")
        }
    }

    @Test func leavesUpLinesItCannotVouchForToTheArgumentParser() {
        let lines: [[String]] = [
            ["up", "--help"], ["up", "--steps", "0"], ["up", "--steps", "-1"], ["up", "--steps", "two"],
            ["up", "--to", "next"], ["up", "--to", "1", "--steps", "2"], ["up", "--transaction", "bogus"],
            ["up", "--lock-wait", "forever"], ["up", "--dry-run=yes"], ["up", "--dry-run", "--dry-run"],
            ["up", "--steps", "1", "--steps", "2"], ["up", "--to"], ["up", "--to="], ["up", "pending"],
            ["status", "--dry-run"], ["status", "--steps", "1"], ["down"], ["up", "--target", "1"],
        ]
        for line in lines {
            #expect(QuickCommandLine.parse(line) == nil, "\(line)")
        }
    }

    /// Every `up` line of up to two words from a pool of spellings, right and wrong.
    @Test func agreesOnEveryShortUpLineItAccepts() {
        let pool = [
            "--to", "7", "--steps", "0", "2", "--transaction", "each", "bogus", "--lock-wait", "5s", "--dry-run",
            "--allow-missing", "--allow-modified", "--allow-out-of-order", "-q", "--url=x", "--format", "json", "--help",
        ]
        var accepted = 0
        for tail in Self.lines(upToTwoWordsFrom: pool) {
            let line = ["up"] + tail
            guard let quick = QuickCommandLine.parse(line) else { continue }
            accepted += 1
            let parsed = upParsedByArgumentParser(line)
            #expect(parsed != nil, "\(line)")
            if let parsed {
                #expect(quick.command == .up(parsed.1), "\(line)")
                #expect(quick.settings == parsed.0, "\(line)")
            }
        }
        #expect(accepted > 30)
    }

    @Test func readsCommonLinesAsTheArgumentParserDoes() throws {
        let lines: [[String]] = [
            ["status"],
            ["status", "--url", "postgres://u@h/db"],
            ["status", "--url=postgres://u@h/db?sslmode=disable", "-q"],
            ["status", "-C", "app", "--env", "test", "--format", "json", "--no-color", "-v"],
            ["status", "--config", "other.yaml", "--quiet", "--verbose", "--format=text"],
            ["status", "--format", "sql"],
        ]
        for line in lines {
            let quick = try #require(QuickCommandLine.parse(line), "\(line)")
            #expect(quick.command == .status)
            #expect(quick.settings == parsedByArgumentParser(line), "\(line)")
        }
        // Global options before the command name are moved after it first.
        let moved = StrataCLI.movingGlobalOptions(["-C", "app", "--url", "postgres://h/db", "status", "--format", "json"])
        let quick = try #require(QuickCommandLine.parse(moved))
        #expect(quick.settings == GlobalSettings(directory: "app", url: "postgres://h/db", requestedFormat: .json))
    }

    @Test func leavesEverythingElseToTheArgumentParser() {
        let lines: [[String]] = [
            [], ["down"], ["--version"], ["help", "status"], ["status", "--help"], ["status", "-h"],
            ["status", "--url"], ["status", "--url", "--quiet"], ["status", "-q", "-q"], ["status", "--quiet", "-q"],
            ["status", "--format", "yaml"], ["status", "-qv"], ["status", "extra"], ["status", "--no-color=yes"],
            ["status", "--url", ""], ["status", "-C=app"], ["status", "--"], ["status", "--url", "a", "--url", "b"],
        ]
        for line in lines {
            #expect(QuickCommandLine.parse(line) == nil, "\(line)")
        }
    }

    /// Every line of up to two words from a pool of option spellings, right and wrong:
    /// whenever the quick reader accepts one, the argument parser reads the same settings.
    @Test func agreesOnEveryShortLineItAccepts() {
        let pool = [
            "-C", "dir", "--config", "--env", "--url", "--url=x", "--format", "json", "text", "bogus",
            "--no-color", "-q", "--quiet", "-v", "--verbose", "--help", "--env=prod",
        ]
        var accepted = 0
        for tail in Self.lines(upToTwoWordsFrom: pool) {
            let line = ["status"] + tail
            guard let quick = QuickCommandLine.parse(line) else { continue }
            accepted += 1
            #expect(quick.settings == parsedByArgumentParser(line), "\(line)")
        }
        #expect(accepted > 20)
    }
}
