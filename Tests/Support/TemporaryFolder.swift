import Foundation
import Locking
import Testing

/// Temporary folders for test databases and files, removed when the test that made them ends.
///
/// `make` registers the folder with the running test's scope, which the `.removesTemporaryFolders`
/// trait opens around each test of a suite and closes by deleting what was registered (after the
/// test, whether it passed or not). A folder made outside such a scope is removed when the test
/// process exits, so no helper leaves databases behind in the system's temporary folder.
public enum TemporaryFolder {
    @TaskLocal static var scope: FolderScope?

    /// Folders made outside any test scope, removed at exit.
    static let leftovers: FolderScope = {
        atexit { TemporaryFolder.leftovers.removeAll() }
        return FolderScope()
    }()

    /// A new folder path (not created) in the system's temporary folder, named `prefix-UUID`.
    public static func make(_ prefix: String) -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        (scope ?? leftovers).add(folder)
        return folder
    }
}

/// The folders registered in one scope.
final class FolderScope: Sendable {
    private let folders = Locked<[URL]>([])

    func add(_ folder: URL) {
        folders.withLock { $0.append(folder) }
    }

    func removeAll() {
        let taken = folders.withLock { folders in
            defer { folders = [] }
            return folders
        }
        for folder in taken {
            try? FileManager.default.removeItem(at: folder)
        }
    }
}

/// Deletes the temporary folders each test of the suite made (`TemporaryFolder.make`) when it ends.
public struct RemovesTemporaryFolders: TestTrait, SuiteTrait, TestScoping {
    public var isRecursive: Bool { true }

    public init() {}

    public func provideScope(
        for test: Test,
        testCase: Test.Case?,
        performing function: @Sendable () async throws -> Void
    ) async throws {
        let scope = FolderScope()
        defer { scope.removeAll() }
        try await TemporaryFolder.$scope.withValue(scope) {
            try await function()
        }
    }
}

extension Trait where Self == RemovesTemporaryFolders {
    /// Deletes the temporary folders each test made when it ends.
    public static var removesTemporaryFolders: Self { Self() }
}
