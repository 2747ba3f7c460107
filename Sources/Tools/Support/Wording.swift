/// Counted words for text answers: "1 item matches", "3 items match", "1 copy", "2 copies".
///
/// Every count a text answer shows goes through here, so "1 items" or "1 Discogs requests" cannot
/// come back one interpolation at a time (the e2e suite checks all answers for such phrases).
enum Wording {
    /// "1 item", "0 items", "2 copies"; `plural` for irregular nouns.
    static func count(_ number: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(number) \(noun(number, singular, plural))"
    }

    /// The noun alone, in the number `number` calls for.
    static func noun(_ number: Int, _ singular: String, _ plural: String? = nil) -> String {
        number == 1 ? singular : plural ?? pluralize(singular)
    }

    /// The verb agreeing with `number` things: `verb(1, "matches", "match")` is "matches".
    static func verb(_ number: Int, _ singular: String, _ plural: String) -> String {
        number == 1 ? singular : plural
    }

    /// English's regular plurals: entry → entries, box → boxes, match → matches, item → items.
    /// For a phrase ("Discogs request") the last word is pluralized.
    static func pluralize(_ word: String) -> String {
        let lower = word.lowercased()
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        if lower.hasSuffix("y"), lower.count > 1, !vowels.contains(lower[lower.index(lower.endIndex, offsetBy: -2)]) {
            return String(word.dropLast()) + "ies"
        }
        if ["s", "x", "z", "ch", "sh"].contains(where: lower.hasSuffix) { return word + "es" }
        return word + "s"
    }
}
