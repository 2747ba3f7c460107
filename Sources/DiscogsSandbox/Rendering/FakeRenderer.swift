/// Renders catalog entities in the real API's JSON shapes (Discogs API documentation, "Database").
struct FakeRenderer {
    let context: FakeDiscogsContext
    let data: FakeDiscogsData

    var base: String { context.baseURL }

    func credit(_ credit: FakeRelease.Credit, thumbnail: Bool = false) -> FakeJSON {
        var json: FakeJSON = [
            "name": .string(credit.name), "anv": .string(credit.anv), "join": .string(credit.join),
            "role": .string(credit.role), "tracks": .string(credit.tracks), "id": .int(credit.artistID),
            "resource_url": .string("\(base)/artists/\(credit.artistID)"),
        ]
        if thumbnail { json = json.setting("thumbnail_url", context.image("A", credit.artistID, size: 150)) }
        return json
    }

    func label(_ label: FakeRelease.LabelCredit) -> FakeJSON {
        [
            "name": .string(label.name), "catno": .string(label.catno), "entity_type": "1", "entity_type_name": "Label",
            "id": .int(label.labelID), "resource_url": .string("\(base)/labels/\(label.labelID)"),
        ]
    }

    func format(_ format: FakeRelease.Format) -> FakeJSON {
        var json: FakeJSON = ["name": .string(format.name), "qty": .string(String(format.qty)), "descriptions": format.descriptions.json]
        if !format.text.isEmpty { json = json.setting("text", .string(format.text)) }
        return json
    }

    func images(_ kind: String, _ id: Int) -> FakeJSON {
        [
            [
                "type": "primary", "uri": context.image(kind, id), "resource_url": context.image(kind, id),
                "uri150": context.image(kind, id, size: 150), "width": 600, "height": 600,
            ]
        ]
    }

    func slug(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    /// The `basic_information` block of collection and wantlist items.
    func basicInformation(_ release: FakeRelease) -> FakeJSON {
        [
            "id": .int(release.id), "master_id": .int(release.masterID ?? 0),
            "master_url": release.masterID.map { .string("\(base)/masters/\($0)") } ?? .null,
            "resource_url": .string("\(base)/releases/\(release.id)"),
            "thumb": context.image("R", release.id, size: 150), "cover_image": context.image("R", release.id),
            "title": .string(release.title), "year": .int(release.year),
            "formats": .array(release.formats.map(format)), "labels": .array(release.labels.map(label)),
            "artists": .array(release.artists.map { credit($0) }),
            "genres": release.genres.json, "styles": release.styles.json,
        ]
    }

    /// The full `/releases/{id}` body.
    func release(_ release: FakeRelease, currency: String) -> FakeJSON {
        var pairs: [(String, FakeJSON)] = [
            ("id", .int(release.id)), ("status", "Accepted"), ("year", .int(release.year)),
            ("resource_url", .string("\(base)/releases/\(release.id)")),
            ("uri", .string("https://www.discogs.com/release/\(release.id)-\(slug(release.displayTitle))")),
            ("artists", .array(release.artists.map { credit($0, thumbnail: true) })), ("artists_sort", .string(release.artistsSort)),
            ("labels", .array(release.labels.map(label))), ("series", []), ("companies", []),
            ("formats", .array(release.formats.map(format))), ("data_quality", .string(release.dataQuality)),
            (
                "community",
                [
                    "have": .int(release.have), "want": .int(release.want),
                    "rating": ["count": .int(release.ratingCount), "average": .double(release.ratingAverage)],
                    "submitter": ["username": "sandbox-submitter", "resource_url": .string("\(base)/users/sandbox-submitter")],
                    "data_quality": .string(release.dataQuality), "status": "Accepted",
                ]
            ),
            ("format_quantity", .int(release.formats.reduce(0) { $0 + $1.qty })),
            ("date_added", .string(FakeDate.iso(release.dateAdded))), ("date_changed", .string(FakeDate.iso(release.dateAdded + 86_400 * 30))),
            ("num_for_sale", .int(release.numForSale)),
            ("lowest_price", release.lowestPriceUSD.map { .double(FakeMoney.convert($0, to: currency)) } ?? .null),
        ]
        if let masterID = release.masterID {
            pairs += [("master_id", .int(masterID)), ("master_url", .string("\(base)/masters/\(masterID)"))]
        }
        pairs += [
            ("title", .string(release.title)), ("country", .string(release.country)), ("released", .string(release.released)),
            ("notes", .string(release.notes)), ("released_formatted", .string(release.released)),
            (
                "identifiers",
                .array(release.identifiers.map { ["type": .string($0.type), "value": .string($0.value), "description": .string($0.description)] })
            ),
            ("videos", .array(release.videos.map(video))),
            ("genres", release.genres.json), ("styles", release.styles.json),
            ("tracklist", .array(release.tracklist.map(track))),
            ("extraartists", .array(release.extraArtists.map { credit($0) })),
            ("images", images("R", release.id)), ("thumb", context.image("R", release.id, size: 150)),
            ("estimated_weight", .int(230 * max(1, release.formats.first?.qty ?? 1))), ("blocked_from_sale", false),
        ]
        return .object(pairs)
    }

    func video(_ video: FakeRelease.Video) -> FakeJSON {
        [
            "uri": .string(video.uri), "title": .string(video.title), "description": .string(video.description),
            "duration": .int(video.duration), "embed": .bool(video.embed),
        ]
    }

    func track(_ track: FakeRelease.Track) -> FakeJSON {
        var json: FakeJSON = [
            "position": .string(track.position), "type_": "track", "title": .string(track.title), "duration": .string(track.duration),
        ]
        if !track.extraArtists.isEmpty { json = json.setting("extraartists", .array(track.extraArtists.map { credit($0) })) }
        return json
    }
}
