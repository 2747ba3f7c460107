/// Fills a user's collection, wantlist, lists and marketplace from a generated catalog.
struct SampleCollectionBuilder {
    var random: SeededRandom
    var data: FakeDiscogsData

    /// Copies across folders chosen mostly by genre, dated over the past years, some rated and annotated.
    mutating func fillCollection(username: String, size: Int, releases: [FakeRelease]) {
        let key = username.lowercased()
        guard size > 0, !releases.isEmpty else { return }
        let folderNames = ["Jazz Shelf", "Electronic 12s", "Rock & Pop", "Favourites", "To Sell"]
        var folders: [FakeFolder] = []
        for name in folderNames {
            folders.append(FakeFolder(id: data.nextFolderID, name: name))
            data.nextFolderID += 1
        }
        data.folders[key] = folders
        let byGenre: [String: Int] = ["Jazz": folders[0].id, "Electronic": folders[1].id, "Rock": folders[2].id, "Pop": folders[2].id]
        var copies: [FakeInstance] = []
        copies.reserveCapacity(size)
        let start = SampleCatalogGenerator.epoch - 8 * 365 * 86_400
        let step = max(1, (8 * 365 * 86_400) / size)
        var ratings = data.releaseRatings
        for index in 0..<size {
            // About 2% duplicates: collectors own a second copy of some records.
            let release =
                index > 10 && random.chance(0.02)
                ? data.releases[copies[random.int(0...(copies.count - 1))].releaseID] ?? releases[index % releases.count]
                : releases[index % releases.count]
            var folderID = 1
            if random.chance(0.85), let genreFolder = byGenre[release.genres.first ?? ""] { folderID = genreFolder }
            if random.chance(0.06) { folderID = folders[3].id }
            if random.chance(0.03) { folderID = folders[4].id }
            var copy = FakeInstance(
                instanceID: data.nextInstanceID,
                releaseID: release.id,
                folderID: folderID,
                rating: random.chance(0.35) ? random.int(1...5) : 0,
                dateAdded: start + index * step + random.int(0...(step / 2))
            )
            data.nextInstanceID += random.int(1...3)
            if random.chance(0.4) { copy.fieldValues[1] = random.pick(Array(FakeCondition.media.prefix(5))) }
            if random.chance(0.3) { copy.fieldValues[2] = random.pick(Array(FakeCondition.sleeve.prefix(5))) }
            if random.chance(0.1) { copy.fieldValues[3] = random.pick(SampleVocabulary.noteTexts) }
            if copy.rating > 0 { ratings[release.id, default: [:]][key] = copy.rating }
            copies.append(copy)
        }
        data.releaseRatings = ratings
        data.instances[key] = copies
    }

    /// Wants from releases the user does not own.
    mutating func fillWantlist(username: String, size: Int, releases: [FakeRelease]) {
        let key = username.lowercased()
        let owned = Set((data.instances[key] ?? []).map(\.releaseID))
        let candidates = releases.filter { !owned.contains($0.id) }
        var wants: [FakeWant] = []
        for (index, release) in candidates.suffix(size).enumerated() {
            wants.append(
                FakeWant(
                    releaseID: release.id,
                    rating: random.chance(0.2) ? random.int(3...5) : 0,
                    notes: random.chance(0.25) ? random.pick(["Original pressing only", "Looking for NM", "Any copy", "Birthday idea"]) : "",
                    dateAdded: SampleCatalogGenerator.epoch - (size - index) * 86_400 * 3
                )
            )
        }
        data.wants[key] = wants
    }

    mutating func addLists(username: String) {
        let owned = (data.instances[username.lowercased()] ?? []).map(\.releaseID)
        guard !owned.isEmpty else { return }
        var items: [FakeUserList.Item] = owned.prefix(6).map {
            .init(type: "release", id: $0, comment: random.pick(["An essential", "Play this loud", "Late-night listening", ""]))
        }
        if let master = data.releases[owned[0]]?.masterID { items.append(.init(type: "master", id: master, comment: "Every pressing is worth it")) }
        if let artist = data.releases[owned[0]]?.artists.first?.artistID { items.append(.init(type: "artist", id: artist, comment: "Start here")) }
        if let label = data.releases[owned[0]]?.labels.first?.labelID { items.append(.init(type: "label", id: label, comment: "A label to follow")) }
        let now = SampleCatalogGenerator.epoch
        data.lists[900_001] = FakeUserList(
            id: 900_001,
            owner: username,
            name: "Desert Island Records",
            description: "What I would save from a flood.",
            isPublic: true,
            dateAdded: now - 400 * 86_400,
            dateChanged: now - 20 * 86_400,
            items: items
        )
        data.lists[900_002] = FakeUserList(
            id: 900_002,
            owner: username,
            name: "Gift Ideas",
            description: "Private notes for presents.",
            isPublic: false,
            dateAdded: now - 90 * 86_400,
            dateChanged: now - 2 * 86_400,
            items: Array(items.suffix(3))
        )
    }

