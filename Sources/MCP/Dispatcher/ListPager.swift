import Foundation

/// Splits a list result (`resources/list`, `prompts/list`…) into pages with opaque cursors.
///
/// These lists are short and asked for rarely, so pages are cut per request from the caller's
/// visible items rather than pre-encoded like `tools/list`.
struct ListPager: Sendable {
    /// Distinguishes cursors of different lists, so one list's cursor is refused by another.
    let kind: String
    let pageSize: Int

    /// The page `cursor` names, and the cursor of the next page; `nil` when the cursor is not one this server issued.
    func page<Item>(_ items: [Item], cursor: String?) -> (items: ArraySlice<Item>, nextCursor: String?)? {
        var index = 0
        if let cursor {
            let pages = PageCursor.pageCount(items: items.count, pageSize: pageSize)
            guard let number = PageCursor.decode(cursor, kind: kind, pageCount: pages) else { return nil }
            index = number
        }
        // `index` is below the page count, so `start` is below `items.count`: no overflow is possible.
        let start = index * pageSize
        let end = start + min(pageSize, items.count - start)
        let next = end < items.count ? PageCursor.encode(kind: kind, page: index + 1) : nil
        return (items[start..<end], next)
    }

    /// Reads `params.cursor`: absent or null means the first page; anything but a string is invalid.
    static func cursor(in params: [String: JSONValue]) -> Result<String?, JSONRPCError> {
        switch params["cursor"] {
        case nil, .null?: return .success(nil)
        case .string(let text)?: return .success(text)
        default: return .failure(.invalidParams("cursor must be a string returned as nextCursor"))
        }
    }
}
