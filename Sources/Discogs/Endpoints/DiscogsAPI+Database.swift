/// The public database: releases, masters, artists, labels, search, ratings.
extension DiscogsAPI {
    public func release(id: Int, currency: String? = nil, as credential: DiscogsCredential) async throws -> Release {
        try await get("/releases/\(id)", query: [("curr_abbr", currency)], cache: .database, as: credential)
    }

    public func communityRating(releaseID: Int, as credential: DiscogsCredential) async throws -> CommunityReleaseRating {
        try await get("/releases/\(releaseID)/rating", cache: .search, as: credential)
    }

    public func releaseRating(releaseID: Int, username: String, as credential: DiscogsCredential) async throws -> UserReleaseRating {
        try await get("/releases/\(releaseID)/rating/\(username.pathSegment)", cache: .userData, as: credential)
    }

    /// Sets the user's own 1–5 rating (0 deletes it).
    public func setReleaseRating(releaseID: Int, username: String, rating: Int, as credential: DiscogsCredential) async throws {
        let path = "/releases/\(releaseID)/rating/\(username.pathSegment)"
        if rating == 0 {
            try await write(.delete, path, invalidates: ["/releases/\(releaseID)/rating"], as: credential)
        } else {
            try await write(
                .put,
                path,
                json: ["rating": .int(min(max(rating, 1), 5))],
                invalidates: ["/releases/\(releaseID)/rating"],
                as: credential
            )
        }
    }

    public func master(id: Int, as credential: DiscogsCredential) async throws -> Master {
        try await get("/masters/\(id)", cache: .database, as: credential)
    }

    /// Versions of a master; filters and sort as Discogs names them (`sort` ∈ released, title, format, label, catno, country).
    public func masterVersions(
        masterID: Int,
        page: Int = 1,
        perPage: Int = 50,
        format: String? = nil,
        label: String? = nil,
        released: String? = nil,
        country: String? = nil,
        sort: String? = nil,
        sortOrder: String? = nil,
        as credential: DiscogsCredential
    ) async throws -> Page<MasterVersion> {
        let query =
            Self.paging(page, perPage) + [
                ("format", format), ("label", label), ("released", released), ("country", country), ("sort", sort), ("sort_order", sortOrder),
            ]
        return try await get("/masters/\(masterID)/versions", query: query, cache: .search, as: credential)
    }

    public func artist(id: Int, as credential: DiscogsCredential) async throws -> Artist {
        try await get("/artists/\(id)", cache: .database, as: credential)
    }

    /// `sort` ∈ year, title, format.
    public func artistReleases(
        artistID: Int,
        page: Int = 1,
        perPage: Int = 50,
        sort: String? = nil,
        sortOrder: String? = nil,
        as credential: DiscogsCredential
    ) async throws -> Page<ArtistRelease> {
        try await get(
            "/artists/\(artistID)/releases",
            query: Self.paging(page, perPage) + [("sort", sort), ("sort_order", sortOrder)],
            cache: .search,
            as: credential
        )
    }

    public func label(id: Int, as credential: DiscogsCredential) async throws -> Label {
        try await get("/labels/\(id)", cache: .database, as: credential)
    }

    public func labelReleases(labelID: Int, page: Int = 1, perPage: Int = 50, as credential: DiscogsCredential) async throws -> Page<LabelRelease> {
        try await get("/labels/\(labelID)/releases", query: Self.paging(page, perPage), cache: .search, as: credential)
    }

    /// `GET /database/search` (needs any authentication). `filters` takes Discogs' own names:
    /// type, title, release_title, credit, artist, anv, label, genre, style, country, year, format,
    /// catno, barcode, track, submitter, contributor, sort, sort_order.
    public func search(
        query: String?,
        filters: [String: String] = [:],
        page: Int = 1,
        perPage: Int = 50,
        as credential: DiscogsCredential
    ) async throws -> Page<SearchResult> {
        let pairs: [(String, String?)] = [("q", query)] + filters.sorted { $0.key < $1.key }.map { ($0.key, Optional($0.value)) }
        return try await get("/database/search", query: pairs + Self.paging(page, perPage), cache: .search, as: credential)
    }
}
