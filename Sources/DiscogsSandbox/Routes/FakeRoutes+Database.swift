import Hummingbird

/// Releases, masters, artists, labels and their sub-resources (Discogs API documentation, "Database").
extension FakeRoutes {
    func addDatabase(to router: Router<FakeDiscogsContext>) {
        addReleases(to: router)
        addMastersArtistsLabels(to: router)
    }

    /// A release, its statistics and its community and per-user ratings.
    func addReleases(to router: Router<FakeDiscogsContext>) {
        router.get("/releases/:id") { request, context -> Response in
            let r = await renderer(context)
            guard let release = r.data.releases[try context.intParameter("id")] else { throw FakeDiscogsError.releaseNotFound }
            return FakeReply.json(r.release(release, currency: currency(request, context, r.data)))
        }
        router.get("/releases/:id/stats") { _, context -> Response in
            let data = await state.data
            guard let release = data.releases[try context.intParameter("id")] else { throw FakeDiscogsError.releaseNotFound }
            return FakeReply.json(["num_have": .int(release.have), "num_want": .int(release.want)])
        }
        router.get("/releases/:id/rating") { _, context -> Response in
            let data = await state.data
            guard let release = data.releases[try context.intParameter("id")] else { throw Self.ratingMissing }
            return FakeReply.json([
                "rating": ["count": .int(release.ratingCount), "average": .double(release.ratingAverage)], "release_id": .int(release.id),
            ])
        }
        router.get("/releases/:id/rating/:username") { _, context -> Response in
            let data = await state.data
            let id = try context.intParameter("id")
            let username = try context.stringParameter("username")
            guard data.releases[id] != nil else { throw Self.ratingMissing }
            guard let user = data.user(username) else { throw FakeDiscogsError.unknownUser }
            let rating = data.releaseRatings[id]?[username.lowercased()] ?? 0
            return FakeReply.json(["username": .string(user.username), "release_id": .int(id), "rating": .int(rating)])
        }
        router.put("/releases/:id/rating/:username") { request, context -> Response in
            var request = request
            let parameters = try await request.writeParameters(context: context)
            let id = try context.intParameter("id")
            let username = try context.stringParameter("username")
            guard let rating = parameters["rating"].flatMap({ Int($0) }), (1...5).contains(rating) else {
                throw FakeDiscogsError.validation("rating", "rating must be an integer from 1 to 5")
            }
            let user = try await state.setReleaseRating(id: id, username: username, rating: rating, caller: context.caller)
            return FakeReply.json(["username": .string(user.username), "release_id": .int(id), "rating": .int(rating)])
        }
        router.delete("/releases/:id/rating/:username") { _, context -> Response in
            _ = try await state.setReleaseRating(
                id: try context.intParameter("id"),
                username: try context.stringParameter("username"),
                rating: 0,
                caller: context.caller
            )
            return FakeReply.noContent()
        }
    }

    /// Masters and their versions, artists, labels and their releases, and the database search.
    func addMastersArtistsLabels(to router: Router<FakeDiscogsContext>) {
        router.get("/masters/:id") { request, context -> Response in
            let r = await renderer(context)
            guard let master = r.data.masters[try context.intParameter("id")] else { throw FakeDiscogsError(404, "Master Release not found.") }
            return FakeReply.json(r.master(master, currency: currency(request, context, r.data)))
        }
        router.get("/masters/:id/versions") { request, context -> Response in
            let r = await renderer(context)
            guard let master = r.data.masters[try context.intParameter("id")] else { throw FakeDiscogsError(404, "Master Release not found.") }
            let (versions, extra) = r.versions(master, request: request)
            let page = FakePagination(request: request, total: versions.count)
            return page.response(key: "versions", items: Array(try page.slice(versions)), extra: extra, request: request, context: context)
        }
        router.get("/artists/:id") { _, context -> Response in
            let r = await renderer(context)
            guard let artist = r.data.artists[try context.intParameter("id")] else { throw FakeDiscogsError(404, "Artist not found.") }
            return FakeReply.json(r.artist(artist))
        }
        router.get("/artists/:id/releases") { request, context -> Response in
            let r = await renderer(context)
            guard let artist = r.data.artists[try context.intParameter("id")] else { throw FakeDiscogsError(404, "Artist not found.") }
            let items = r.artistReleases(artist, sort: request.query("sort"), descending: request.query("sort_order") == "desc")
            let page = FakePagination(request: request, total: items.count)
            return page.response(key: "releases", items: Array(try page.slice(items)), request: request, context: context)
        }
        router.get("/labels/:id") { _, context -> Response in
            let r = await renderer(context)
            guard let label = r.data.labels[try context.intParameter("id")] else { throw FakeDiscogsError(404, "Label not found.") }
            return FakeReply.json(r.label(label))
        }
        router.get("/labels/:id/releases") { request, context -> Response in
            let r = await renderer(context)
            guard let label = r.data.labels[try context.intParameter("id")] else { throw FakeDiscogsError(404, "Label not found.") }
            let items = r.labelReleases(label)
            let page = FakePagination(request: request, total: items.count)
            return page.response(key: "releases", items: Array(try page.slice(items)), request: request, context: context)
        }
        router.get("/database/search") { request, context -> Response in
            try requireAuthenticated(context)
            let r = await renderer(context)
            let results = FakeSearch(data: r.data, request: request).run()
            let page = FakePagination(request: request, total: results.count)
            return page.response(key: "results", items: try page.slice(results).map { r.searchResult($0) }, request: request, context: context)
        }
    }

    static let ratingMissing = FakeDiscogsError(404, "Release does not exist or may have been deleted.")
}
