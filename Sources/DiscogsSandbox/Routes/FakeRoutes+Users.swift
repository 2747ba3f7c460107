import Hummingbird

/// Profiles, wantlists and lists (Discogs API documentation, "User Identity", "User Wantlist", "User Lists").
extension FakeRoutes {
    func addUsers(to router: Router<FakeDiscogsContext>) {
        router.get("/users/:username") { _, context -> Response in
            let r = await renderer(context)
            guard let user = r.data.user(try context.stringParameter("username")) else { throw FakeDiscogsError.unknownUser }
            return FakeReply.json(r.profile(user))
        }
        router.post("/users/:username") { request, context -> Response in
            var request = request
            let changes = try await request.writeParameters(context: context)
            let user = try await state.editProfile(username: try context.stringParameter("username"), changes: changes, caller: context.caller)
            return FakeReply.json(await renderer(context).profile(user))
        }
        for kind in ["submissions", "contributions"] {
            router.get("/users/:username/\(kind)") { request, context -> Response in
                let data = await state.data
                guard data.user(try context.stringParameter("username")) != nil else { throw FakeDiscogsError.unknownUser }
                let page = FakePagination(request: request, total: 0)
                return page.response(key: kind, items: [], request: request, context: context)
            }
        }
    }

    func addWantlist(to router: Router<FakeDiscogsContext>) {
        router.get("/users/:username/wants") { request, context -> Response in
            let r = await renderer(context)
            let username = try context.stringParameter("username")
            guard let user = r.data.user(username) else { throw FakeDiscogsError.unknownUser }
            if !user.wantlistIsPublic { _ = try requireOwner(username, context, r.data) }
            var wants = r.data.wants[user.username.lowercased()] ?? []
            wants = Self.sortWants(wants, data: r.data, sort: request.query("sort"), descending: request.query("sort_order") == "desc")
            let page = FakePagination(request: request, total: wants.count)
            return page.response(
                key: "wants",
                items: try page.slice(wants).map { r.want($0, owner: user.username) },
                request: request,
                context: context
            )
        }
        router.put("/users/:username/wants/:release") { request, context -> Response in
            var request = request
            let parameters = try await request.writeParameters(context: context)
            let username = try context.stringParameter("username")
            let want = try await state.putWant(
                username: username,
                releaseID: try context.intParameter("release"),
                notes: parameters["notes"],
                rating: parameters["rating"].flatMap { Int($0) },
                caller: context.caller
            )
            return FakeReply.json(await renderer(context).want(want, owner: username), status: .created)
        }
        router.post("/users/:username/wants/:release") { request, context -> Response in
            var request = request
            let parameters = try await request.writeParameters(context: context)
            let username = try context.stringParameter("username")
            let want = try await state.editWant(
                username: username,
                releaseID: try context.intParameter("release"),
                notes: parameters["notes"],
                rating: parameters["rating"].flatMap { Int($0) },
                caller: context.caller
            )
            return FakeReply.json(await renderer(context).want(want, owner: username))
        }
        router.delete("/users/:username/wants/:release") { _, context -> Response in
            try await state.deleteWant(
                username: try context.stringParameter("username"),
                releaseID: try context.intParameter("release"),
                caller: context.caller
            )
            return FakeReply.noContent()
        }
    }

    static func sortWants(_ wants: [FakeWant], data: FakeDiscogsData, sort: String?, descending: Bool) -> [FakeWant] {
        func key(_ want: FakeWant) -> String {
            let release = data.releases[want.releaseID]
            switch sort {
            case "artist": return release?.artistsSort.lowercased() ?? ""
            case "title": return release?.title.lowercased() ?? ""
            case "label": return release?.labels.first?.name.lowercased() ?? ""
            case "year": return String(release?.year ?? 0)
            case "rating": return String(want.rating)
            default:
                let digits = String(want.dateAdded)
                return String(repeating: "0", count: max(0, 12 - digits.count)) + digits
            }
        }
        let sorted = wants.stableSorted(by: key)
        return descending ? sorted.reversed() : sorted
    }

    func addLists(to router: Router<FakeDiscogsContext>) {
        router.get("/users/:username/lists") { request, context -> Response in
            let r = await renderer(context)
            let username = try context.stringParameter("username")
            guard r.data.user(username) != nil else { throw FakeDiscogsError.unknownUser }
            let isOwner = context.caller.isOwner(username)
            let lists = r.data.lists.values.filter { $0.owner.lowercased() == username.lowercased() && ($0.isPublic || isOwner) }.sorted {
                $0.id < $1.id
            }
            let page = FakePagination(request: request, total: lists.count)
            return page.response(key: "lists", items: try page.slice(lists).map(r.listSummary), request: request, context: context)
        }
        router.get("/lists/:id") { _, context -> Response in
            let r = await renderer(context)
            guard let list = r.data.lists[try context.intParameter("id")], list.isPublic || context.caller.isOwner(list.owner) else {
                throw FakeDiscogsError(404, "List not found")
            }
            return FakeReply.json(r.list(list))
        }
    }
}
