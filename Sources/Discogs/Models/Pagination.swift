/// Discogs' `pagination` object: which page this is and how many there are in all.
///
/// Tools report these numbers so that nothing is ever cut silently.
public struct Pagination: Codable, Sendable, Hashable {
    public var page: Int
    public var pages: Int
    public var items: Int
    public var perPage: Int

    public init(page: Int, pages: Int, items: Int, perPage: Int) {
        self.page = page
        self.pages = pages
        self.items = items
        self.perPage = perPage
    }

    private enum CodingKeys: String, CodingKey { case page, pages, items, perPage }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        page = Self.bounded(try container.decode(LenientInt.self, forKey: .page).value ?? 1, 1...Self.maximumCount)
        pages = Self.bounded(try container.decode(LenientInt.self, forKey: .pages).value ?? 1, 0...Self.maximumCount)
        items = Self.bounded(try container.decode(LenientInt.self, forKey: .items).value ?? 0, 0...Self.maximumCount)
        perPage = Self.bounded(container.lenient(LenientInt.self, forKey: .perPage)?.value ?? 50, 1...Self.maximumPerPage)
    }

    /// Upper bounds for numbers read from an upstream answer, so products such as
    /// `(page - 1) * perPage` can never overflow, whatever a misbehaving upstream sends.
    static let maximumCount = 1_000_000_000
    static let maximumPerPage = 1_000

    private static func bounded(_ value: Int, _ range: ClosedRange<Int>) -> Int {
        min(max(value, range.lowerBound), range.upperBound)
    }

    /// Whether a later page exists; walk by this, since pages may be shorter than `perPage`.
    public var hasNextPage: Bool { page < pages }
}

/// One page of a paginated list; the array's key varies by endpoint (`releases`, `wants`, …).
public struct Page<Item: Decodable & Sendable>: Decodable, Sendable {
    public var pagination: Pagination
    public var items: [Item]

    public init(pagination: Pagination, items: [Item]) {
        self.pagination = pagination
        self.items = items
    }

    static var listKeys: [String] { ["releases", "results", "versions", "wants", "listings", "orders", "messages", "lists", "items"] }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        let pagination = try container.decodeIfPresent(Pagination.self, forKey: AnyKey("pagination"))
        var found: [Item]?
        for name in Self.listKeys where container.contains(AnyKey(name)) {
            found = try container.decode([Item].self, forKey: AnyKey(name))
            break
        }
        guard let found else {
            throw DecodingError.keyNotFound(
                AnyKey("releases"),
                .init(codingPath: decoder.codingPath, debugDescription: "no list in a paginated answer")
            )
        }
        self.items = found
        self.pagination = pagination ?? Pagination(page: 1, pages: 1, items: found.count, perPage: max(found.count, 1))
    }
}

/// A coding key for names known only at run time.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
