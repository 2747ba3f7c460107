/// Turns what a person typed into a safe FTS5 expression: every word must match, as a prefix.
///
/// FTS5 has its own syntax (quotes, `AND`, `NEAR`, `*`, column filters); user text is never passed
/// through raw, so "AC/DC" or `"Rock"` can neither fail to parse nor change the query's meaning.
public enum FTSQueryText {
    /// The words of `text`, split the way the `unicode61` tokenizer splits them (letters and digits).
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// `"word1"* "word2"*` (implicit AND), or nil when nothing searchable remains.
    public static func expression(_ text: String) -> String? {
        let terms = words(text).map { "\"\($0)\"*" }
        return terms.isEmpty ? nil : terms.joined(separator: " ")
    }

    /// The same, restricted to one FTS column.
    public static func expression(_ text: String, column: String) -> String? {
        expression(text).map { "\(column) : (\($0))" }
    }
}
