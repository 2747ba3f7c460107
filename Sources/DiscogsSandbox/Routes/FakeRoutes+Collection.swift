import Hummingbird

/// Collection folders, items, fields and value (Discogs API documentation, "User Collection").
extension FakeRoutes {
    /// Folder 0 of a public collection is readable by anyone; everything else is owner-only.
    func requireCollectionAccess(_ username: String, folderID: Int, _ context: FakeDiscogsContext, _ data: FakeDiscogsData) throws -> FakeUser {
        guard let user = data.user(username) else { throw FakeDiscogsError.unknownUser }
        if context.caller.isOwner(username) || (folderID == 0 && user.collectionIsPublic) { return user }
        throw FakeDiscogsError.ownerOnly
    }

    func addCollection(to router: Router<FakeDiscogsContext>) {
        let base = "/users/:username/collection"
        addCollectionFolders(to: router, base: base)
        addCollectionReleases(to: router, base: base)
        addCollectionInstances(to: router, base: base)
        addCollectionFieldsAndValue(to: router, base: base)
    }

    /// Listing, reading, creating, renaming and deleting folders.
    func addCollectionFolders(to router: Router<FakeDiscogsContext>, base: String) {
        router.get("\(base)/folders") { _, context -> Response in
            let r = await renderer(context)
            let username = try context.stringParameter("username")
            let user = try requireCollectionAccess(username, folderID: 0, context, r.data)
            var folders = r.data.allFolders(of: user.username)
            if !context.caller.isOwner(username) { folders = folders.filter { $0.folder.id == 0 } }
            return FakeReply.json(["folders": .array(folders.map { r.folder($0.folder, count: $0.count, owner: user.username) })])
        }
        router.post("\(base)/folders") { request, context -> Response in
            var request = request
            let name = try await request.writeParameters(context: context)["name"] ?? ""
            let username = try context.stringParameter("username")
            let folder = try await state.createFolder(username: username, name: name, caller: context.caller)
            return FakeReply.json(await renderer(context).folder(folder, count: 0, owner: username), status: .created)
        }
        router.get("\(base)/folders/:folder") { _, context -> Response in
            let r = await renderer(context)
            let folderID = try context.intParameter("folder")
            let user = try requireCollectionAccess(try context.stringParameter("username"), folderID: folderID, context, r.data)
            guard let entry = r.data.allFolders(of: user.username).first(where: { $0.folder.id == folderID }) else {
                throw FakeDiscogsError(404, "Folder not found.")
            }
            return FakeReply.json(r.folder(entry.folder, count: entry.count, owner: user.username))
        }
        router.post("\(base)/folders/:folder") { request, context -> Response in
            var request = request
            let name = try await request.writeParameters(context: context)["name"] ?? ""
            let username = try context.stringParameter("username")
            let folder = try await state.renameFolder(
                username: username,
                folderID: try context.intParameter("folder"),
                name: name,
                caller: context.caller
            )
            let r = await renderer(context)
            let count = r.data.copies(of: username, inFolder: folder.id).count
            return FakeReply.json(r.folder(folder, count: count, owner: username))
        }
        router.delete("\(base)/folders/:folder") { _, context -> Response in
            try await state.deleteFolder(
                username: try context.stringParameter("username"),
                folderID: try context.intParameter("folder"),
                caller: context.caller
            )
            return FakeReply.noContent()
        }
    }

