import Discogs

/// The CIMD fetch's address fence, offered to `fetch_image`: resolve once, every address public.
///
/// A name with one private record among public ones is refused whole, because the connection could
/// land on that record; the caller then pins its connection to a returned address.
public struct PublicAddressVetter: ImageAddressVetting {
    public let resolver: any HostResolver

    public init(resolver: any HostResolver = SystemHostResolver()) {
        self.resolver = resolver
    }

    public struct NotPublic: Error {}

    public func vettedAddresses(of host: String) async throws -> [String] {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let addresses = try await resolver.addresses(of: bare)
        guard !addresses.isEmpty, addresses.allSatisfy(SpecialPurposeAddresses.isPublic) else { throw NotPublic() }
        return addresses.map(\.description)
    }
}
