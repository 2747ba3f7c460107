import Discogs
import Foundation
import MCP

/// Completes prompt arguments and the release template from the caller's own collection index.
///
/// Suggestions come only from what the index already holds, never from Discogs: completion runs
/// on every keystroke, and a person's own artists, labels, genres and releases are what they type.
/// A caller without an account or without an index simply gets no suggestions.
public struct IndexCompleter: ArgumentCompleter {
    let accounts: any DiscogsAccountResolver
    let index: CollectionIndex

    public init(accounts: any DiscogsAccountResolver, index: CollectionIndex) {
        self.accounts = accounts
        self.index = index
    }

    /// What each prompt argument is completed from: facets of the collection, or fixed choices.
    enum Source: Equatable {
        case facets([String])
        case choices([String])
        case releaseIDs
    }

    static func source(for request: CompletionRequest) -> Source? {
        switch (request.reference, request.argument) {
        case (.prompt("browse_collection"), "focus"): .facets(["artist", "label", "genre", "style", "format"])
        case (.prompt("find_music"), "description"): .facets(["artist", "genre", "style"])
        case (.prompt("find_music"), "owned_only"): .choices(["yes", "no"])
        case (.prompt("artist_gaps"), "artist"): .facets(["artist"])
        case (.prompt("artist_gaps"), "purpose"): .choices(["collector", "listening", "value"])
        case (.prompt("play_tonight"), "mood"): .facets(["genre", "style"])
        case (.prompt("tidy_folders"), "scheme"): .choices(["decade", "format", "genre", "label", "style"])
        case (.resourceTemplate(DiscogsResources.releaseTemplate), "id"): .releaseIDs
        default: nil
        }
    }

    public func complete(_ request: CompletionRequest, context: ToolContext) async throws -> Completion {
        guard let source = Self.source(for: request) else { return Completion(values: []) }
        let prefix = request.value.trimmingCharacters(in: .whitespaces)
        if case .choices(let choices) = source {
            let matches = choices.filter { $0.hasPrefix(prefix.lowercased()) }
            return Completion(values: matches, total: matches.count)
        }
        guard let account = try await accounts.account(for: context.caller) else { return Completion(values: []) }
        switch source {
        case .facets(let facets):
            let found = try await index.store.facetValues(
                username: account.username,
                list: .collection,
                facets: facets,
                prefix: prefix,
                limit: Completion.maximumValues
            )
            return Completion(values: found.values, total: found.total)
        case .releaseIDs:
            let found = try await index.store.releaseIDs(username: account.username, prefix: prefix, limit: Completion.maximumValues)
            return Completion(values: found.values.map(String.init), total: found.total)
        case .choices:
            return Completion(values: [])
        }
    }
}