    /// A folder's releases, the copies of one release, and adding a release to a folder.
    func addCollectionReleases(to router: Router<FakeDiscogsContext>, base: String) {
        router.get("\(base)/folders/:folder/releases") { request, context -> Response in
            let r = await renderer(context)
            let folderID = try context.intParameter("folder")
            let user = try requireCollectionAccess(try context.stringParameter("username"), folderID: folderID, context, r.data)
            guard r.data.allFolders(of: user.username).contains(where: { $0.folder.id == folderID }) else {
                throw FakeDiscogsError(404, "Folder not found.")
            }
            let copies = FakeCollectionSort.sort(
                r.data.copies(of: user.username, inFolder: folderID),
                data: r.data,
                sort: request.query("sort"),
                descending: request.query("sort_order") == "desc"
            )
            let fields = r.data.fields[user.username.lowercased()] ?? FakeCollectionField.defaults
            let page = FakePagination(request: request, total: copies.count)
            return page.response(
                key: "releases",
                items: try page.slice(copies).map { r.collectionItem($0, owner: user.username, fields: fields) },
                request: request,
                context: context
            )
        }
        router.get("\(base)/releases/:release") { request, context -> Response in
            let r = await renderer(context)
            let releaseID = try context.intParameter("release")
            guard releaseID != 0 else { throw FakeDiscogsError.validation("release_id", "release_id must not be 0") }
            let user = try requireCollectionAccess(try context.stringParameter("username"), folderID: 0, context, r.data)
            let copies = r.data.copies(of: user.username, inFolder: 0).filter { $0.releaseID == releaseID }
            let fields = r.data.fields[user.username.lowercased()] ?? FakeCollectionField.defaults
            let page = FakePagination(request: request, total: copies.count)
            return page.response(
                key: "releases",
                items: try page.slice(copies).map { r.collectionItem($0, owner: user.username, fields: fields) },
                request: request,
                context: context
            )
        }
        router.post("\(base)/folders/:folder/releases/:release") { _, context -> Response in
            let username = try context.stringParameter("username")
            let copy = try await state.addToCollection(
                username: username,
                folderID: try context.intParameter("folder"),
                releaseID: try context.intParameter("release"),
                caller: context.caller
            )
            return FakeReply.json(
                [
                    "instance_id": .int(copy.instanceID),
                    "resource_url": .string(
                        "\(context.baseURL)/users/\(username)/collection/folders/\(copy.folderID)/releases/\(copy.releaseID)?instance_id=\(copy.instanceID)"
                    ),
                ],
                status: .created
            )
        }
    }

    /// Editing (rating, moving) and removing one copy, and setting its custom fields.
    func addCollectionInstances(to router: Router<FakeDiscogsContext>, base: String) {
        let instance = "\(base)/folders/:folder/releases/:release/instances/:instance"
        router.post(RouterPath(instance)) { request, context -> Response in
            var request = request
            let parameters = try await request.writeParameters(context: context)
            let rating = try parameters["rating"].map { value -> Int in
                guard let rating = Int(value) else { throw FakeDiscogsError.validation("rating", "rating must be an integer") }
                return rating
            }
            let destination = try parameters["folder_id"].map { value -> Int in
                guard let folder = Int(value) else { throw FakeDiscogsError(422, "Invalid folder_id: folder does not exist.") }
                return folder
            }
            try await state.editInstance(
                username: try context.stringParameter("username"),
                folderID: try context.intParameter("folder"),
                releaseID: try context.intParameter("release"),
                instanceID: try context.intParameter("instance"),
                rating: rating,
                destination: destination,
                caller: context.caller
            )
            return FakeReply.noContent()
        }
        router.delete(RouterPath(instance)) { _, context -> Response in
            try await state.removeInstance(
                username: try context.stringParameter("username"),
                folderID: try context.intParameter("folder"),
                releaseID: try context.intParameter("release"),
                instanceID: try context.intParameter("instance"),
                caller: context.caller
            )
            return FakeReply.noContent()
        }
        router.post(RouterPath("\(instance)/fields/:field")) { request, context -> Response in
            var request = request
            let value = try await request.writeParameters(context: context)["value"] ?? ""
            try await state.setField(
                username: try context.stringParameter("username"),
                folderID: try context.intParameter("folder"),
                releaseID: try context.intParameter("release"),
                instanceID: try context.intParameter("instance"),
                fieldID: try context.intParameter("field"),
                value: value,
                caller: context.caller
            )
            return FakeReply.noContent()
        }
    }

    /// The custom field definitions and the collection's value.
    func addCollectionFieldsAndValue(to router: Router<FakeDiscogsContext>, base: String) {
        router.get("\(base)/fields") { _, context -> Response in
            let r = await renderer(context)
            let username = try context.stringParameter("username")
            guard let user = r.data.user(username) else { throw FakeDiscogsError.unknownUser }
            let fields = (r.data.fields[user.username.lowercased()] ?? FakeCollectionField.defaults).filter {
                $0.isPublic || context.caller.isOwner(username)
            }
            return FakeReply.json(["fields": .array(fields.map(r.field))])
        }
        router.get("\(base)/value") { _, context -> Response in
            let data = await state.data
            let user = try requireOwner(try context.stringParameter("username"), context, data)
            let total = data.copies(of: user.username, inFolder: 0).reduce(0.0) { $0 + (data.releases[$1.releaseID]?.medianPriceUSD ?? 0) }
            let money = { (factor: Double) in
                FakeJSON.string(FakeMoney.format(FakeMoney.convert(total * factor, to: user.currency), currency: user.currency))
            }
            return FakeReply.json(["maximum": money(1.85), "median": money(1.0), "minimum": money(0.55)])
        }
    }
}
