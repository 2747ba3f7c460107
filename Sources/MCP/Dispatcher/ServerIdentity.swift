/// The name, version and instructions the server announces.
public struct ServerIdentity: Sendable, Hashable {
    public var name: String
    public var title: String
    public var version: String
    public var instructions: String

    public init(name: String, title: String, version: String, instructions: String) {
        self.name = name
        self.title = title
        self.version = version
        self.instructions = instructions
    }

    func json(for revision: ProtocolRevision) -> JSONValue {
        var object: [String: JSONValue] = ["name": .string(name), "version": .string(version)]
        if revision.hasTitles { object["title"] = .string(title) }
        return .object(object)
    }
}
