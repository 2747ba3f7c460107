import Foundation
import Locking
import TestSupport
import Testing

/// The clean-up of temporary test folders (`Tests/Support/TemporaryFolder.swift`).
@Suite("Temporary folders are deleted when the test that made them ends")
struct TemporaryFolderTests {
    @Test("a folder made inside the trait's scope is gone when the scope (the test) ends, even when the test fails")
    func removedAtTheEndOfTheScope() async throws {
        let test = try #require(Test.current)
        let made = Locked<[URL]>([])
        for fails in [false, true] {
            do {
                try await RemovesTemporaryFolders().provideScope(for: test, testCase: Test.Case.current) {
                    let folder = TemporaryFolder.make("temporary-folder-test")
                    try FileManager.default.createDirectory(at: folder.appendingPathComponent("nested"), withIntermediateDirectories: true)
                    try Data("x".utf8).write(to: folder.appendingPathComponent("nested/db.sqlite"))
                    #expect(FileManager.default.fileExists(atPath: folder.path))
                    made.withLock { $0.append(folder) }
                    if fails { throw CancellationError() }
                }
            } catch is CancellationError {}
        }
        let folders = made.withLock { $0 }
        #expect(folders.count == 2)
        for folder in folders {
            #expect(!FileManager.default.fileExists(atPath: folder.path), "\(folder.path) outlived its test")
        }
    }
}
