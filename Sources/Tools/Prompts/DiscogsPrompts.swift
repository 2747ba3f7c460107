import Foundation
import MCP

/// Prompts a user can pick to start common Discogs conversations.
///
/// Each one is a user message that names the tools to use, in order, so the model reaches
/// for the catalog instead of guessing from memory. They need the `read` scope because every
/// tool they point to does.
public enum DiscogsPrompts {
    public static func all() -> [Prompt] {
        [browseCollection, findMusic, collectionInsights] + jobs
    }

    public static func registry() -> PromptRegistry {
        PromptRegistry(all())
    }

    static let browseCollection = Prompt(
        name: "browse_collection",
        title: "Browse my collection",
        description: "A guided tour of your Discogs collection, optionally focused on a genre, style, decade, artist or format.",
        arguments: [
            PromptArgument(
                name: "focus",
                title: "Focus",
                description:
                    "What to concentrate on, e.g. \"jazz\", \"1970s\", \"Blue Note\" or \"7-inch singles\"; leave empty for the whole collection."
            )
        ],
        requiredScope: "read"
    ) { arguments, _ in
        let focus = arguments["focus"].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        let scope = focus.map { "the part of my Discogs collection that matches \"\($0)\"" } ?? "my Discogs collection"
        return [
            .user(
                """
                Give me a guided tour of \(scope).
                1. Call get_collection_stats first for the overview: how many records, and the spread of genres, styles, decades and formats.
                2. Use search_collection to pull out the records \(focus.map { "that match \"\($0)\"" } ?? "behind the most interesting numbers"); page through the results rather than stopping at the first page if there is more.
                3. Call get_release for any record worth a closer look (pressing, tracklist, credits).
                Group what you find into a few themes, name specific records with artist, title and year, and only mention records the tools returned.
                """
            )
        ]
    }

    static let findMusic = Prompt(
        name: "find_music",
        title: "Find music",
        description: "Find records that fit a description — in your collection first, then (unless you say otherwise) on Discogs.",
        arguments: [
            PromptArgument(
                name: "description",
                title: "What you are looking for",
                description: "The music you want, in your own words: a mood, a sound, an era, artists it should resemble.",
                required: true
            ),
            PromptArgument(
                name: "owned_only",
                title: "Only my records",
                description: "\"true\" to search only records you own; anything else also searches the Discogs database."
            ),
        ],
        requiredScope: "read"
    ) { arguments, _ in
        let wanted = (arguments["description"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let ownedOnly = ["true", "yes", "1"].contains((arguments["owned_only"] ?? "").trimmingCharacters(in: .whitespaces).lowercased())
        let beyond =
            ownedOnly
            ? "Only suggest records from my collection; do not search the Discogs database. If nothing I own fits, say so."
            : """
            3. Then use search_database to find releases on Discogs that fit and that I do not own yet, and check get_wantlist so you can tell me which of them I already want.
            4. For the best candidates, call get_release to confirm year, format and tracklist before recommending them.
            """
        return [
            .user(
                """
                I am looking for music that fits this description: "\(wanted)".
                1. Start with search_collection to find records I already own that fit; try a few different search terms drawn from the description.
                2. Call get_release on promising matches to check the details (genres, styles, tracklist) against the description.
                \(beyond)
                Explain briefly why each suggestion fits, and keep records I own apart from records I would have to buy.
                """
            )
        ]
    }

    static let collectionInsights = Prompt(
        name: "collection_insights",
        title: "Collection insights",
        description: "What your Discogs collection says about your taste, how it compares with your wantlist, and what to look for next.",
        requiredScope: "read"
    ) { _, _ in
        [
            .user(
                """
                Give me insights into my Discogs collection.
                1. Call get_collection_stats for the numbers: size, genres, styles, decades, formats, top artists and labels, and value.
                2. Use search_collection to look into the corners those numbers point at (my biggest genres, my oldest records, anything unusual).
                3. Call get_wantlist and compare what I want with what I own: which directions is my taste moving in?
                4. Finish with get_recommendations and suggest a handful of records to look for next, each explained by what is already in my collection.
                Be concrete: cite counts and specific records the tools returned, not general knowledge.
                """
            )
        ]
    }
}
