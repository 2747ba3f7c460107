/// Profiles, collection items, folders, fields, wants and lists in the real shapes (Discogs API documentation, "User Identity" to "User Lists").
extension FakeRenderer {
    func profile(_ user: FakeUser) -> FakeJSON {
        let key = user.username.lowercased()
        let isOwner = context.caller.isOwner(user.username)
        let copies = data.instances[key]?.count ?? 0
        var pairs: [(String, FakeJSON)] = [
            ("id", .int(user.id)), ("username", .string(user.username)), ("name", .string(user.name)),
            ("resource_url", .string("\(base)/users/\(user.username)")), ("uri", .string("https://www.discogs.com/user/\(user.username)")),
            ("profile", .string(user.profile)), ("home_page", .string(user.homePage)), ("location", .string(user.location)),
            ("registered", .string(FakeDate.iso(user.registered))), ("rank", .double(user.rank)),
            ("num_pending", 0), ("num_for_sale", .int(data.inventory(of: user.username).count)),
            ("num_lists", .int(data.lists.values.filter { $0.owner.lowercased() == key && ($0.isPublic || isOwner) }.count)),
            ("releases_contributed", 0), ("releases_rated", .int(data.releaseRatings.values.filter { $0[key] != nil }.count)),
            ("rating_avg", 4.12), ("avatar_url", context.image("U", user.id, size: 150)), ("banner_url", context.image("B", user.id)),
            ("curr_abbr", .string(user.currency)),
            ("inventory_url", .string("\(base)/users/\(user.username)/inventory")),
            ("collection_folders_url", .string("\(base)/users/\(user.username)/collection/folders")),
            ("collection_fields_url", .string("\(base)/users/\(user.username)/collection/fields")),
            ("wantlist_url", .string("\(base)/users/\(user.username)/wants")),
            ("seller_num_ratings", 12), ("seller_rating", 100.0), ("seller_rating_stars", 5.0),
            ("buyer_num_ratings", 8), ("buyer_rating", 100.0), ("buyer_rating_stars", 5.0),
            ("activated", true), ("marketplace_suspended", false), ("is_staff", false),
        ]
        if isOwner || user.collectionIsPublic { pairs.append(("num_collection", .int(copies))) }
        if isOwner || user.wantlistIsPublic { pairs.append(("num_wantlist", .int(data.wants[key]?.count ?? 0))) }
        if isOwner {
            pairs.append(("email", .string(user.email)))
            pairs.append(("num_unread", .int(data.messages.values.flatMap { $0 }.filter { $0.from.lowercased() != key }.count > 0 ? 1 : 0)))
        }
        return .object(pairs)
    }

    func folder(_ folder: FakeFolder, count: Int, owner: String) -> FakeJSON {
        [
            "id": .int(folder.id), "name": .string(folder.name), "count": .int(count),
            "resource_url": .string("\(base)/users/\(owner)/collection/folders/\(folder.id)"),
        ]
    }

    func collectionItem(_ copy: FakeInstance, owner: String, fields: [FakeCollectionField]) -> FakeJSON {
        guard let release = data.releases[copy.releaseID] else { return .null }
        let isOwner = context.caller.isOwner(owner)
        let visible = Set(fields.filter { $0.isPublic || isOwner }.map(\.id))
        let notes: [FakeJSON] = copy.fieldValues.keys.sorted().filter { visible.contains($0) }.map {
            ["field_id": .int($0), "value": .string(copy.fieldValues[$0] ?? "")]
        }
        var pairs: [(String, FakeJSON)] = [
            ("id", .int(release.id)), ("instance_id", .int(copy.instanceID)), ("folder_id", .int(copy.folderID)),
            ("rating", .int(copy.rating)), ("date_added", .string(FakeDate.iso(copy.dateAdded))),
            ("basic_information", basicInformation(release)),
        ]
        if !notes.isEmpty { pairs.append(("notes", .array(notes))) }
        return .object(pairs)
    }

    func field(_ field: FakeCollectionField) -> FakeJSON {
        var pairs: [(String, FakeJSON)] = [("id", .int(field.id)), ("name", .string(field.name)), ("type", .string(field.type))]
        if field.type == "dropdown" { pairs.append(("options", field.options.json)) } else { pairs.append(("lines", .int(field.lines))) }
        pairs += [("position", .int(field.position)), ("public", .bool(field.isPublic))]
        return .object(pairs)
    }

    func want(_ want: FakeWant, owner: String) -> FakeJSON {
        guard let release = data.releases[want.releaseID] else { return .null }
        var pairs: [(String, FakeJSON)] = [
            ("id", .int(release.id)), ("rating", .int(want.rating)), ("date_added", .string(FakeDate.iso(want.dateAdded))),
            ("resource_url", .string("\(base)/users/\(owner)/wants/\(release.id)")), ("basic_information", basicInformation(release)),
        ]
        if context.caller.isOwner(owner) { pairs.insert(("notes", .string(want.notes)), at: 2) }
        return .object(pairs)
    }

    func listSummary(_ list: FakeUserList) -> FakeJSON {
        [
            "id": .int(list.id), "name": .string(list.name), "description": .string(list.description), "public": .bool(list.isPublic),
            "date_added": .string(FakeDate.iso(list.dateAdded)), "date_changed": .string(FakeDate.iso(list.dateChanged)),
            "uri": .string("https://www.discogs.com/lists/\(slug(list.name))/\(list.id)"), "resource_url": .string("\(base)/lists/\(list.id)"),
        ]
    }

    func list(_ list: FakeUserList) -> FakeJSON {
        let owner = data.user(list.owner)
        let items: [FakeJSON] = list.items.map { item in
            var title = "Unknown"
            var stats: FakeJSON? = nil
            var imageID = ("R", item.id)
            switch item.type {
            case "release":
                if let release = data.releases[item.id] {
                    title = release.displayTitle
                    stats = ["community": ["in_wantlist": .int(release.want), "in_collection": .int(release.have)]]
                }
            case "master":
                if let master = data.masters[item.id], let main = data.releases[master.mainReleaseID] {
                    title = "\(main.artistsSort) - \(master.title)"
                    imageID = ("R", master.mainReleaseID)
                    stats = ["community": ["in_wantlist": .int(main.want), "in_collection": .int(main.have)]]
                }
            case "artist":
                title = data.artists[item.id]?.name ?? title
                imageID = ("A", item.id)
            default:
                title = data.labels[item.id]?.name ?? title
                imageID = ("L", item.id)
            }
            var pairs: [(String, FakeJSON)] = [
                ("id", .int(item.id)), ("type", .string(item.type)), ("display_title", .string(title)), ("comment", .string(item.comment)),
                ("uri", .string("https://www.discogs.com/\(item.type)/\(item.id)-\(slug(title))")),
                ("resource_url", .string("\(base)/\(item.type)s/\(item.id)")), ("image_url", context.image(imageID.0, imageID.1)),
            ]
            if let stats { pairs.append(("stats", stats)) }
            return .object(pairs)
        }
        return listSummary(list)
            .setting("image_url", context.image("R", list.items.first?.id ?? list.id))
            .setting(
                "user",
                [
                    "id": .int(owner?.id ?? 0), "username": .string(owner?.username ?? list.owner),
                    "avatar_url": context.image("U", owner?.id ?? 0, size: 150),
                    "resource_url": .string("\(base)/users/\(owner?.username ?? list.owner)"),
                ]
            )
            .setting("items", .array(items))
    }
}
