import Foundation
import MCP

/// Slash commands for common collector jobs, each a user message that names the tools to call in order.
extension DiscogsPrompts {
    static let jobs: [Prompt] = [affordableWants, playTonight, mostValuable, tidyFolders, artistGaps, recentChanges, compareWithFriend]

    /// A prompt argument with surrounding blanks removed; nil when absent or blank.
    static func value(_ arguments: [String: String], _ name: String) -> String? {
        arguments[name].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    static let affordableWants = Prompt(
        name: "affordable_wants",
        title: "What on my wantlist can I afford now",
        description: "Ranks your wantlist by what is for sale now and what it costs, within a budget if you give one.",
        arguments: [
            PromptArgument(name: "budget", title: "Budget", description: "The most to spend on one record, e.g. \"30\"; leave empty for no limit."),
            PromptArgument(name: "currency", title: "Currency", description: "e.g. EUR; default: your Discogs currency."),
        ],
        requiredScope: "read"
    ) { arguments, _ in
        let budget =
            value(arguments, "budget").map { "at most \($0)\(value(arguments, "currency").map { " \($0)" } ?? "") per record" } ?? "any price"
        let currency = value(arguments, "currency").map { " with currency \($0)" } ?? ""
        return [
            .user(
                """
                Which records on my wantlist can I buy now, for \(budget)?
                1. Call get_wantlist with per_page 100 (and further pages if there are more) to get every want with its release id.
                2. For each want, call get_marketplace_stats\(currency) for the lowest price and how many copies are for sale.
                3. For wants that belong to a master, call rank_pressings with purpose value to see whether another pressing is cheaper now.
                Rank what is for sale within the budget from cheapest to dearest, name the release ids, and list separately the wants nobody sells now.
                """
            )
        ]
    }

    static let playTonight = Prompt(
        name: "play_tonight",
        title: "What to play tonight",
        description: "Picks records from your own collection for tonight, by mood and the time you have.",
        arguments: [
            PromptArgument(name: "mood", title: "Mood", description: "e.g. \(MoodMap.moods.prefix(4).joined(separator: ", ")), or a genre or style."),
            PromptArgument(name: "minutes", title: "Time", description: "How long you want to listen, in minutes."),
        ],
        requiredScope: "read"
    ) { arguments, _ in
        let mood = value(arguments, "mood")
        let time = value(arguments, "minutes").map { "about \($0) minutes" } ?? "an evening"
        return [
            .user(
                """
                What should I play tonight\(mood.map { " (mood: \"\($0)\")" } ?? "")? I have \(time).
                1. Call get_recommendations\(mood.map { " with mood \"\($0)\"" } ?? "") to pick from records I own.
                2. Call get_recent_activity for the last 60 days: favour records I added or rated lately.
                3. Call get_release on the picks for their tracklists and running times, and fill the time I have.
                Suggest a running order with a sentence on why each record fits; only records the tools returned, all from my collection.
                """
            )
        ]
    }

    static let mostValuable = Prompt(
        name: "most_valuable",
        title: "Which of my records are worth the most",
        description: "Finds the most valuable records in your collection and what they sell for now.",
        arguments: [PromptArgument(name: "count", title: "How many", description: "How many records to name (default 10).")],
        requiredScope: "read"
    ) { arguments, _ in
        let count = value(arguments, "count").flatMap(Int.init).map { min(max($0, 1), 50) } ?? 10
        return [
            .user(
                """
                Which \(count) records in my collection are worth the most?
                1. Call get_collection_value for the whole collection's minimum, median and maximum.
                2. Use search_collection (sort by year ascending, then by rating) to shortlist likely candidates: early pressings, limited editions, top-rated records.
                3. For each candidate, call get_marketplace_stats for the lowest price and copies for sale, and get_price_suggestions for what it fetches by condition.
                4. For the top candidates, call rank_pressings with purpose collector to check whether my copy is the sought-after pressing.
                List the \(count) most valuable with release id, the price evidence and its source; say plainly where the data is thin.
                """
            )
        ]
    }

    static let tidyFolders = Prompt(
        name: "tidy_folders",
        title: "Tidy my folders",
        description: "Proposes a tidier folder layout for your collection and, once you agree, moves the records.",
        arguments: [PromptArgument(name: "scheme", title: "Sort by", description: "genre, style, decade, format or label (default genre).")],
        requiredScope: "read"
    ) { arguments, _ in
        let scheme = value(arguments, "scheme") ?? "genre"
        return [
            .user(
                """
                Help me tidy my Discogs collection folders, organised by \(scheme).
                1. Call list_folders for the folders and their counts, and get_collection_stats for the spread by \(scheme).
                2. Use search_collection with folder_id to see what each folder holds, and spot records filed in the wrong place or left in Uncategorized.
                3. Propose a layout: folders to create or rename, and which records (release and instance ids) to move where.
                Change nothing until I say yes; then use create_folder, rename_folder and move_release, and report what moved.
                """
            )
        ]
    }

    static let artistGaps = Prompt(
        name: "artist_gaps",
        title: "Find gaps in an artist's discography",
        description: "Which of an artist's albums you are missing, and which of yours have a better pressing.",
        arguments: [
            PromptArgument(name: "artist", title: "Artist", description: "The artist, as named in your collection.", required: true),
            PromptArgument(name: "purpose", title: "Pressings for", description: "collector, listening or value (default collector)."),
        ],
        requiredScope: "read"
    ) { arguments, _ in
        let artist = value(arguments, "artist") ?? ""
        let purpose = value(arguments, "purpose") ?? "collector"
        return [
            .user(
                """
                What am I missing from \(artist)'s discography?
                1. Call find_collection_gaps with artist "\(artist)" and purpose \(purpose): the main releases I lack, and whether a better pressing exists for the ones I own.
                2. For the most important gaps, call rank_pressings with purpose \(purpose) to name the pressing worth getting.
                3. Call get_wantlist with artist "\(artist)" so you can say which gaps I already want.
                List the gaps by year with master and release ids; offer add_to_wantlist for the ones I pick, but add nothing without my yes.
                """
            )
        ]
    }

    static let recentChanges = Prompt(
        name: "recent_changes",
        title: "What changed in my collection lately",
        description: "A summary of what you added, moved, rated or removed, and your wantlist changes, over recent days.",
        arguments: [PromptArgument(name: "days", title: "Days", description: "How far back to look (default 30).")],
        requiredScope: "read"
    ) { arguments, _ in
        let days = value(arguments, "days").flatMap(Int.init).map { min(max($0, 1), 365) } ?? 30
        return [
            .user(
                """
                What changed in my Discogs collection and wantlist in the last \(days) days?
                1. Call refresh_collection so changes made on discogs.com are seen, then get_recent_activity with days \(days) (every page).
                2. Call get_release for the records I added, to say what they are.
                Summarise by kind (added, moved, rated, removed, wanted, unwanted) with dates, and note which changes came from elsewhere.
                """
            )
        ]
    }

    static let compareWithFriend = Prompt(
        name: "compare_with_friend",
        title: "Compare my collection with a friend's",
        description: "What you and another collector both own, what each lacks, and the taste you share.",
        arguments: [
            PromptArgument(name: "username", title: "Their Discogs username", description: "Their collection must be public.", required: true)
        ],
        requiredScope: "read"
    ) { arguments, _ in
        let username = value(arguments, "username") ?? ""
        return [
            .user(
                """
                Compare my Discogs collection with \(username)'s.
                1. Call compare_collections with username "\(username)" and limit 50: the records we both own, what each of us lacks, shared artists and styles.
                2. Call get_release on a few of the records only \(username) has that match our shared styles, to say what they are.
                Tell me what our overlap says about our tastes, and suggest five of their records I might like; say so if the comparison was PARTIAL.
                """
            )
        ]
    }
}
