import Hummingbird

/// Marketplace stats, suggestions, inventory, listings, fees, orders and messages (Discogs API documentation, "Marketplace").
extension FakeRoutes {
    func addMarketplace(to router: Router<FakeDiscogsContext>) {
        addMarketplacePrices(to: router)
        addListings(to: router)
        addOrders(to: router)
    }

    /// A release's marketplace statistics, the price suggestions and the fee calculator.
    private func addMarketplacePrices(to router: Router<FakeDiscogsContext>) {
        router.get("/marketplace/stats/:release") { request, context -> Response in
            let data = await state.data
            guard let release = data.releases[try context.intParameter("release")] else { throw FakeDiscogsError.releaseNotFound }
            let shown = context.caller.tier == .none ? "USD" : currency(request, context, data)
            let forSale = release.numForSale + data.listings.values.filter { $0.releaseID == release.id && $0.status == "For Sale" }.count
            let lowest = forSale > 0 ? release.lowestPriceUSD ?? release.medianPriceUSD * 0.62 : nil
            return FakeReply.json([
                "lowest_price": lowest.map { ["currency": .string(shown), "value": .double(FakeMoney.convert($0, to: shown))] } ?? .null,
                "num_for_sale": forSale > 0 ? .int(forSale) : .null, "blocked_from_sale": false,
            ])
        }
        router.get("/marketplace/price_suggestions/:release") { _, context -> Response in
            let data = await state.data
            guard context.caller.tier == .user, let username = context.caller.username, let user = data.user(username) else {
                throw FakeDiscogsError.mustAuthenticate
            }
            guard user.hasSellerSettings else { throw FakeDiscogsError(404, "You must fill out your seller settings first") }
            guard let release = data.releases[try context.intParameter("release")] else { throw FakeDiscogsError.releaseNotFound }
            let factors = [1.6, 1.35, 1.0, 0.72, 0.5, 0.36, 0.22, 0.12]
            let pairs = zip(FakeCondition.media, factors).map { condition, factor -> (String, FakeJSON) in
                (
                    condition,
                    ["currency": .string(user.currency), "value": .double(FakeMoney.convert(release.medianPriceUSD * factor, to: user.currency))]
                )
            }
            return FakeReply.json(.object(pairs))
        }
        router.get("/marketplace/fee/:price") { _, context -> Response in
            guard let price = Double(try context.stringParameter("price")) else { throw FakeDiscogsError.resourceNotFound }
            return FakeReply.json(["value": .double((price * 0.09 * 100).rounded() / 100), "currency": "USD"])
        }
        router.get("/marketplace/fee/:price/:currency") { _, context -> Response in
            guard let price = Double(try context.stringParameter("price")) else { throw FakeDiscogsError.resourceNotFound }
            return FakeReply.json([
                "value": .double((price * 0.09 * 100).rounded() / 100), "currency": .string(try context.stringParameter("currency").uppercased()),
            ])
        }
    }

