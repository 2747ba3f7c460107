/// One request as the fake saw it.
public struct FakeRequestRecord: Sendable, Equatable {
    public var method: String
    public var path: String
    public var query: String
    /// `METHOD /template` with ids and usernames replaced, e.g. `GET /users/{username}/collection/folders/{id}/releases`.
    public var route: String
    public var status: Int
    public var callerTier: FakeCaller.Tier
    /// Whether the request carried an `Authorization` header (the image host must never receive one).
    public var sentAuthorization = false
    /// Whether credentials travelled in the query string (`token=`, `key=`/`secret=`, `oauth_*`).
    public var sentQueryCredentials = false
}
