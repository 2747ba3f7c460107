import Hummingbird

/// Typed path parameters; a malformed id is a 404, as on Discogs.
extension FakeDiscogsContext {
    func intParameter(_ name: String) throws -> Int {
        guard let value = parameters.get(name), let number = Int(value) else { throw FakeDiscogsError.resourceNotFound }
        return number
    }

    func stringParameter(_ name: String) throws -> String {
        guard let value = parameters.get(name) else { throw FakeDiscogsError.resourceNotFound }
        return value
    }
}
