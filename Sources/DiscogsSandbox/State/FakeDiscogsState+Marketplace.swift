/// Marketplace writes: listings, orders and order messages (Discogs API documentation, "Marketplace").
extension FakeDiscogsState {
    private func sellerKey(_ caller: FakeCaller) throws -> String {
        guard caller.tier == .user, let username = caller.username, data.user(username) != nil else {
            throw caller.tier == .none ? FakeDiscogsError.mustAuthenticate : FakeDiscogsError.noPermission
        }
        return username
    }

    private func validateListing(_ parameters: [String: String], requireAll: Bool) throws {
        if let condition = parameters["condition"] {
            guard FakeCondition.media.contains(condition) else {
                throw FakeDiscogsError.validation("condition", "condition must be one of: \(FakeCondition.media.joined(separator: ", "))")
            }
        } else if requireAll {
            throw FakeDiscogsError.validation("condition", "condition is required")
        }
        if let sleeve = parameters["sleeve_condition"], !FakeCondition.sleeve.contains(sleeve) {
            throw FakeDiscogsError.validation("sleeve_condition", "sleeve_condition must be one of: \(FakeCondition.sleeve.joined(separator: ", "))")
        }
        if let price = parameters["price"] {
            guard let value = Double(price), value > 0 else { throw FakeDiscogsError.validation("price", "price must be a positive number") }
        } else if requireAll {
            throw FakeDiscogsError.validation("price", "price is required")
        }
        if let status = parameters["status"], !["For Sale", "Draft"].contains(status) {
            throw FakeDiscogsError.validation("status", "status must be For Sale or Draft")
        }
    }

    func createListing(_ parameters: [String: String], caller: FakeCaller) throws -> FakeListing {
        let seller = try sellerKey(caller)
        guard let releaseID = parameters["release_id"].flatMap({ Int($0) }) else {
            throw FakeDiscogsError.validation("release_id", "release_id is required")
        }
        guard data.releases[releaseID] != nil else { throw FakeDiscogsError.releaseNotFound }
        try validateListing(parameters, requireAll: true)
        let user = data.user(seller)
        let listing = FakeListing(
            id: data.nextListingID,
            releaseID: releaseID,
            seller: user?.username ?? seller,
            status: parameters["status"] ?? "For Sale",
            price: Double(parameters["price"] ?? "") ?? 0,
            currency: user?.currency ?? "USD",
            condition: parameters["condition"] ?? "",
            sleeveCondition: parameters["sleeve_condition"] ?? "Not Graded",
            comments: parameters["comments"] ?? "",
            allowOffers: parameters["allow_offers"] == "true",
            location: parameters["location"] ?? "",
            weight: parameters["weight"].flatMap { Int($0) },
            formatQuantity: parameters["format_quantity"].flatMap { Int($0) },
            externalID: parameters["external_id"] ?? "",
            posted: Int(now),
            shipsFrom: user?.location.isEmpty == false ? user?.location ?? "" : "United States"
        )
        data.nextListingID += 1
        data.listings[listing.id] = listing
        return listing
    }

    private func ownListing(_ id: Int, _ caller: FakeCaller) throws -> FakeListing {
        let seller = try sellerKey(caller)
        guard let listing = data.listings[id], listing.status != "Deleted" else { throw FakeDiscogsError.resourceNotFound }
        guard listing.seller.lowercased() == seller.lowercased() else { throw FakeDiscogsError.noPermission }
        return listing
    }

    func editListing(_ id: Int, _ parameters: [String: String], caller: FakeCaller) throws {
        var listing = try ownListing(id, caller)
        try validateListing(parameters, requireAll: false)
        if let releaseID = parameters["release_id"].flatMap({ Int($0) }), data.releases[releaseID] != nil { listing.releaseID = releaseID }
        if let condition = parameters["condition"] { listing.condition = condition }
        if let sleeve = parameters["sleeve_condition"] { listing.sleeveCondition = sleeve }
        if let price = parameters["price"].flatMap({ Double($0) }) { listing.price = price }
        if let comments = parameters["comments"] { listing.comments = comments }
        if let offers = parameters["allow_offers"] { listing.allowOffers = offers == "true" }
        if let status = parameters["status"] { listing.status = status }
        if let location = parameters["location"] { listing.location = location }
        data.listings[id] = listing
    }

    func deleteListing(_ id: Int, caller: FakeCaller) throws {
        _ = try ownListing(id, caller)
        data.listings[id] = nil
    }

    /// An order the caller sells or buys.
    func order(_ id: String, caller: FakeCaller) throws -> FakeOrder {
        let user = try sellerKey(caller).lowercased()
        guard let order = data.orders[id] else { throw FakeDiscogsError.resourceNotFound }
        guard order.seller.lowercased() == user || order.buyer.lowercased() == user else { throw FakeDiscogsError.noPermission }
        return order
    }

    func updateOrder(_ id: String, _ parameters: [String: String], caller: FakeCaller) throws -> FakeOrder {
        var order = try order(id, caller: caller)
        guard order.seller.lowercased() == caller.username?.lowercased() else { throw FakeDiscogsError.noPermission }
        let status = parameters["status"]
        let shipping = parameters["shipping"]
        if status != nil, shipping != nil { throw FakeDiscogsError.validation("status", "send either status or shipping, not both") }
        if let status {
            guard FakeOrder.statuses.contains(status) else {
                throw FakeDiscogsError.validation("status", "status must be one of: \(FakeOrder.statuses.joined(separator: ", "))")
            }
            order.status = status
        }
        if let shipping {
            guard let value = Double(shipping), value >= 0 else { throw FakeDiscogsError.validation("shipping", "shipping must be a number") }
            order.shipping = value
        }
        order.lastActivity = Int(now)
        data.orders[id] = order
        return order
    }

    func postOrderMessage(_ id: String, _ parameters: [String: String], caller: FakeCaller) throws -> FakeOrderMessage {
        var order = try order(id, caller: caller)
        let text = parameters["message"] ?? ""
        if let status = parameters["status"] {
            guard FakeOrder.statuses.contains(status) else { throw FakeDiscogsError.validation("status", "unknown order status") }
            order.status = status
        }
        guard !text.isEmpty || parameters["status"] != nil else { throw FakeDiscogsError.validation("message", "message or status is required") }
        order.lastActivity = Int(now)
        data.orders[id] = order
        let message = FakeOrderMessage(
            orderID: id,
            from: caller.username ?? "",
            subject: "Discogs Order #\(id)",
            message: text,
            type: parameters["status"] == nil ? "message" : "status",
            timestamp: Int(now)
        )
        data.messages[id, default: []].append(message)
        return message
    }
}
