import GRDB
import Locking

/// Where the collection index's tokenizer finds words, asked of the linked SQLite itself: its
/// `unicode61` tokenizer with the index's arguments (`Migrations+CollectionIndex`: `unicode61
/// remove_diacritics 2`).
///
/// The tokenizer classifies each code point from tables built from one Unicode version; Swift's
/// `Unicode.Scalar.Properties` come from another. Every split of ours by Swift's categories
/// drifted from SQLite's: the fuzzer found private-use characters, unassigned code points (U+05FB)
/// and characters newer than SQLite's tables (U+07FF, a currency sign to Swift, a letter to
/// SQLite) inside tokens that the split cut in two, so a prefix term missed. SQLite's own token
/// ranges cannot drift.
final class IndexTokenizer: Sendable {
    /// The tokenizer of the collection index's FTS5 table.
    static let shared = IndexTokenizer()

    /// The tokenizer lives on an in-memory connection, kept open for it. `unicode61` folds each
    /// token into a buffer of its own, so one text is tokenized at a time.
    private struct Open {
        let database: DatabaseQueue
        let tokenizer: any FTS5Tokenizer

        static func opened() throws -> Open {
            let database = try DatabaseQueue()
            let tokenizer = try database.inDatabase { db in
                try db.makeTokenizer(FTS5TokenizerDescriptor(components: ["unicode61", "remove_diacritics", "2"]))
            }
            return Open(database: database, tokenizer: tokenizer)
        }
    }

    private let open: Locked<Open?>

    init() {
        open = Locked(try? Open.opened())
    }

    /// The byte ranges of `utf8` that SQLite reads as tokens, in order; nil when SQLite cannot
    /// tokenize (no FTS5 in the linked library).
    func tokenRanges(_ utf8: [UInt8]) -> [Range<Int>]? {
        open.withLock { open -> [Range<Int>]? in
            guard let open else { return nil }
            let found = TokenRanges()
            let code = utf8.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { text in
                    open.tokenizer.tokenize(
                        context: Unmanaged.passUnretained(found).toOpaque(),
                        tokenization: .query,
                        pText: text.baseAddress,
                        nText: CInt(text.count)
                    ) { context, _, _, _, start, end in
                        guard let context else { return ResultCode.SQLITE_ERROR.rawValue }
                        Unmanaged<TokenRanges>.fromOpaque(context).takeUnretainedValue().ranges.append(Int(start)..<Int(end))
                        return ResultCode.SQLITE_OK.rawValue
                    }
                }
            }
            return code == ResultCode.SQLITE_OK.rawValue ? found.ranges : nil
        }
    }
}

/// The token callback's context: a C function cannot capture.
private final class TokenRanges {
    var ranges: [Range<Int>] = []
}