    /// A user's inventory and creating, reading, editing and deleting listings.
    private func addListings(to router: Router<FakeDiscogsContext>) {
        router.get("/users/:username/inventory") { request, context -> Response in
            let r = await renderer(context)
            let username = try context.stringParameter("username")
            guard r.data.user(username) != nil else { throw FakeDiscogsError.unknownUser }
            let isOwner = context.caller.isOwner(username)
            let status = request.query("status") ?? (isOwner ? "All" : "For Sale")
            guard FakeListing.statuses.contains(status) else {
                throw FakeDiscogsError(422, "Invalid status: expected one of All, Deleted, Draft, Expired, For Sale, Sold, Suspended, Violation.")
            }
            var listings = r.data.inventory(of: username, status: isOwner ? status : "For Sale")
            listings = Self.sortListings(listings, data: r.data, sort: request.query("sort"), descending: request.query("sort_order") == "desc")
            let page = FakePagination(request: request, total: listings.count)
            let cap = await state.behaviour.foreignInventoryPageCap
            if !isOwner, page.page > cap { throw FakeDiscogsError(403, "Pagination above \(cap) disabled for inventories besides your own") }
            return page.response(key: "listings", items: try page.slice(listings).map { r.listing($0) }, request: request, context: context)
        }
        router.get("/marketplace/listings/:id") { request, context -> Response in
            let r = await renderer(context)
            guard let listing = r.data.listings[try context.intParameter("id")],
                listing.status == "For Sale" || context.caller.isOwner(listing.seller)
            else { throw FakeDiscogsError.resourceNotFound }
            let shown = request.query("curr_abbr").map { $0.uppercased() }.flatMap { FakeMoney.rates[$0] != nil ? $0 : nil }
            return FakeReply.json(r.listing(listing, currency: shown))
        }
        router.post("/marketplace/listings") { request, context -> Response in
            var request = request
            let listing = try await state.createListing(try await request.writeParameters(context: context), caller: context.caller)
            return FakeReply.json(
                ["listing_id": .int(listing.id), "resource_url": .string("\(context.baseURL)/marketplace/listings/\(listing.id)")],
                status: .created
            )
        }
        router.post("/marketplace/listings/:id") { request, context -> Response in
            var request = request
            try await state.editListing(try context.intParameter("id"), try await request.writeParameters(context: context), caller: context.caller)
            return FakeReply.noContent()
        }
        router.delete("/marketplace/listings/:id") { _, context -> Response in
            try await state.deleteListing(try context.intParameter("id"), caller: context.caller)
            return FakeReply.noContent()
        }
    }

    private func addOrders(to router: Router<FakeDiscogsContext>) {
        router.get("/marketplace/orders") { request, context -> Response in
            let r = await renderer(context)
            guard context.caller.tier == .user, let username = context.caller.username?.lowercased() else { throw FakeDiscogsError.mustAuthenticate }
            let status = request.query("status")
            var orders = r.data.orders.values.filter {
                $0.seller.lowercased() == username && (status == nil || status == "All" || $0.status == status)
            }
            orders.sort { $0.created == $1.created ? $0.id < $1.id : $0.created < $1.created }
            if request.query("sort_order") != "asc" { orders.reverse() }
            let page = FakePagination(request: request, total: orders.count)
            return page.response(key: "orders", items: try page.slice(orders).map(r.order), request: request, context: context)
        }
        router.get("/marketplace/orders/:id") { _, context -> Response in
            let order = try await state.order(try context.stringParameter("id"), caller: context.caller)
            return FakeReply.json(await renderer(context).order(order))
        }
        router.post("/marketplace/orders/:id") { request, context -> Response in
            var request = request
            let order = try await state.updateOrder(
                try context.stringParameter("id"),
                try await request.writeParameters(context: context),
                caller: context.caller
            )
            return FakeReply.json(await renderer(context).order(order))
        }
        router.get("/marketplace/orders/:id/messages") { request, context -> Response in
            let id = try context.stringParameter("id")
            _ = try await state.order(id, caller: context.caller)
            let r = await renderer(context)
            let messages = (r.data.messages[id] ?? []).reversed().map { $0 }
            let page = FakePagination(request: request, total: messages.count)
            return page.response(key: "messages", items: try page.slice(messages).map(r.message), request: request, context: context)
        }
        router.post("/marketplace/orders/:id/messages") { request, context -> Response in
            var request = request
            let message = try await state.postOrderMessage(
                try context.stringParameter("id"),
                try await request.writeParameters(context: context),
                caller: context.caller
            )
            return FakeReply.json(await renderer(context).message(message), status: .created)
        }
    }

    static func sortListings(_ listings: [FakeListing], data: FakeDiscogsData, sort: String?, descending: Bool) -> [FakeListing] {
        func key(_ listing: FakeListing) -> String {
            let release = data.releases[listing.releaseID]
            switch sort {
            case "price": return String(Int(listing.price * 100) + 100_000_000)
            case "item", "title": return release?.title.lowercased() ?? ""
            case "artist": return release?.artistsSort.lowercased() ?? ""
            case "label": return release?.labels.first?.name.lowercased() ?? ""
            case "catno": return release?.labels.first?.catno.lowercased() ?? ""
            case "status": return listing.status
            case "location": return listing.location
            default: return String(listing.posted + 10_000_000_000)
            }
        }
        let sorted = listings.stableSorted(by: key)
        return descending ? sorted.reversed() : sorted
    }
}
