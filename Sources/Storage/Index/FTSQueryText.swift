/// Turns what a person typed into a safe FTS5 expression: every word must match, as a prefix.
///
/// FTS5 has its own syntax (quotes, `AND`, `NEAR`, `*`, column filters); user text is never passed
/// through raw, so "AC/DC" or `"Rock"` can neither fail to parse nor change the query's meaning.
public enum FTSQueryText {
    /// The words of `text`, never split where SQLite's `unicode61` tokenizer joins.
    ///
    /// The tokenizer's token characters are letters, numbers and private-use characters (its
    /// default `categories 'L* N* Co'`), and with `remove_diacritics` it folds combining marks into
    /// the word they follow. A word here is a run of those, of combining marks and of unassigned
    /// code points (SQLite's tables, from another Unicode version, count some as letters: U+05FB
    /// joins "\u{5FB}t" into one token), which join a word but never make one. Splitting more
    /// finely than SQLite would make a prefix term miss ("tis"* never matches the token
    /// "\u{E000}tis"); joining what SQLite splits is harmless, because a quoted term is itself
    /// tokenized into a phrase of adjacent tokens, which the stored text contains.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        var hasToken = false  // marks alone are no word: SQLite finds no token in them
        func end() {
            if hasToken { words.append(String(current)) }
            current = String.UnicodeScalarView()
            hasToken = false
        }
        for scalar in text.unicodeScalars {
            switch kind(of: scalar) {
            case .token:
                current.append(scalar)
                hasToken = true
            case .mark:
                current.append(scalar)
            case .separator:
                end()
            }
        }
        end()
        return words
    }

    enum ScalarKind { case token, mark, separator }

    /// Letters, numbers and private use are tokens; combining marks and unassigned code points
    /// join the word they are in.
    static func kind(of scalar: Unicode.Scalar) -> ScalarKind {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber, .privateUse:
            return .token
        case .nonspacingMark, .spacingMark, .enclosingMark, .unassigned:
            return .mark
        default:
            return .separator
        }
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
