#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The entries of one folder with whether each is a folder, read with `readdir`: the
/// entry type comes with the name, so a folder of a thousand migrations costs no `stat`
/// per file (only entries whose type the file system does not report, and symbolic
/// links, which are followed, are looked up).
enum FolderListing {
    struct Entry: Sendable, Equatable {
        var name: String
        var isDirectory: Bool
    }

    /// The entries except `.` and `..`, in the order the file system lists them.
    ///
    /// - Throws: ``FolderListing/Failure`` with the system's reason.
    static func entries(of path: String) throws(Failure) -> [Entry] {
        guard let folder = opendir(path) else { throw Failure(reason: String(cString: strerror(errno))) }
        defer { closedir(folder) }
        var entries: [Entry] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let type = Int32(entry.pointee.d_type)
            let isDirectory: Bool
            if type == Int32(DT_DIR) {
                isDirectory = true
            } else if type == Int32(DT_REG) {
                isDirectory = false
            } else {
                var info = stat()
                isDirectory = stat(path + "/" + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            }
            entries.append(Entry(name: name, isDirectory: isDirectory))
        }
        return entries
    }

    /// Why a folder could not be listed.
    struct Failure: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }
}
