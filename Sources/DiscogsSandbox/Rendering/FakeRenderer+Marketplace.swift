/// Listings, orders and messages in the real shapes (Discogs API documentation, "Marketplace").
extension FakeRenderer {
    func money(_ value: Double, _ currency: String) -> FakeJSON {
        ["currency": .string(currency), "value": .double((value * 100).rounded() / 100)]
    }

    func listing(_ listing: FakeListing, currency: String? = nil) -> FakeJSON {
        let release = data.releases[listing.releaseID]
        let seller = data.user(listing.seller)
        let shown = currency ?? listing.currency
        let price = FakeMoney.convert(listing.price / (FakeMoney.rates[listing.currency] ?? 1), to: shown)
        var pairs: [(String, FakeJSON)] = [
            ("id", .int(listing.id)), ("status", .string(listing.status)),
            ("price", money(price, shown)),
            (
                "original_price",
                [
                    "curr_abbr": .string(listing.currency), "curr_id": 1,
                    "formatted": .string(FakeMoney.format(listing.price, currency: listing.currency)), "value": .double(listing.price),
                ]
            ),
            ("shipping_price", money(FakeMoney.convert(4.5, to: shown), shown)),
            ("allow_offers", .bool(listing.allowOffers)), ("sleeve_condition", .string(listing.sleeveCondition)),
            ("condition", .string(listing.condition)), ("posted", .string(FakeDate.iso(listing.posted))),
            ("ships_from", .string(listing.shipsFrom)), ("uri", .string("https://www.discogs.com/sell/item/\(listing.id)")),
            ("comments", .string(listing.comments)), ("audio", false),
            (
                "seller",
                [
                    "id": .int(seller?.id ?? 0), "username": .string(seller?.username ?? listing.seller),
                    "resource_url": .string("\(base)/users/\(seller?.username ?? listing.seller)"),
                    "avatar_url": context.image("U", seller?.id ?? 0, size: 150),
                    "stats": ["rating": "100.0", "stars": 5.0, "total": 12], "min_order_total": 0.0,
                    "url": .string("https://www.discogs.com/user/\(seller?.username ?? listing.seller)"),
                ]
            ),
            (
                "release",
                [
                    "catalog_number": .string(release?.labels.first?.catno ?? ""), "resource_url": .string("\(base)/releases/\(listing.releaseID)"),
                    "year": .int(release?.year ?? 0), "id": .int(listing.releaseID), "description": .string(release?.displayTitle ?? ""),
                    "artist": .string(release?.artistsSort ?? ""), "title": .string(release?.title ?? ""),
                    "format": .string(release?.formats.first.map { ([$0.name] + $0.descriptions).joined(separator: ", ") } ?? ""),
                    "thumbnail": context.image("R", listing.releaseID, size: 150),
                    "stats": ["community": ["in_wantlist": .int(release?.want ?? 0), "in_collection": .int(release?.have ?? 0)]],
                ]
            ),
            ("resource_url", .string("\(base)/marketplace/listings/\(listing.id)")),
        ]
        if context.caller.isOwner(listing.seller) {
            pairs += [
                ("location", .string(listing.location)), ("external_id", .string(listing.externalID)),
                ("weight", listing.weight.map { .int($0) } ?? .null), ("format_quantity", listing.formatQuantity.map { .int($0) } ?? "auto"),
                ("in_cart", false),
            ]
        }
        return .object(pairs)
    }

    func order(_ order: FakeOrder) -> FakeJSON {
        let listings = order.listingIDs.compactMap { data.listings[$0] }
        let itemsTotal = listings.reduce(0.0) { $0 + $1.price }
        let buyer = data.user(order.buyer)
        let seller = data.user(order.seller)
        return [
            "id": .string(order.id), "resource_url": .string("\(base)/marketplace/orders/\(order.id)"),
            "messages_url": .string("\(base)/marketplace/orders/\(order.id)/messages"),
            "uri": .string("https://www.discogs.com/sell/order/\(order.id)"), "status": .string(order.status),
            "next_status": .array(FakeOrder.statuses.prefix(8).map { .string($0) }),
            "fee": money(itemsTotal * 0.09, order.currency), "created": .string(FakeDate.iso(order.created)),
            "last_activity": .string(FakeDate.iso(order.lastActivity)),
            "items": .array(
                listings.map { listing in
                    let release = data.releases[listing.releaseID]
                    return [
                        "release": ["id": .int(listing.releaseID), "description": .string(release?.displayTitle ?? "")],
                        "price": money(listing.price, listing.currency), "media_condition": .string(listing.condition),
                        "sleeve_condition": .string(listing.sleeveCondition), "id": .int(listing.id),
                    ]
                }
            ),
            "shipping": ["currency": .string(order.currency), "method": "Standard", "value": .double(order.shipping)],
            "shipping_address": .string(order.shippingAddress), "additional_instructions": "",
            "archived": false,
            "seller": [
                "resource_url": .string("\(base)/users/\(order.seller)"), "username": .string(seller?.username ?? order.seller),
                "id": .int(seller?.id ?? 0),
            ],
            "buyer": [
                "resource_url": .string("\(base)/users/\(order.buyer)"), "username": .string(buyer?.username ?? order.buyer),
                "id": .int(buyer?.id ?? 0),
            ],
            "total": money(itemsTotal + order.shipping, order.currency),
        ]
    }

    func message(_ message: FakeOrderMessage) -> FakeJSON {
        let from = data.user(message.from)
        return [
            "refund": [
                "amount": 0, "order": ["resource_url": .string("\(base)/marketplace/orders/\(message.orderID)"), "id": .string(message.orderID)],
            ],
            "timestamp": .string(FakeDate.iso(message.timestamp)), "message": .string(message.message),
            "type": .string(message.type),
            "order": ["resource_url": .string("\(base)/marketplace/orders/\(message.orderID)"), "id": .string(message.orderID)],
            "subject": .string(message.subject),
            "from": [
                "id": .int(from?.id ?? 0), "resource_url": .string("\(base)/users/\(message.from)"),
                "username": .string(from?.username ?? message.from), "avatar_url": context.image("U", from?.id ?? 0, size: 150),
            ],
        ]
    }
}
