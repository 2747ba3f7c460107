import Hummingbird

/// OAuth endpoints on the API host and the authorize page on the "web" host (Discogs API documentation, "Authentication").
extension FakeRoutes {
    func addOAuth(to router: Router<FakeDiscogsContext>) {
        let requestToken: @Sendable (Request, FakeDiscogsContext) async throws -> Response = { _, context in
            guard let input = context.credentialInput else { throw FakeDiscogsState.notOAuth }
            let issued = try await state.issueRequestToken(input)
            return FakeReply.form([("oauth_token", issued.token), ("oauth_token_secret", issued.secret), ("oauth_callback_confirmed", "true")])
        }
        router.get("/oauth/request_token", use: requestToken)
        router.post("/oauth/request_token", use: requestToken)
        let accessToken: @Sendable (Request, FakeDiscogsContext) async throws -> Response = { _, context in
            guard let input = context.credentialInput else { throw FakeDiscogsState.notOAuth }
            let issued = try await state.issueAccessToken(input)
            return FakeReply.form([("oauth_token", issued.token), ("oauth_token_secret", issued.secret)])
        }
        router.post("/oauth/access_token", use: accessToken)
        router.get("/oauth/access_token", use: accessToken)
        router.get("/oauth/identity") { _, context -> Response in
            guard context.caller.tier == .user, let username = context.caller.username else { throw FakeDiscogsError.mustAuthenticate }
            let data = await state.data
            let credentials = await state.credentials
            guard let user = data.user(username) else { throw FakeDiscogsError.unknownUser }
            let consumerName = context.caller.consumerKey.flatMap { credentials.consumers[$0]?.name } ?? "Personal access token"
            return FakeReply.json([
                "id": .int(user.id), "username": .string(user.username),
                "resource_url": .string("\(context.baseURL)/users/\(user.username)"), "consumer_name": .string(consumerName),
            ])
        }
        router.get("/oauth/authorize") { request, _ -> Response in
            guard let token = request.query("oauth_token") else {
                return FakeReply.text("Missing oauth_token.", status: .badRequest)
            }
            let deny = ["deny", "denied", "no"].contains(request.query("decision") ?? "")
            let outcome: FakeDiscogsState.AuthorizeOutcome
            do {
                outcome = try await state.authorize(token: token, username: request.query("username"), deny: deny)
            } catch let error as FakeDiscogsError {
                return FakeReply.text(error.message, status: .badRequest)
            }
            switch outcome {
            case let .redirect(location), let .denied(location?):
                var headers = HTTPFields()
                headers[.location] = location
                return Response(status: .found, headers: headers)
            case let .showVerifier(verifier):
                return FakeReply.text(
                    "<html><body><p>Enter this code in the application: <code>\(verifier)</code></p></body></html>",
                    contentType: "text/html; charset=utf-8"
                )
            case .denied(nil):
                return FakeReply.text("<html><body><p>You declined access.</p></body></html>", contentType: "text/html; charset=utf-8")
            }
        }
    }
}
