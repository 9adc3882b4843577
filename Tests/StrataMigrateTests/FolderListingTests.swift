import Foundation
import Testing
@testable import StrataMigrate

/// `readdir` with entry types gives what listing the folder and asking about each entry
/// gives: every name, and which are folders (symbolic links followed).
@Suite struct FolderListingTests {
    @Test func agreesWithFileManagerOnFilesFoldersAndLinks() throws {
        let manager = FileManager.default
        let path = NSTemporaryDirectory() + "strata-listing-\(getpid())-\(UUID().uuidString)"
        try manager.createDirectory(atPath: path + "/sub", withIntermediateDirectories: true)
        defer { try? manager.removeItem(atPath: path) }
        for name in ["001_a.sql", ".hidden", "notes.md", "sub/002_b.sql", "ünïcode name.sql"] {
            try "SELECT 1;".write(toFile: path + "/" + name, atomically: true, encoding: .utf8)
        }
        try manager.createSymbolicLink(atPath: path + "/link-to-folder", withDestinationPath: path + "/sub")
        try manager.createSymbolicLink(atPath: path + "/link-to-file", withDestinationPath: path + "/001_a.sql")
        try manager.createSymbolicLink(atPath: path + "/dangling", withDestinationPath: path + "/nowhere")

        let listed = try FolderListing.entries(of: path).sorted { $0.name < $1.name }
        let expected = try manager.contentsOfDirectory(atPath: path).sorted().map { name -> FolderListing.Entry in
            var isDirectory: ObjCBool = false
            let exists = manager.fileExists(atPath: path + "/" + name, isDirectory: &isDirectory)
            return FolderListing.Entry(name: name, isDirectory: exists && isDirectory.boolValue)
        }
        #expect(listed == expected)
        #expect(listed.filter(\.isDirectory).map(\.name) == ["link-to-folder", "sub"])
        #expect(listed.count == 8)
    }

    @Test func aMissingFolderFailsWithTheSystemsReason() {
        let error = #expect(throws: FolderListing.Failure.self) {
            try FolderListing.entries(of: "/nonexistent-folder-for-strata-\(UUID().uuidString)")
        }
        #expect(error?.reason.contains("No such file") == true, "\(String(describing: error))")
    }
}
