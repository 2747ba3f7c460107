/// Marketplace: stats and price suggestions, inventory, listings, orders and their messages.
extension DiscogsAPI {
    public func marketplaceStats(releaseID: Int, currency: String? = nil, as credential: DiscogsCredential) async throws -> MarketplaceStats {
        try await get("/marketplace/stats/\(releaseID)", query: [("curr_abbr", currency)], cache: .userData, as: credential)
    }

    /// Suggested prices by condition, in the seller's currency; needs seller settings (else 404).
    public func priceSuggestions(releaseID: Int, as credential: DiscogsCredential) async throws -> [String: Price] {
        try await get("/marketplace/price_suggestions/\(releaseID)", cache: .userData, as: credential)
    }

    public func inventory(
        username: String,
        status: String? = nil,
        sort: String? = nil,
        sortOrder: String? = nil,
        page: Int = 1,
        perPage: Int = 50,
        as credential: DiscogsCredential
    ) async throws -> Page<Listing> {
        try await get(
            "/users/\(username.pathSegment)/inventory",
            query: Self.paging(page, perPage) + [("status", status), ("sort", sort), ("sort_order", sortOrder)],
            cache: .userData,
            as: credential
        )
    }

    public func listing(id: Int, currency: String? = nil, as credential: DiscogsCredential) async throws -> Listing {
        try await get("/marketplace/listings/\(id)", query: [("curr_abbr", currency)], cache: .userData, as: credential)
    }

    /// Creates a listing; `fields` are Discogs' names (release_id, condition, sleeve_condition, price, comments, allow_offers, status, …).
    public func createListing(fields: [String: JSONBodyValue], username: String, as credential: DiscogsCredential) async throws -> CreatedListing {
        try await write(.post, "/marketplace/listings", json: fields, invalidates: ["/users/\(username.pathSegment)/inventory"], as: credential)
            .decode()
    }

    public func updateListing(id: Int, fields: [String: JSONBodyValue], username: String, as credential: DiscogsCredential) async throws {
        try await write(
            .post,
            "/marketplace/listings/\(id)",
            json: fields,
            invalidates: ["/users/\(username.pathSegment)/inventory"],
            as: credential
        )
    }

    public func deleteListing(id: Int, username: String, as credential: DiscogsCredential) async throws {
        try await write(.delete, "/marketplace/listings/\(id)", invalidates: ["/users/\(username.pathSegment)/inventory"], as: credential)
    }

    public func orders(
        status: String? = nil,
        sort: String? = nil,
        sortOrder: String? = nil,
        page: Int = 1,
        perPage: Int = 50,
        as credential: DiscogsCredential
    ) async throws -> Page<Order> {
        try await get(
            "/marketplace/orders",
            query: Self.paging(page, perPage) + [("status", status), ("sort", sort), ("sort_order", sortOrder)],
            cache: .userData,
            as: credential
        )
    }

    public func order(id: String, as credential: DiscogsCredential) async throws -> Order {
        try await get("/marketplace/orders/\(id.pathSegment)", cache: .userData, as: credential)
    }

    /// Changes an order's `status` or `shipping` (Discogs takes one or the other, not both).
    public func updateOrder(id: String, status: String? = nil, shipping: Double? = nil, as credential: DiscogsCredential) async throws -> Order {
        var body: [String: JSONBodyValue] = [:]
        if let status { body["status"] = .string(status) }
        if let shipping { body["shipping"] = .double(shipping) }
        return try await write(.post, "/marketplace/orders/\(id.pathSegment)", json: body, invalidates: ["/marketplace/orders"], as: credential)
            .decode()
    }

    public func orderMessages(id: String, page: Int = 1, perPage: Int = 50, as credential: DiscogsCredential) async throws -> Page<OrderMessage> {
        try await get("/marketplace/orders/\(id.pathSegment)/messages", query: Self.paging(page, perPage), cache: .userData, as: credential)
    }

    @discardableResult
    public func sendOrderMessage(id: String, message: String, status: String? = nil, as credential: DiscogsCredential) async throws -> OrderMessage {
        var body: [String: JSONBodyValue] = ["message": .string(message)]
        if let status { body["status"] = .string(status) }
        return try await write(
            .post,
            "/marketplace/orders/\(id.pathSegment)/messages",
            json: body,
            invalidates: ["/marketplace/orders"],
            as: credential
        )
        .decode()
    }
}
