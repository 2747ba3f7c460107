import Discogs
import Foundation
import MCP

/// The Discogs resources: one release by id, and the signed-in user's collection and wantlist.
///
/// All need the `read` scope, like the tools reading the same data. Reads fail as JSON-RPC
/// errors (a read result has no `isError`): an unknown release is "resource not found", a
/// missing account or a Discogs outage is an internal error whose message says what to do.
public enum DiscogsResources {
    public static let releaseTemplate = "discogs://release/{id}"
    public static let collectionURI = "discogs://collection"
    public static let wantlistURI = "discogs://wantlist"

    /// The resources and templates to hand the `Dispatcher` (through `ResourceRegistry`).
    ///
    /// - Parameter summaries: where the collection and wantlist summaries come from; `nil` reads
    ///   the Discogs API (`DiscogsAPILibrarySummaries`).
    public static func all(
        environment: DiscogsToolEnvironment,
        summaries: (any LibrarySummaries)? = nil
    ) -> (resources: [Resource], templates: [ResourceTemplate]) {
        let summaries = summaries ?? DiscogsAPILibrarySummaries(api: environment.api)
        let collection = Resource(
            uri: collectionURI,
            name: "collection",
            title: "My collection (summary)",
            description:
                "A JSON summary of the signed-in user's Discogs collection: total copies, folders with their counts, and the estimated value. For individual records use the search_collection tool.",
            mimeType: "application/json",
            requiredScope: "read",
            cacheTTLMilliseconds: 60_000,
            reachesUpstream: true
        ) { uri, context in
            let account = try await environment.account(for: context)
            return [.json(try await discogs { try await summaries.collectionSummary(for: account) }, uri: uri)]
        }
        let wantlist = Resource(
            uri: wantlistURI,
            name: "wantlist",
            title: "My wantlist (summary)",
            description:
                "A JSON summary of the signed-in user's Discogs wantlist: how many releases it holds and the first few. For the full list use the get_wantlist tool.",
            mimeType: "application/json",
            requiredScope: "read",
            cacheTTLMilliseconds: 60_000,
            reachesUpstream: true
        ) { uri, context in
            let account = try await environment.account(for: context)
            return [.json(try await discogs { try await summaries.wantlistSummary(for: account) }, uri: uri)]
        }
        let release = ResourceTemplate(
            uriTemplate: releaseTemplate,
            name: "release",
            title: "Discogs release",
            description:
                "One Discogs release (a specific pressing) as JSON, with artists, labels, formats, tracklist, identifiers and community data. {id} is the numeric release id, as in discogs.com/release/{id}.",
            mimeType: "application/json",
            requiredScope: "read",
            // Release data changes rarely and is the same for everyone; an hour of reuse is harmless.
            cacheTTLMilliseconds: 3_600_000,
            reachesUpstream: true
        ) { uri, variables, context in
            guard let text = variables["id"], let id = Int(text), id > 0 else {
                throw ResourceFailure.notFound("a release id is a positive integer, got \(variables["id"] ?? "nothing")")
            }
            let credential = try await environment.readCredential(for: context)
            let value = try await discogs { try await environment.api.release(id: id, as: credential) }
            return [ResourceContents(uri: uri, mimeType: "application/json", body: .text(try encode(value)))]
        }
        return ([collection, wantlist], [release])
    }

    /// `all(environment:summaries:)` as the registry the `Dispatcher` takes.
    public static func registry(environment: DiscogsToolEnvironment, summaries: (any LibrarySummaries)? = nil) -> ResourceRegistry {
        let (resources, templates) = all(environment: environment, summaries: summaries)
        return ResourceRegistry(resources: resources, templates: templates)
    }

    /// Maps Discogs failures to the resource errors the dispatcher understands.
    static func discogs<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DiscogsError {
            if case .notFound = error { throw ResourceFailure.notFound(error.description) }
            throw ResourceFailure.unavailable(error.description)
        }
    }

    /// A model in Discogs' own snake_case JSON, keys sorted so equal data reads the same.
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
