/// `GET /labels/{id}`.
public struct Label: Codable, Sendable, Hashable {
    public struct Reference: Codable, Sendable, Hashable {
        public var id: Int
        public var name: String
        public var resourceUrl: String?
    }
    public var id: Int
    public var name: String
    public var profile: String?
    public var contactInfo: String?
    public var urls: [String]?
    public var images: [DiscogsImage]?
    public var sublabels: [Reference]?
    public var parentLabel: Reference?
    public var uri: String?
    public var resourceUrl: String?
    public var dataQuality: String?
}

/// One entry of `GET /labels/{id}/releases`.
public struct LabelRelease: Codable, Sendable, Hashable {
    public var id: Int
    public var title: String
    public var artist: String?
    public var catno: String?
    public var format: String?
    public var year: LenientInt?
    public var status: String?
    public var thumb: String?
    public var resourceUrl: String?
    public var stats: ItemStats?
}
