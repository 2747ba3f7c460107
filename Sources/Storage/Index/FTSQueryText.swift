/// Turns what a person typed into a safe FTS5 expression: every word must match, as a prefix.
///
/// FTS5 has its own syntax (quotes, `AND`, `NEAR`, `*`, column filters); user text is never passed
/// through raw, so "AC/DC" or `"Rock"` can neither fail to parse nor change the query's meaning.
public enum FTSQueryText {
    /// The words of `text` exactly where SQLite's `unicode61` tokenizer finds them
    /// (`IndexTokenizer`), as typed: a quoted term is tokenized again by the same tokenizer, into
    /// the same one token, so each word's prefix term matches the stored token it came from.
    ///
    /// NULs count as spaces, as the index stores them (`IndexedItem.withoutNUL`). Should the linked
    /// SQLite lack FTS5, which the index itself needs, runs of letters and numbers are the words.
    public static func words(_ text: String) -> [String] {
        let utf8 = Array(IndexedItem.withoutNUL(text).utf8)
        guard let ranges = IndexTokenizer.shared.tokenRanges(utf8) else {
            return text.split { !$0.isLetter && !$0.isNumber }.map(String.init)
        }
        return ranges.map { String(decoding: utf8[$0], as: UTF8.self) }
    }

    /// `"word1"* "word2"*` (implicit AND), or nil when nothing searchable remains.
    public static func expression(_ text: String) -> String? {
        // A quote separates words to `unicode61` (and to the fallback), so no word holds one.
        let terms = words(text).map { "\"\($0)\"*" }
        return terms.isEmpty ? nil : terms.joined(separator: " ")
    }

    /// The same, restricted to one FTS column.
    public static func expression(_ text: String, column: String) -> String? {
        expression(text).map { "\(column) : (\($0))" }
    }
}
