import Foundation
import Testing

@testable import MCP

@Suite("Page cursors")
struct PageCursorTests {
    static func cursor(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    @Test("a cursor naming a page beyond the list, Int.max or a negative page is unknown, never an overflow")
    func hostileNumbers() {
        let pager = ListPager(kind: "prompts", pageSize: 2)
        let items = Array(0..<5)
        for text in [
            "prompts-page:9223372036854775807", "prompts-page:-9223372036854775808", "prompts-page:-1", "prompts-page:0",
            "prompts-page:3", "prompts-page:4611686018427387904", "prompts-page:99999999999999999999999", "prompts-page:+1",
            "prompts-page: 1", "prompts-page:", "tools-page:1", "prompts-page:1\u{0}",
        ] {
            #expect(pager.page(items, cursor: Self.cursor(text)) == nil, "\(text) must be refused")
        }
        #expect(pager.page(items, cursor: String(repeating: "A", count: 100_000)) == nil)
    }

    @Test("issued cursors walk the whole list exactly once")
    func walk() throws {
        let pager = ListPager(kind: "prompts", pageSize: 2)
        let items = Array(0..<5)
        var seen: [Int] = []
        var cursor: String?
        repeat {
            let page = try #require(pager.page(items, cursor: cursor))
            seen += page.items
            cursor = page.nextCursor
        } while cursor != nil
        #expect(seen == items)
        #expect(pager.page([Int](), cursor: nil)?.items.isEmpty == true)
    }

    @Test("decode checks the page against the real page count before any arithmetic")
    func decodeBounds() {
        #expect(PageCursor.decode(PageCursor.encode(kind: "tools", page: 1), kind: "tools", pageCount: 2) == 1)
        #expect(PageCursor.decode(PageCursor.encode(kind: "tools", page: 2), kind: "tools", pageCount: 2) == nil)
        #expect(PageCursor.decode(PageCursor.encode(kind: "tools", page: Int.max), kind: "tools", pageCount: Int.max) == nil)
        #expect(PageCursor.pageCount(items: 0, pageSize: 10) == 1)
        #expect(PageCursor.pageCount(items: 21, pageSize: 10) == 3)
        #expect(PageCursor.pageCount(items: Int.max, pageSize: 1) == Int.max)
    }
}

/// Random integers through the two gates every client number passes: the cursor decoder and the
/// argument validator. A trap here would be a remote crash; a wrong answer a bound that leaks.
@Suite("Random integers at the gates")
struct RandomIntegerTests {
    @Test("the cursor decoder answers only pages that exist, for any number and any list size")
    func cursorDecoder() {
        var generator = SystemRandomNumberGenerator()
        let pager = ListPager(kind: "resources", pageSize: 7)
        for _ in 0..<20_000 {
            let number = Int64.random(in: .min ... .max, using: &generator)
            let pageCount = Int.random(in: 0...1_000, using: &generator)
            let cursor = PageCursor.encode(kind: "resources", page: Int(number))
            if let page = PageCursor.decode(cursor, kind: "resources", pageCount: pageCount) {
                #expect(page >= 1 && page < pageCount && Int64(page) == number)
            }
            let items = Array(repeating: 0, count: Int.random(in: 0...50, using: &generator))
            if let page = pager.page(items, cursor: cursor) {
                #expect(page.items.count <= 7)
            }
        }
    }

    @Test("the validator refuses exactly the integers outside a property's bounds")
    func validator() {
        var generator = SystemRandomNumberGenerator()
        let schema: JSONValue = ["type": "object", "properties": ["page": ["type": "integer", "minimum": 1, "maximum": 10_000]]]
        let edges: [Int64] = [.min, .max, -1, 0, 1, 10_000, 10_001, 1 << 53, (1 << 53) + 1]
        for _ in 0..<20_000 {
            let value = Bool.random(using: &generator) ? Int64.random(in: .min ... .max, using: &generator) : edges.randomElement(using: &generator)!
            let refused = !SchemaValidator().validate(["page": .int(value)], against: schema).isEmpty
            #expect(refused == !(1...10_000).contains(value), "page \(value)")
        }
        for value in [1e300, -1e300, 9.3e18, 1e16, 0.5] {
            #expect(!SchemaValidator().validate(["page": .double(value)], against: schema).isEmpty, "page \(value)")
        }
    }
}
