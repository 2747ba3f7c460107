import Discogs
import Foundation
import MCP

/// Finds the one copy (instance) of a release a collection write should act on.
///
/// Discogs addresses copies by folder, release and instance; a model usually knows only the release.
/// With one copy that is enough; with several, guessing could rate or delete the wrong one, so the
/// call fails with the copies to choose from.
enum CopyResolver {
    static func resolve(
        releaseID: Int,
        instanceID: Int?,
        account: DiscogsAccount,
        environment: DiscogsToolEnvironment
    ) async throws -> CollectionItem {
        let copies = try await environment.api.collectionInstances(username: account.username, releaseID: releaseID, as: account.credential).items
        if let instanceID {
            if let copy = copies.first(where: { $0.instanceId == instanceID }) { return copy }
            guard !copies.isEmpty else {
                throw ToolFailure("Release \(releaseID) is not in \(account.username)'s collection, so it has no instance \(instanceID).")
            }
            let listing = try await describe(copies, account: account, environment: environment)
            throw ToolFailure("Instance \(instanceID) is not a copy of release \(releaseID). " + listing)
        }
        switch copies.count {
        case 0:
            throw ToolFailure("Release \(releaseID) is not in \(account.username)'s collection (use add_to_collection to add it).")
        case 1:
            return copies[0]
        default:
            let listing = try await describe(copies, account: account, environment: environment)
            throw ToolFailure("\(account.username) owns \(copies.count) copies of release \(releaseID); say which one with `instance_id`. " + listing)
        }
    }

    /// "Copies: instance 123 in folder Jazz Shelf (3), rated 4, added 2021-03-04; …".
    static func describe(_ copies: [CollectionItem], account: DiscogsAccount, environment: DiscogsToolEnvironment) async throws -> String {
        let folders = (try? await environment.api.collectionFolders(username: account.username, as: account.credential)) ?? []
        let names = Dictionary(folders.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let described = copies.map { copy in
            let folder = copy.folderId.map { id in names[id].map { "\($0) (\(id))" } ?? "\(id)" } ?? "?"
            var text = "instance_id \(copy.instanceId) in folder \(folder)"
            if let rating = copy.rating, rating > 0 { text += ", rated \(rating)" }
            if let added = copy.dateAdded { text += ", added \(added.prefix(10))" }
            return text
        }
        return "Copies: " + described.joined(separator: "; ") + "."
    }
}
