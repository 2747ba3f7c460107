import Discogs
import Foundation
import MCP

extension DatabaseTools {
    static func getReleaseRating(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "get_release_rating",
            title: "Get a release's ratings",
            description: "A release's community rating (average, votes) and one user's own 1–5 rating of it (0: not rated).",
            inputSchema: CatalogSchema.input(
                ["release_id": CatalogSchema.id(), "username": CatalogSchema.username],
                required: ["release_id"]
            ),
            outputSchema: CatalogSchema.object(
                [
                    "release_id": CatalogSchema.int, "community_average": CatalogSchema.number, "community_count": CatalogSchema.int,
                    "username": CatalogSchema.string, "user_rating": CatalogSchema.int,
                ],
                required: ["release_id", "community_average", "community_count"]
            ),
            annotations: .discogsRead,
            requiredScope: CatalogScope.read
        )
        return CatalogTool(definition) { arguments, context in
            let releaseID = try arguments.requiredInt("release_id")
            let account = try await environment.accounts.account(for: context.caller)
            let credential = account?.credential ?? environment.publicCredential
            let community = try await environment.api.communityRating(releaseID: releaseID, as: credential)
            let username = arguments.string("username") ?? account?.username
            var own: UserReleaseRating?
            if let username { own = try await environment.api.releaseRating(releaseID: releaseID, username: username, as: credential) }
            var text = "Release \(releaseID): community rating \(community.rating.average)/5 from \(Wording.count(community.rating.count, "vote"))."
            if let own { text += own.rating == 0 ? " \(own.username) has not rated it." : " \(own.username) rated it \(own.rating)/5." }
            return .text(
                text,
                structured: StructuredValue.object([
                    "release_id": StructuredValue.int(releaseID), "community_average": .double(community.rating.average),
                    "community_count": StructuredValue.int(community.rating.count), "username": StructuredValue.string(own?.username),
                    "user_rating": StructuredValue.int(own?.rating),
                ])
            )
        }
    }
}
