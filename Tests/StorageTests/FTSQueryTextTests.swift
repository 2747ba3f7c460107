import Foundation
import GRDB
import Testing

@testable import Storage

/// The query text builder against a real FTS5 table with the index's tokenizer: a stored text is
/// always found by its own words, whatever characters it holds.
@Suite("FTS query text")
struct FTSQueryTextTests {
    /// Stores `text` and counts the rows its own words find (1 when the builder agrees with SQLite).
    func foundByItsOwnWords(_ text: String) throws -> Int? {
        let queue = try DatabaseQueue()
        return try queue.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE fts USING fts5(artist, title, tokenize = 'unicode61 remove_diacritics 2')")
            // As the store keeps it (`IndexedItem.storable`): GRDB binds C strings, a NUL would end the text.
            try db.execute(sql: "INSERT INTO fts (artist, title) VALUES (?, '')", arguments: [IndexedItem.withoutNUL(text)])
            guard let expression = FTSQueryText.expression(text), let artist = FTSQueryText.expression(text, column: "artist") else { return nil }
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM fts WHERE fts MATCH ?", arguments: ["(\(expression)) AND \(artist)"])
        }
    }

    /// The fuzzer's finding (Fuzz/Findings): a private-use character is a token character to SQLite's
    /// `unicode61` (categories L* N* Co) but was a separator to `words`, so "tis" never matched the
    /// token "\u{E000}tis". A combining mark inside a word is part of its token, folded away.
    @Test(
        "a stored text is found by its own words",
        arguments: [
            "Sigur Rós \u{0}\u{0}\u{0}\u{1D}\u{FFFD}tis byrjun 19",  // the fuzzer's input, decoded
            "x \u{E000}tis",  // private use inside a word
            "Ágætis \u{F8FF}byrjun",
            "a \u{0301}tis",  // a combining mark after a space
            "q\u{0301}r",  // a combining mark inside a word
            "k\u{20DD}j",  // an enclosing mark: a separator to SQLite, harmless here
            "AC/DC \"Rock\" NEAR(x) *",
            "Motörhead s\u{00B2}t p\u{2160}y c\u{02B0}d",
            // The fuzzer's second finding (Fuzz/Findings, decoded): U+05FB is unassigned to Swift but
            // a token character to SQLite's tables, so "t"* missed the token "\u{5FB}t".
            "Sigvr R\u{FFFD}0ro\u{0}\u{0}\u{7F}\u{FFFD}\u{1D}\u{5FB}T] Á]gætis999",
            "x \u{5FB}\u{5FB}",  // unassigned to Swift, a word of its own to SQLite
            // The third (decoded): a NUL before a combining mark is one Character with it.
            "\u{10}\u{1F}\u{0}\u{0}\u{34D}\u{5CD}\u{FFFD}\u{FFFD}KSo",
            // The fourth (CI, stop 22, decoded): U+07FF is a currency sign to Swift (Unicode 11 and
            // later) and a letter to SQLite's tables, so "bn"* missed the token "\u{7FF}bn\u{7FD}".
            "/BNA\u{FFFD}\u{7FF}BN\u{7FD}",
        ]
    )
    func ownWords(text: String) throws {
        #expect(try foundByItsOwnWords(text) == 1, "\(text.debugDescription)")
    }

    /// The fuzzer's input, end to end: a title with NULs is stored whole and found by its later words.
    @Test("the index stores a text with NUL characters whole")
    func storeKeepsTextAfterNUL() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("discogs-mcp-fts-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = SQLiteCollectionIndexStore(database: try Database(path: path))
        let title = "Sigur Rós \u{0}\u{0}\u{0}\u{1D}\u{FFFD}tis byrjun 19"
        // A NUL before a combining mark is one Character with it: cleaned by scalar all the same.
        let notes = "a\u{0}b \u{0}\u{34D}kso"
        let item = IndexedItem(instanceID: 1, releaseID: 1, artists: ["Sigur Rós"], artistDisplay: "Sigur Rós", title: title, notes: notes)
        try await store.upsert([item], username: "u", list: .collection, generation: 1, state: nil)
        for words in ["tis byrjun", "19", "sigur", "b", "kso"] {
            let page = try await store.search(IndexQuery(username: "u", text: words))
            #expect(page.total == 1, "\(words)")
        }
        let stored = try await store.search(IndexQuery(username: "u", text: "byrjun")).items.first
        #expect(stored?.title == title.replacingOccurrences(of: "\u{0}", with: " "))
        #expect(stored?.notes.unicodeScalars.contains("\u{0}") == false)
    }

    @Test("text without a letter, number or private-use character gives no expression")
    func nothingSearchable() throws {
        for text in ["", "  ", "\u{0301}\u{20DD}", "!?* \"\" ()", "\u{0}\u{1D}"] {
            #expect(FTSQueryText.words(text).isEmpty, "\(text.debugDescription)")
            #expect(FTSQueryText.expression(text) == nil)
        }
    }

    @Test("words are SQLite's tokens as typed: private use kept, a leading mark left out")
    func words() {
        #expect(FTSQueryText.words("AC/DC live") == ["AC", "DC", "live"])
        #expect(FTSQueryText.words("x \u{E000}tis") == ["x", "\u{E000}tis"])
        #expect(FTSQueryText.words("a \u{0301}tis") == ["a", "tis"])  // no token starts with a mark
        #expect(FTSQueryText.words("Ágætis") == ["Ágætis"])  // folded by SQLite when it reads the term
        #expect(FTSQueryText.words("\u{5FB}T \u{5FB}") == ["\u{5FB}T", "\u{5FB}"])
        #expect(FTSQueryText.words("a\u{0}b \u{0}\u{34D}kso") == ["a", "b", "kso"])  // NUL as a space
    }

    /// The fourth finding (CI, stop 22): Swift's Unicode tables and SQLite's disagree, so the
    /// words come from SQLite's tokenizer, not from Swift's categories.
    @Test("words follow SQLite's Unicode tables, not Swift's")
    func sqliteTables() {
        #expect(Unicode.Scalar(0x7FF)?.properties.generalCategory == .currencySymbol)
        #expect(FTSQueryText.words("/BNA\u{FFFD}\u{7FF}BN\u{7FD}") == ["BNA", "\u{7FF}BN\u{7FD}"])
    }
}

