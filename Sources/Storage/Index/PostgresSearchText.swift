import Foundation

/// The PostgreSQL side of collection text search: `tsvector` and `tsquery` literals built here,
/// with the words `FTSQueryText` finds, so both engines match the same items.
///
/// No PostgreSQL text-search configuration is involved: its parser reads "AC/DC" as a file path
/// and "1.5" as a number, and folding diacritics would need the `unaccent` extension (superuser
/// to install). Instead each word is case- and diacritic-folded here (FTS5's `unicode61
/// remove_diacritics 2`), and the literals are cast, which stores lexemes exactly as given.
///
/// Columns carry the FTS5 columns' bm25 weights as `tsvector` weights: artist A, title B, label
/// and catalogue number C, notes and tags D (`rankWeights` keeps their ratios).
public enum PostgresSearchText {
    /// Longer words are cut to this many characters, on both sides: PostgreSQL refuses lexemes
    /// over 2047 bytes, and a prefix of a cut word still matches the cut lexeme.
    static let maximumWordLength = 200
    /// `ts_rank` weights in PostgreSQL's order {D, C, B, A}: tags/notes 1, label/catno 2, title 5, artist 8.
    static let rankWeights = "{0.125, 0.25, 0.625, 1.0}"

    enum Weight: String {
        case a = "A"
        case b = "B"
        case c = "C"
        case d = "D"
    }

    /// A word as stored and searched: lowercased, diacritics removed, cut to the maximum length.
    static func fold(_ word: String) -> String {
        String(word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased().prefix(maximumWordLength))
    }

    /// A lexeme quoted for the `tsvector`/`tsquery` input syntax.
    static func quoted(_ lexeme: String) -> String {
        "'" + lexeme.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// The `tsvector` text of an item: every word of each column at its position, with its weight.
    static func document(_ item: IndexedItem) -> String {
        let tags = (item.genres + item.styles + item.formats + [item.year.map(String.init) ?? "", item.country ?? ""]).joined(separator: " ")
        let columns: [(String, Weight)] = [
            (item.artists.joined(separator: " ") + " " + item.artistDisplay, .a), (item.title, .b),
            (item.labels.joined(separator: " "), .c), (item.catnos.joined(separator: " "), .c), (item.notes, .d), (tags, .d),
        ]
        var entries: [String] = []
        var position = 0
        for (text, weight) in columns {
            for word in FTSQueryText.words(text) {
                let lexeme = fold(word)
                guard !lexeme.isEmpty else { continue }
                // PostgreSQL positions stop at 16383; later words keep the last position.
                position = min(position + 1, 16383)
                entries.append("\(quoted(lexeme)):\(position)\(weight.rawValue)")
            }
        }
        return entries.joined(separator: " ")
    }

    /// `'word1':* & 'word2':*` (every word as a prefix), or nil when nothing searchable remains;
    /// `artistOnly` restricts each word to the artist column (weight A).
    static func query(_ text: String, artistOnly: Bool = false) -> String? {
        let terms = FTSQueryText.words(text).map(fold).filter { !$0.isEmpty }.map { "\(quoted($0)):*" + (artistOnly ? "A" : "") }
        return terms.isEmpty ? nil : terms.joined(separator: " & ")
    }
}
