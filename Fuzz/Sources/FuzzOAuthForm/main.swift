// The OAuth form parser (token and revocation bodies) and the same parser reading `/authorize`
// queries: any text gives fields or an `invalid_request`, and encoded fields parse back unchanged.
@testable import Auth
import FuzzKit

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: inputBytes(data, size), as: UTF8.self)
    guard let fields = try? FormBody.parse(text) else { return 0 }
    let encoded = fields.map { "\(FormBody.encode($0.key))=\(FormBody.encode($0.value))" }.joined(separator: "&")
    require((try? FormBody.parse(encoded)) == fields, "form fields do not survive encoding: \(encoded)")
    // The authorize request's redirect back to the client carries these values as query parameters.
    if let redirect = fields["redirect_uri"] {
        let url = AuthorizeValidator.redirectURL(redirect, ["state": fields["state"], "code": "x"])
        require(url.hasPrefix(redirect), "the redirect lost its base")
    }
    return 0
}

runFuzzer(testOneInput)
