import Dispatch
import Synchronization

/// Parses of migration files shared by the steps of one run. `strata up` parses every
/// file it will apply to run it, and the linter parses the same files again; with one
/// cache between them each text is parsed once. Entries keep the file's tokens, so a
/// cache lives as long as the run that needs it and no longer.
public final class ScriptParseCache: Sendable {
    /// One text's parse: ``MigrationScript/parseWithTokens(_:)``'s result.
    public struct Parse: Sendable {
        public var script: MigrationScript
        public var tokens: [Token]
        public var bytes: [UInt8]

        /// Parses `text` now, without a cache.
        public init(parsing text: String) {
            (script, tokens, bytes) = MigrationScript.parseWithTokens(text)
        }
    }

    private let entries = Mutex<[String: Parse]>([:])

    public init() {}

    /// The parse of `text`, from the cache or made now (and kept).
    public func parse(_ text: String) -> Parse {
        if let known = entries.withLock({ $0[text] }) { return known }
        let parse = Parse(parsing: text)
        entries.withLock { $0[text] = parse }
        return parse
    }

    /// The parses of `texts` in their order, made on every core.
    public func parseAll(_ texts: [String]) -> [Parse] {
        Self.concurrentMap(texts) { parse($0) }
    }

    /// `items.map(transform)` with the work split over every core, keeping the order;
    /// a handful of items is mapped on the calling thread.
    public static func concurrentMap<Item: Sendable, Result>(_ items: [Item], _ transform: @Sendable (Item) -> Result) -> [Result] {
        guard items.count > 8 else { return items.map(transform) }
        let chunks = min(items.count, 64)
        var results = [[Result]](repeating: [], count: chunks)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each chunk writes only its own slot.
            nonisolated(unsafe) let slots = UnsafeMutableBufferPointer(start: buffer.baseAddress, count: chunks)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let range = (items.count * chunk / chunks)..<(items.count * (chunk + 1) / chunks)
                slots[chunk] = items[range].map(transform)
            }
        }
        return results.flatMap { $0 }
    }
}
