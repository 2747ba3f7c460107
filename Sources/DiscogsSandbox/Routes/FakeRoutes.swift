import Hummingbird

/// The fake's route handlers; each concern adds its routes in its own `FakeRoutes+…` file.
struct FakeRoutes: Sendable {
    let state: FakeDiscogsState

    func renderer(_ context: FakeDiscogsContext) async -> FakeRenderer {
        FakeRenderer(context: context, data: await state.data)
    }

    /// The currency for prices: `curr_abbr` if valid, else the caller's own, else USD.
    func currency(_ request: Request, _ context: FakeDiscogsContext, _ data: FakeDiscogsData) -> String {
        if let requested = request.query("curr_abbr")?.uppercased(), FakeMoney.rates[requested] != nil { return requested }
        return context.caller.username.flatMap { data.user($0)?.currency } ?? "USD"
    }

    /// Throws 401 unless the caller is authenticated in any way (search, identity).
    func requireAuthenticated(_ context: FakeDiscogsContext) throws {
        guard context.caller.tier != .none else { throw FakeDiscogsError.mustAuthenticate }
    }

    /// Throws unless the caller acts as `username`: 401 for anonymous, 403 for anyone else.
    func requireOwner(_ username: String, _ context: FakeDiscogsContext, _ data: FakeDiscogsData) throws -> FakeUser {
        guard let user = data.user(username) else { throw FakeDiscogsError.unknownUser }
        guard context.caller.isOwner(username) else {
            throw context.caller.tier == .user ? FakeDiscogsError.noPermission : FakeDiscogsError.ownerOnly
        }
        return user
    }

    func addRoot(to router: Router<FakeDiscogsContext>) {
        router.get("/") { _, _ -> Response in
            let data = await state.data
            return FakeReply.json([
                "hello": "Welcome to the Discogs API.", "api_version": "v2",
                "documentation_url": "https://www.discogs.com/developers/",
                "statistics": ["releases": .int(data.releases.count), "artists": .int(data.artists.count), "labels": .int(data.labels.count)],
            ])
        }
    }

    func addImages(to router: Router<FakeDiscogsContext>) {
        router.get("/images/**") { request, _ -> Response in
            let name = request.uri.path.split(separator: "/").last.map(String.init) ?? ""
            let idText = name.split(separator: "-").dropFirst().first?.split(separator: ".").first
            let seed = idText.flatMap { Int($0) } ?? name.hashValue
            var headers = HTTPFields()
            headers[.contentType] = "image/png"
            headers[.cacheControl] = "public, max-age=31536000"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: FakeImages.png(seed: seed))))
        }
    }
}