    /// Inventory of the seller (mostly For Sale), a few foreign listings, and one paid order with messages.
    mutating func addMarketplace(seller: String, buyer: String, currency: String) {
        let sold = addInventory(seller: seller, currency: currency)
        addForeignListings(of: buyer)
        addPaidOrder(seller: seller, buyer: buyer, listingIDs: sold, currency: currency)
    }

    /// Up to 18 listings of the seller's own copies: 15 For Sale, 2 Draft, 1 Sold. Returns the sold ids.
    mutating func addInventory(seller: String, currency: String) -> [Int] {
        let owned = data.instances[seller.lowercased()] ?? []
        var sold: [Int] = []
        for (index, copy) in owned.prefix(18).enumerated() {
            let status = index < 15 ? "For Sale" : index < 17 ? "Draft" : "Sold"
            let median = data.releases[copy.releaseID]?.medianPriceUSD ?? 10
            let listing = FakeListing(
                id: data.nextListingID,
                releaseID: copy.releaseID,
                seller: seller,
                status: status,
                price: (median * Double(random.int(80...140)) / 100 * 100).rounded() / 100,
                currency: currency,
                condition: random.pick(Array(FakeCondition.media.prefix(4))),
                sleeveCondition: random.pick(Array(FakeCondition.sleeve.prefix(4))),
                comments: random.pick(["Plays perfectly.", "Light marks, no effect on play.", "Shrink-wrapped.", ""]),
                allowOffers: random.chance(0.5),
                location: "Shelf \(random.int(1...9))",
                posted: SampleCatalogGenerator.epoch - random.int(1...200) * 86_400,
                shipsFrom: "United States"
            )
            data.nextListingID += 1
            data.listings[listing.id] = listing
            if status == "Sold" { sold.append(listing.id) }
        }
        return sold
    }

    /// A few listings by another user, so marketplace searches see more than one seller.
    mutating func addForeignListings(of buyer: String) {
        for copy in (data.instances[buyer.lowercased()] ?? []).prefix(5) {
            let listing = FakeListing(
                id: data.nextListingID,
                releaseID: copy.releaseID,
                seller: buyer,
                status: "For Sale",
                price: Double(random.int(800...4_000)) / 100,
                currency: "GBP",
                condition: "Very Good Plus (VG+)",
                sleeveCondition: "Very Good (VG)",
                comments: "",
                allowOffers: false,
                posted: SampleCatalogGenerator.epoch - random.int(1...100) * 86_400,
                shipsFrom: "United Kingdom"
            )
            data.nextListingID += 1
            data.listings[listing.id] = listing
        }
    }

    /// One paid order of the sold listings, with a message from each side.
    mutating func addPaidOrder(seller: String, buyer: String, listingIDs sold: [Int], currency: String) {
        guard !sold.isEmpty else { return }
        let sellerID = data.user(seller)?.id ?? 1
        let orderID = "\(sellerID)-\(data.nextOrderNumber)"
        data.nextOrderNumber += 1
        let created = SampleCatalogGenerator.epoch - 3 * 86_400
        data.orders[orderID] = FakeOrder(
            id: orderID,
            seller: seller,
            buyer: buyer,
            status: "Payment Received",
            listingIDs: sold,
            shipping: 6.5,
            currency: currency,
            created: created,
            lastActivity: created + 3_600,
            shippingAddress: "Crate Digger\n1 Vinyl Lane\nLeeds LS1 1AA\nUnited Kingdom"
        )
        data.messages[orderID] = [
            FakeOrderMessage(
                orderID: orderID,
                from: buyer,
                subject: "Discogs Order #\(orderID)",
                message: "Hi! Could you ship this in a sturdy mailer?",
                type: "message",
                timestamp: created + 600
            ),
            FakeOrderMessage(
                orderID: orderID,
                from: seller,
                subject: "Discogs Order #\(orderID)",
                message: "Of course, it goes out tomorrow.",
                type: "message",
                timestamp: created + 3_600
            ),
        ]
    }
}
