#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The operating-system user that runs a local cluster's programs.
///
/// PostgreSQL refuses to run as root. A root process therefore runs `initdb`, `pg_ctl`
/// and `postgres` as the `postgres` system user through `runuser`, and hands that user
/// the files the server writes. Any other user runs them as itself.
struct ServerAccount: Sendable {
    var name: String
    var uid: uid_t
    var gid: gid_t
    /// Every group the user belongs to, for permission checks.
    var groups: [gid_t]
    /// `runuser` when this process is root and must switch users; nil otherwise.
    var switchProgram: String?

    /// Whether programs run as another user than this process.
    var switchesUser: Bool { switchProgram != nil }

    /// The account for this process: itself, or `postgres` when running as root.
    static func forCurrentProcess() throws -> ServerAccount {
        let effective = geteuid()
        if effective != 0 {
            return ServerAccount(
                name: ConnectionDefaults.currentUserName(), uid: effective, gid: getegid(), groups: [], switchProgram: nil
            )
        }
        guard let entry = getpwnam("postgres") else {
            throw DatabaseError(
                .localCluster,
                "Strata is running as root, PostgreSQL refuses to run as root, and there is no `postgres` system user to run it as",
                hint: "install PostgreSQL from the system packages (they create the user), create one with "
                    + "`useradd --system --home /var/lib/postgresql postgres`, or run Strata as a normal user"
            )
        }
        let candidates = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser"]
        guard let runuser = candidates.first(where: isExecutable) else {
            throw DatabaseError(
                .localCluster,
                "Strata is running as root and needs `runuser` to start PostgreSQL as the postgres user, but it was not found in "
                    + candidates.joined(separator: ", "),
                hint: "install util-linux (it provides runuser), or run Strata as a normal user"
            )
        }
        let name = String(cString: entry.pointee.pw_name)
        let gid = entry.pointee.pw_gid
        return ServerAccount(
            name: name, uid: entry.pointee.pw_uid, gid: gid, groups: groupList(name: name, primary: gid),
            switchProgram: runuser
        )
    }

    /// The program and arguments that run `executable` as this account.
    func command(_ executable: String, _ arguments: [String]) -> (executable: String, arguments: [String]) {
        guard let switchProgram else { return (executable, arguments) }
        return (switchProgram, ["-u", name, "--", executable] + arguments)
    }

    /// Gives `path` to this account when it is another user than this process.
    func adopt(_ path: String) throws {
        guard switchesUser else { return }
        if chown(path, uid, gid) != 0 {
            throw DatabaseError(
                .localCluster, "cannot give \(path) to the \(name) user: \(String(cString: strerror(errno)))",
                hint: "check the file system permissions of \(parentDirectory(of: path))"
            )
        }
    }

    /// Checks that this account may enter every directory from `/` down to `directory`,
    /// which the server needs to reach its data directory. Parts that do not exist yet
    /// are skipped: Strata creates them with mode 0755.
    func checkCanReach(_ directory: String) throws {
        guard switchesUser else { return }
        var prefix = ""
        var steps = ["/"]
        for component in directory.split(separator: "/") {
            prefix += "/" + component
            steps.append(prefix)
        }
        for step in steps {
            var info = stat()
            guard stat(step, &info) == 0 else { continue }
            let mode = info.st_mode
            let allowed: Bool
            if info.st_uid == uid {
                allowed = mode & S_IXUSR != 0
            } else if info.st_gid == gid || groups.contains(info.st_gid) {
                allowed = mode & S_IXGRP != 0
            } else {
                allowed = mode & S_IXOTH != 0
            }
            if !allowed {
                throw DatabaseError(
                    .localCluster,
                    "the \(name) system user, which runs the local PostgreSQL server because Strata runs as root, "
                        + "cannot enter \(step) (mode 0\(String(mode & 0o777, radix: 8))), so it cannot reach \(directory)",
                    hint: "allow it with `chmod o+x \(step)`, keep the project in a directory other users can enter "
                        + "(not under /root), or run Strata as a normal user"
                )
            }
        }
    }

    private static func groupList(name: String, primary: gid_t) -> [gid_t] {
        var count: Int32 = 64
        while true {
            #if canImport(Darwin)
            var groups = [Int32](repeating: 0, count: Int(count))
            let result = getgrouplist(name, Int32(bitPattern: primary), &groups, &count)
            if result >= 0 { return groups.prefix(Int(count)).map { gid_t(bitPattern: $0) } }
            #else
            var groups = [gid_t](repeating: 0, count: Int(count))
            let result = getgrouplist(name, primary, &groups, &count)
            if result >= 0 { return Array(groups.prefix(Int(count))) }
            #endif
            if count > 65536 { return [primary] }
            count *= 2
        }
    }
}
