/// A collection folder; 0 ("All") and 1 ("Uncategorized") always exist.
public struct CollectionFolder: Codable, Sendable, Hashable {
    public var id: Int
    public var name: String
    public var count: Int
    public var resourceUrl: String?
}

public struct CollectionFolders: Codable, Sendable, Hashable {
    public var folders: [CollectionFolder]
}

/// One copy (instance) of a release in a collection.
public struct CollectionItem: Codable, Sendable, Hashable {
    public struct Note: Codable, Sendable, Hashable {
        public var fieldId: Int
        public var value: LenientString?
    }
    public var id: Int
    public var instanceId: Int
    public var folderId: Int?
    public var rating: Int?
    public var dateAdded: String?
    public var basicInformation: BasicInformation
    public var notes: [Note]?
}

/// `GET /users/{u}/collection/value`: strings already formatted in the owner's currency.
public struct CollectionValue: Codable, Sendable, Hashable {
    public var maximum: String
    public var median: String
    public var minimum: String
}

/// A custom field (dropdown or textarea) the owner defined for collection notes.
public struct CollectionField: Codable, Sendable, Hashable {
    public var id: Int
    public var name: String
    public var type: String
    public var options: [String]?
    public var lines: Int?
    public var position: Int?
    public var `public`: Bool?
}

public struct CollectionFields: Codable, Sendable, Hashable {
    public var fields: [CollectionField]
}

/// The answer to adding a release: read `instanceId`, tolerate the rest (two shapes are seen).
public struct AddedInstance: Codable, Sendable, Hashable {
    public var instanceId: Int
    public var resourceUrl: String?
}

/// One wantlist entry.
public struct Want: Codable, Sendable, Hashable {
    public var id: Int
    public var rating: Int?
    public var notes: String?
    public var dateAdded: String?
    public var basicInformation: BasicInformation?
}
