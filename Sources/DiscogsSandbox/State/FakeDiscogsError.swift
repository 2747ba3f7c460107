/// A Discogs-shaped failure: the status and `{"message": …}` body the real API would send.
public struct FakeDiscogsError: Error, Sendable, Equatable {
    public var status: Int
    public var message: String
    /// Validation details in the FastAPI shape (`detail[{loc,msg,type}]`), when present.
    public var detail: FakeJSON?
    /// OAuth endpoints answer `text/plain` rather than JSON.
    public var plainText: Bool

    public init(_ status: Int, _ message: String, detail: FakeJSON? = nil, plainText: Bool = false) {
        self.status = status
        self.message = message
        self.detail = detail
        self.plainText = plainText
    }

    static let ownerOnly = FakeDiscogsError(403, "You are not allowed to view this resource. Please authenticate as the owner to view this content.")
    static let noPermission = FakeDiscogsError(403, "You don't have permission to access this resource.")
    static let mustAuthenticate = FakeDiscogsError(401, "You must authenticate to access this resource.")
    static let unknownUser = FakeDiscogsError(404, "User does not exist or may have been deleted.")
    static let releaseNotFound = FakeDiscogsError(404, "Release not found.")
    static let resourceNotFound = FakeDiscogsError(404, "The requested resource was not found.")
    static let missingCollectionItem = FakeDiscogsError(404, "The requested collection item does not exist in this user's collection.")
    static let tooManyRequests = FakeDiscogsError(429, "You are making requests too quickly.")

    static func validation(_ field: String, _ message: String) -> FakeDiscogsError {
        FakeDiscogsError(
            422,
            "See \"detail\" for validation errors.",
            detail: [["loc": ["body", .string(field)], "msg": .string(message), "type": "value_error"]]
        )
    }
}
