import Foundation
import StrataDocs

/// A folder that `strata docs` owns the generated files of: compares the pages it would
/// write with what is there, writes the difference, and removes the generated files no
/// page stands for any more. A file without the generated marker (``DocsPage/isGenerated(_:)``)
/// is never changed or removed, and a page that would overwrite one is an error.
struct DocsFolder {
    /// The folder, absolute.
    let path: String
    /// The folder as messages show it.
    let display: String
    /// What the folder holds: the schema's pages, or migration records. Each owns only its
    /// own kind of generated file, so records kept inside the pages' folder (or the other
    /// way round) are never taken for stale pages.
    var kind = Kind.pages

    enum Kind {
        /// Generated `.md` and `.dot` files, in any sub-folder, that are not migration records.
        case pages
        /// Migration records (`.md` files with a migration stamp) directly in the folder.
        case records
    }

    /// How the folder differs from the pages.
    struct Comparison {
        /// Pages whose file is missing or differs.
        var changed: [DocsPage] = []
        var unchanged: [DocsPage] = []
        /// Generated files (relative paths) no page stands for.
        var stale: [String] = []

        var isUpToDate: Bool { changed.isEmpty && stale.isEmpty }
    }

    func compare(_ pages: [DocsPage], keeping kept: Set<String> = []) throws -> Comparison {
        var comparison = Comparison()
        let wanted = Set(pages.map(\.path))
        for page in pages {
            let file = (path as NSString).appendingPathComponent(page.path)
            guard let data = FileManager.default.contents(atPath: file) else {
                comparison.changed.append(page)
                continue
            }
            let existing = String(decoding: data, as: UTF8.self)
            if existing == page.text {
                comparison.unchanged.append(page)
            } else if DocsPage.isGenerated(existing) {
                comparison.changed.append(page)
            } else {
                throw ConfigurationError(
                    "\(display)/\(page.path) exists and was not written by strata docs; it is left as it is",
                    hint: "move it, or write the documentation elsewhere with --output or docs: {output: …} in strata.yaml"
                )
            }
        }
        for relative in generatedFiles() where !wanted.contains(relative) && !kept.contains(relative) {
            comparison.stale.append(relative)
        }
        return comparison
    }

    /// Every file of the folder's ``kind`` that starts with the generated marker, relative
    /// to the folder, sorted.
    func generatedFiles() -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: path) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasSuffix(".md") || relative.hasSuffix(".dot") else { continue }
            if kind == .records && (relative.contains("/") || !relative.hasSuffix(".md")) { continue }
            let file = (path as NSString).appendingPathComponent(relative)
            guard let handle = FileHandle(forReadingAtPath: file) else { continue }
            let head = String(decoding: handle.readData(ofLength: 512), as: UTF8.self)
            try? handle.close()
            guard DocsPage.isGenerated(head) else { continue }
            let isRecord = head.split(separator: "\n", maxSplits: 2).dropFirst().first?.hasPrefix("<!-- strata:migration ") ?? false
            if isRecord == (kind == .records) { files.append(relative) }
        }
        return files.sorted()
    }

    /// Writes the changed pages and removes the stale files (with the `.svg` made from a
    /// stale `.dot`).
    func apply(_ comparison: Comparison) throws {
        for page in comparison.changed {
            let file = (path as NSString).appendingPathComponent(page.path)
            do {
                try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try page.text.write(toFile: file, atomically: true, encoding: .utf8)
            } catch {
                throw ConfigurationError("cannot write \(display)/\(page.path): \(error.localizedDescription)", hint: "check the folder and its permissions")
            }
        }
        for relative in comparison.stale {
            let file = (path as NSString).appendingPathComponent(relative)
            try? FileManager.default.removeItem(atPath: file)
            if relative.hasSuffix(".dot") {
                try? FileManager.default.removeItem(atPath: String(file.dropLast(4)) + ".svg")
            }
            // A schema folder left empty goes too.
            let folder = (file as NSString).deletingLastPathComponent
            if folder != path, (try? FileManager.default.contentsOfDirectory(atPath: folder))?.isEmpty == true {
                try? FileManager.default.removeItem(atPath: folder)
            }
        }
    }
}
