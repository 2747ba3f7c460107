// The FTS query text builder against a real SQLite FTS5 table with the index's tokenizer: any text
// gives nil or an expression SQLite accepts, and a stored artist is found by its own name.
import Foundation
import FuzzKit
import GRDB
import Storage

nonisolated(unsafe) let database: DatabaseQueue = {
    do {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE fts USING fts5(artist, title, tokenize = 'unicode61 remove_diacritics 2')")
        }
        return queue
    } catch {
        fatalError("cannot open an in-memory SQLite database: \(error)")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: inputBytes(data, size), as: UTF8.self)
    guard let expression = FTSQueryText.expression(text), let artist = FTSQueryText.expression(text, column: "artist") else {
        require(FTSQueryText.words(text).isEmpty, "words but no expression: \(text)")
        return 0
    }
    do {
        try database.write { db in
            try db.execute(sql: "DELETE FROM fts")
            // As the index stores it (IndexedItem.storable): GRDB binds C strings, so a NUL would end the text.
            try db.execute(sql: "INSERT INTO fts (artist, title) VALUES (?, '')", arguments: [IndexedItem.withoutNUL(text)])
            let all = try Int.fetchOne(db, sql: "SELECT count(*) FROM fts WHERE fts MATCH ?", arguments: ["(\(expression)) AND \(artist)"])
            require(all == 1, "the stored text is not found by its own words: \(text.debugDescription)")
        }
    } catch {
        require(false, "SQLite refused \(expression.debugDescription): \(error)")
    }
    return 0
}

runFuzzer(testOneInput)
