import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The data folder and the files in it (database, WAL/SHM, server secret) belong to the server's
/// user alone: they hold tokens' digests, sealed Discogs credentials and the key that unseals them.
///
/// Everything is created with its final mode by the system call that creates it (`mkdir(0700)`,
/// `open(O_CREAT|O_EXCL, 0600)`), never chmod-ed afterwards, so no other user can open it in
/// between. The umask can only take bits away, so these modes are upper bounds that always hold.
public enum PrivateFiles {
    public static let folderMode: mode_t = 0o700
    public static let fileMode: mode_t = 0o600

    public enum Failure: Error, CustomStringConvertible {
        case cannotCreate(path: String, reason: String)

        public var description: String {
            switch self {
            case .cannotCreate(let path, let reason): "cannot create \(path): \(reason)"
            }
        }
    }

    /// Creates `path` and its missing parents; the folders this call creates get 0700. An existing
    /// folder keeps its mode (`exposed(_:)` reports it).
    public static func createFolder(_ path: String) throws {
        var missing: [String] = []
        var current = URL(fileURLWithPath: path).standardizedFileURL.path
        while current.count > 1, mode(current) == nil {
            missing.append(current)
            current = (current as NSString).deletingLastPathComponent
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: current, isDirectory: &isFolder), isFolder.boolValue else {
            throw Failure.cannotCreate(path: path, reason: "\(current) is not a folder")
        }
        for folder in missing.reversed() where mkdir(folder, folderMode) != 0 && errno != EEXIST {
            throw Failure.cannotCreate(path: folder, reason: String(cString: strerror(errno)))
        }
    }

    /// Creates `path` with mode 0600 if it does not exist yet (an existing file is left alone).
    /// Returns whether this call created it.
    @discardableResult
    public static func createFile(_ path: String, contents: Data = Data()) throws -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fileMode)
        if descriptor < 0 {
            if errno == EEXIST { return false }
            throw Failure.cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        try contents.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw Failure.cannotCreate(path: path, reason: String(cString: strerror(errno)))
                }
                offset += written
            }
        }
        return true
    }

    /// The mode bits of `path`, or nil when it does not exist.
    public static func mode(_ path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o777
    }

    /// The paths among `paths` that exist and that other users (group or others) may read or
    /// enter, with their modes: what the start-up warning names.
    public static func exposed(_ paths: [String]) -> [(path: String, mode: mode_t)] {
        paths.compactMap { path in
            guard let mode = mode(path), mode & 0o077 != 0 else { return nil }
            return (path, mode)
        }
    }

    /// The files of the SQLite database at `databasePath` that exist or may exist: the database, its
    /// WAL and its shared-memory index.
    public static func databaseFiles(_ databasePath: String) -> [String] {
        [databasePath, databasePath + "-wal", databasePath + "-shm"]
    }
}
