import MCP

/// Summaries of a user's collection and wantlist for the `discogs://collection` and
/// `discogs://wantlist` resources.
///
/// A protocol so the source can change without touching the resources: the default reads the
/// Discogs API (`DiscogsAPILibrarySummaries`); a local collection index can answer from its
/// own tables, faster and with richer breakdowns.
public protocol LibrarySummaries: Sendable {
    /// A JSON object with at least `username` and `totalItems` (copies in the collection).
    func collectionSummary(for account: DiscogsAccount) async throws -> JSONValue
    /// A JSON object with at least `username` and `totalItems` (wanted releases).
    func wantlistSummary(for account: DiscogsAccount) async throws -> JSONValue
}
