import Foundation

/// The opaque cursor of a paged list: base64 of `<kind>-page:<index>`.
///
/// A cursor comes from the network, so it is checked against the list's real page count before
/// its number takes part in any arithmetic: `Int.max` or a negative page is simply "unknown",
/// never an overflow that would stop the process.
public enum PageCursor {
    /// The longest cursor this server issues is far below this; anything longer is refused unread.
    static let maximumLength = 64

    public static func encode(kind: String, page index: Int) -> String {
        Data("\(kind)-page:\(index)".utf8).base64EncodedString()
    }

    /// The 0-based page index `cursor` names, or `nil` unless it is one of ours for a page that exists
    /// (`1..<pageCount`: the first page is only ever asked for without a cursor).
    public static func decode(_ cursor: String, kind: String, pageCount: Int) -> Int? {
        guard cursor.utf8.count <= maximumLength, let data = Data(base64Encoded: cursor),
            let text = String(data: data, encoding: .utf8), text.hasPrefix("\(kind)-page:")
        else { return nil }
        let digits = text.utf8.dropFirst(kind.utf8.count + 6)
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let index = Int(Substring(digits))
        else { return nil }
        return (1..<max(pageCount, 1)).contains(index) ? index : nil
    }

    /// How many pages of `pageSize` hold `count` items (at least one, for the empty first page).
    public static func pageCount(items count: Int, pageSize: Int) -> Int {
        guard pageSize > 0, count > 0 else { return 1 }
        return (count - 1) / pageSize + 1
    }
}
