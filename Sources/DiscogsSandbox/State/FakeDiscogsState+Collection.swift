import Foundation

/// Collection, wantlist and rating writes (Discogs API documentation, "User Collection", "User Wantlist"), with Discogs' rules and errors.
extension FakeDiscogsState {
    /// Checks that the caller may write `username`'s data and returns the normalized key.
    func ownerKey(_ username: String, _ caller: FakeCaller) throws -> String {
        guard data.user(username) != nil else { throw FakeDiscogsError.unknownUser }
        guard caller.isOwner(username) else {
            throw caller.tier == .none ? FakeDiscogsError.mustAuthenticate : FakeDiscogsError.noPermission
        }
        return username.lowercased()
    }

    func setReleaseRating(id: Int, username: String, rating: Int, caller: FakeCaller) throws -> FakeUser {
        guard data.releases[id] != nil else { throw FakeDiscogsError(404, "Release does not exist or may have been deleted.") }
        let key = try ownerKey(username, caller)
        data.releaseRatings[id, default: [:]][key] = rating == 0 ? nil : rating
        return data.users[key] ?? FakeUser(id: 0, username: username)
    }

    func createFolder(username: String, name: String, caller: FakeCaller) throws -> FakeFolder {
        let key = try ownerKey(username, caller)
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw FakeDiscogsError.validation("name", "name must not be empty") }
        let folder = FakeFolder(id: data.nextFolderID, name: name)
        data.nextFolderID += 1
        data.folders[key, default: []].append(folder)
        return folder
    }

    func renameFolder(username: String, folderID: Int, name: String, caller: FakeCaller) throws -> FakeFolder {
        let key = try ownerKey(username, caller)
        guard folderID > 1 else { throw FakeDiscogsError(400, "You cannot rename the \"All\" or \"Uncategorized\" folders.") }
        guard let index = data.folders[key]?.firstIndex(where: { $0.id == folderID }) else { throw FakeDiscogsError(404, "Folder not found.") }
        data.folders[key]?[index].name = name
        return FakeFolder(id: folderID, name: name)
    }

    func deleteFolder(username: String, folderID: Int, caller: FakeCaller) throws {
        let key = try ownerKey(username, caller)
        guard folderID > 1 else { throw FakeDiscogsError(400, "You cannot delete the \"All\" or \"Uncategorized\" folders.") }
        guard data.folders[key]?.contains(where: { $0.id == folderID }) == true else { throw FakeDiscogsError(404, "Folder not found.") }
        guard !(data.instances[key] ?? []).contains(where: { $0.folderID == folderID }) else {
            throw FakeDiscogsError(400, "Cannot delete a folder that contains releases.")
        }
        data.folders[key]?.removeAll { $0.id == folderID }
    }

    private func folderExists(_ key: String, _ folderID: Int) -> Bool {
        folderID == 0 || folderID == 1 || data.folders[key]?.contains { $0.id == folderID } == true
    }

    /// Adds a copy; every call makes a new instance, as Discogs allows duplicates.
    func addToCollection(username: String, folderID: Int, releaseID: Int, caller: FakeCaller) throws -> FakeInstance {
        let key = try ownerKey(username, caller)
        guard folderID != 0 else { throw FakeDiscogsError(400, "You cannot add releases to the \"All\" folder.") }
        guard folderExists(key, folderID) else { throw FakeDiscogsError(422, "Invalid folder_id: folder does not exist.") }
        guard data.releases[releaseID] != nil else { throw FakeDiscogsError.releaseNotFound }
        let instance = FakeInstance(instanceID: data.nextInstanceID, releaseID: releaseID, folderID: folderID, rating: 0, dateAdded: Int(now))
        data.nextInstanceID += 1
        data.instances[key, default: []].append(instance)
        return instance
    }

    private func instanceIndex(_ key: String, folderID: Int, releaseID: Int, instanceID: Int) throws -> Int {
        guard
            let index = data.instances[key]?.firstIndex(where: {
                $0.instanceID == instanceID && $0.releaseID == releaseID && (folderID == 0 || $0.folderID == folderID)
            })
        else { throw FakeDiscogsError.missingCollectionItem }
        return index
    }

    /// Rates and/or moves a copy (204 in the API).
    func editInstance(username: String, folderID: Int, releaseID: Int, instanceID: Int, rating: Int?, destination: Int?, caller: FakeCaller) throws {
        let key = try ownerKey(username, caller)
        let index = try instanceIndex(key, folderID: folderID, releaseID: releaseID, instanceID: instanceID)
        if let rating {
            guard (0...5).contains(rating) else { throw FakeDiscogsError.validation("rating", "rating must be between 0 and 5") }
        }
        if let destination {
            guard destination != 0, folderExists(key, destination) else { throw FakeDiscogsError(422, "Invalid folder_id: folder does not exist.") }
        }
        if let rating {
            data.instances[key]?[index].rating = rating
            // Discogs keeps one rating per user and release: rating a copy is rating the release.
            data.releaseRatings[releaseID, default: [:]][key] = rating == 0 ? nil : rating
        }
        if let destination { data.instances[key]?[index].folderID = destination }
    }

    func removeInstance(username: String, folderID: Int, releaseID: Int, instanceID: Int, caller: FakeCaller) throws {
        let key = try ownerKey(username, caller)
        let index = try instanceIndex(key, folderID: folderID, releaseID: releaseID, instanceID: instanceID)
        data.instances[key]?.remove(at: index)
    }

    func setField(username: String, folderID: Int, releaseID: Int, instanceID: Int, fieldID: Int, value: String, caller: FakeCaller) throws {
        let key = try ownerKey(username, caller)
        guard let index = data.instances[key]?.firstIndex(where: { $0.instanceID == instanceID && $0.releaseID == releaseID }) else {
            throw FakeDiscogsError(404, "Release not found in user's collection.")
        }
        guard let field = (data.fields[key] ?? FakeCollectionField.defaults).first(where: { $0.id == fieldID }) else {
            throw FakeDiscogsError(404, "Field not found.")
        }
        if field.type == "dropdown", !value.isEmpty, !field.options.contains(value) {
            throw FakeDiscogsError.validation("value", "value must be one of: \(field.options.joined(separator: ", "))")
        }
        data.instances[key]?[index].fieldValues[fieldID] = value.isEmpty ? nil : value
        _ = folderID
    }

    /// Adds or updates a want (PUT is idempotent and answers 201 either way).
    func putWant(username: String, releaseID: Int, notes: String?, rating: Int?, caller: FakeCaller) throws -> FakeWant {
        let key = try ownerKey(username, caller)
        guard data.releases[releaseID] != nil else { throw FakeDiscogsError.releaseNotFound }
        if let rating, !(0...5).contains(rating) { throw FakeDiscogsError.validation("rating", "rating must be between 0 and 5") }
        var wants = data.wants[key] ?? []
        if let index = wants.firstIndex(where: { $0.releaseID == releaseID }) {
            if let notes { wants[index].notes = notes }
            if let rating { wants[index].rating = rating }
            data.wants[key] = wants
            return wants[index]
        }
        let want = FakeWant(releaseID: releaseID, rating: rating ?? 0, notes: notes ?? "", dateAdded: Int(now))
        wants.append(want)
        data.wants[key] = wants
        return want
    }

    /// Edits an existing want (POST); a release not in the wantlist is 404.
    func editWant(username: String, releaseID: Int, notes: String?, rating: Int?, caller: FakeCaller) throws -> FakeWant {
        let key = try ownerKey(username, caller)
        guard data.wants[key]?.contains(where: { $0.releaseID == releaseID }) == true else { throw FakeDiscogsError.resourceNotFound }
        return try putWant(username: username, releaseID: releaseID, notes: notes, rating: rating, caller: caller)
    }

    /// Removes a want; removing one that is not there also succeeds.
    func deleteWant(username: String, releaseID: Int, caller: FakeCaller) throws {
        let key = try ownerKey(username, caller)
        data.wants[key]?.removeAll { $0.releaseID == releaseID }
    }

    func editProfile(username: String, changes: [String: String], caller: FakeCaller) throws -> FakeUser {
        let key = try ownerKey(username, caller)
        guard var user = data.users[key] else { throw FakeDiscogsError.unknownUser }
        if let name = changes["name"] { user.name = name }
        if let homePage = changes["home_page"] { user.homePage = homePage }
        if let location = changes["location"] { user.location = location }
        if let profile = changes["profile"] { user.profile = profile }
        if let currency = changes["curr_abbr"]?.uppercased() {
            guard FakeMoney.rates[currency] != nil else { throw FakeDiscogsError.validation("curr_abbr", "unsupported currency") }
            user.currency = currency
        }
        data.users[key] = user
        return user
    }
}
