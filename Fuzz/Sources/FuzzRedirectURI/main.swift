// Redirect-URI checks (registration and the loopback port rule) and Client ID Metadata Document
// URL and document checks. Input: uri NUL registered-uri NUL document-json.
import Foundation
import FuzzKit
@testable import Auth

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let fields = inputFields(inputBytes(data, size), count: 3)
    let uri = fields[0]
    if (try? RegistrationPolicy.checkRedirectURI(uri)) != nil {
        require(!uri.contains("#") && !uri.contains("*"), "accepted a fragment or wildcard: \(uri)")
        let components = URLComponents(string: uri)
        require(components?.user == nil && components?.password == nil, "accepted userinfo: \(uri)")
        if components?.scheme?.lowercased() == "http" {
            require(RegistrationPolicy.isLoopback(host: components?.host ?? ""), "accepted http off loopback: \(uri)")
        }
    }
    if TokenVault.redirectURIMatches(uri, registered: [fields[1]]), uri != fields[1] {
        // Only the port of a loopback http redirect may differ (RFC 8252 §7.3).
        let given = URLComponents(string: uri), stored = URLComponents(string: fields[1])
        require(given?.scheme == "http" && given?.host == stored?.host && given?.path == stored?.path, "\(uri) matched \(fields[1])")
        require(given?.query == stored?.query, "query differs: \(uri) vs \(fields[1])")
    }
    if ClientMetadataDocuments.isDocumentURL(uri) {
        require(uri.lowercased().hasPrefix("https:"), "a non-https document URL: \(uri)")
    }
    if let record = try? ClientMetadataDocuments.record(from: Data(fields[2].utf8), url: uri) {
        require(record.clientID == uri && record.authMethod == "none", "document accepted for \(uri)")
        for redirect in record.redirectURIs { require((try? RegistrationPolicy.checkRedirectURI(redirect)) != nil, redirect) }
    }
    if let address = IPAddress(uri) {
        _ = SpecialPurposeAddresses.isPublic(address)
        require(IPAddress(address.description) == address, "address text does not round-trip: \(uri)")
    }
    return 0
}

runFuzzer(testOneInput)