/// Every scalar against the real tokenizer.
@Suite("FTS query text, every scalar")
struct FTSQueryTextEveryScalarTests {
    /// Every scalar of the first three planes inside a text, stored and searched: each text is
    /// found by its own words, and by nothing else (Swift's categories failed this at U+05FB,
    /// U+07FF and more). The words around the scalar carry its number, so each search reads one row.
    @Test("every scalar of planes 0 to 2 keeps a text findable by its own words")
    func everyScalar() throws {
        let queue = try DatabaseQueue()
        let scalars = (UInt32(0)..<0x30000).compactMap(Unicode.Scalar.init)
        func text(_ scalar: Unicode.Scalar) -> String { "k\(scalar.value)x\(scalar)y\(scalar.value)z" }
        let missed = try queue.write { db -> [String] in
            try db.execute(sql: "CREATE VIRTUAL TABLE fts USING fts5(artist, tokenize = 'unicode61 remove_diacritics 2')")
            let insert = try db.makeStatement(sql: "INSERT INTO fts (rowid, artist) VALUES (?, ?)")
            for scalar in scalars {
                try insert.execute(arguments: [Int(scalar.value), IndexedItem.withoutNUL(text(scalar))])
            }
            let match = try db.makeStatement(sql: "SELECT rowid FROM fts WHERE fts MATCH ?")
            return try scalars.compactMap { scalar in
                let name = "U+" + String(scalar.value, radix: 16)
                guard let expression = FTSQueryText.expression(text(scalar)) else { return name + " no expression" }
                return try Int.fetchAll(match, arguments: [expression]) == [Int(scalar.value)] ? nil : name
            }
        }
        #expect(missed.isEmpty, "\(missed.prefix(20))")
    }
}
