import Foundation
import GRDB
import Storage
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Private files", .serialized, .removesTemporaryFolders)
struct PrivateFilesTests {
    func scratch() -> String {
        TemporaryFolder.make("discogs-mcp-files").path
    }

    /// Runs `body` with a permissive umask, so the modes checked are the ones the code asks for.
    func withUmask<T>(_ mask: mode_t, _ body: () throws -> T) rethrows -> T {
        let old = umask(mask)
        defer { umask(old) }
        return try body()
    }

    @Test("folders are created 0700 (parents too), files 0600, even under umask 0")
    func modes() throws {
        let root = scratch()
        let folder = root + "/a/b"
        try withUmask(0) {
            try PrivateFiles.createFolder(folder)
            #expect(try PrivateFiles.createFile(folder + "/secret", contents: Data("s3cret".utf8)))
        }
        #expect(PrivateFiles.mode(root) == 0o700 && PrivateFiles.mode(root + "/a") == 0o700 && PrivateFiles.mode(folder) == 0o700)
        #expect(PrivateFiles.mode(folder + "/secret") == 0o600)
        #expect(try String(contentsOfFile: folder + "/secret", encoding: .utf8) == "s3cret")
        #expect(try PrivateFiles.createFile(folder + "/secret", contents: Data("other".utf8)) == false, "an existing file is left alone")
        #expect(try String(contentsOfFile: folder + "/secret", encoding: .utf8) == "s3cret")
    }

    @Test("the database, its WAL and SHM, and a generated secret are 0600 in a 0700 folder")
    func databaseAndSecret() async throws {
        let folder = scratch() + "/data"
        let path = folder + "/db.sqlite"
        let database = try withUmask(0) { try Database(path: path) }
        try await database.pool.write { db in try db.execute(sql: "CREATE TABLE t (x)") }
        let secret = try withUmask(0) { try ServerSecret.resolve(configured: nil, dataDirectory: folder) }
        #expect(secret.isGenerated)
        #expect(PrivateFiles.mode(folder) == 0o700)
        for file in PrivateFiles.databaseFiles(path) + [ServerSecret.filePath(dataDirectory: folder)] {
            #expect(PrivateFiles.mode(file) == 0o600, "\(file)")
        }
        #expect(PrivateFiles.exposed([folder] + PrivateFiles.databaseFiles(path)).isEmpty)
        try database.close()
    }

    @Test("exposed names what others can read, with its mode")
    func exposed() throws {
        let folder = scratch()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        chmod(folder, 0o755)
        _ = FileManager.default.createFile(atPath: folder + "/open", contents: Data())
        chmod(folder + "/open", 0o644)
        let found = PrivateFiles.exposed([folder, folder + "/open", folder + "/missing"])
        #expect(found.map(\.path) == [folder, folder + "/open"])
        #expect(found.map(\.mode) == [0o755, 0o644])
    }
}
