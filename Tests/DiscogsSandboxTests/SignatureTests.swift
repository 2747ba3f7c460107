import DiscogsSandbox
import Testing

/// The fake's RFC 5849 implementation against worked HMAC-SHA1 vectors (RFC 5849 §3.4).
@Suite struct SignatureTests {
    @Test func percentEncodingFollowsRFC5849() {
        #expect(OAuthSignature.percentEncode("a b+c~d-e.f_g") == "a%20b%2Bc~d-e.f_g")
        #expect(OAuthSignature.percentEncode("é/&=") == "%C3%A9%2F%26%3D")
        #expect(OAuthSignature.percentDecode("a%20b+c", plusIsSpace: true) == "a b c")
    }

    @Test func collectionPageVectorMatches() {
        let parameters = [
            ("oauth_consumer_key", "ck123"), ("oauth_nonce", "3f9c1d2e7a"), ("oauth_signature_method", "HMAC-SHA1"),
            ("oauth_timestamp", "1767225600"), ("oauth_token", "at456"), ("oauth_version", "1.0"),
            ("page", "2"), ("per_page", "100"), ("sort", "added"), ("sort_order", "desc"),
        ]
        let uri = OAuthSignature.baseStringURI(scheme: "HTTPS", authority: "API.discogs.com:443", path: "/users/alice/collection/folders/0/releases")
        #expect(uri == "https://api.discogs.com/users/alice/collection/folders/0/releases")
        #expect(
            OAuthSignature.normalizedParameters(parameters)
                == "oauth_consumer_key=ck123&oauth_nonce=3f9c1d2e7a&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1767225600&oauth_token=at456&oauth_version=1.0&page=2&per_page=100&sort=added&sort_order=desc"
        )
        let base = OAuthSignature.baseString(method: "get", uri: uri, parameters: parameters.shuffled())
        #expect(
            base
                == "GET&https%3A%2F%2Fapi.discogs.com%2Fusers%2Falice%2Fcollection%2Ffolders%2F0%2Freleases&oauth_consumer_key%3Dck123%26oauth_nonce%3D3f9c1d2e7a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1767225600%26oauth_token%3Dat456%26oauth_version%3D1.0%26page%3D2%26per_page%3D100%26sort%3Dadded%26sort_order%3Ddesc"
        )
        #expect(OAuthSignature.hmacSHA1(baseString: base, consumerSecret: "cs789", tokenSecret: "ts012") == "Lhs+mLdrD9Gr+F9hS5EJN38WnPI=")
    }

    @Test func requestAndAccessTokenVectorsMatch() {
        let requestBase = OAuthSignature.baseString(
            method: "GET",
            uri: "https://api.discogs.com/oauth/request_token",
            parameters: [
                ("oauth_callback", "https://HOST/discogs/callback"), ("oauth_consumer_key", "ck123"), ("oauth_nonce", "a1b2c3d4e5"),
                ("oauth_signature_method", "HMAC-SHA1"), ("oauth_timestamp", "1767225600"), ("oauth_version", "1.0"),
            ]
        )
        #expect(OAuthSignature.hmacSHA1(baseString: requestBase, consumerSecret: "cs789", tokenSecret: "") == "T5nrcd3EHHDLwS0GSfP9KjdP1uw=")
        let accessBase = OAuthSignature.baseString(
            method: "POST",
            uri: "https://api.discogs.com/oauth/access_token",
            parameters: [
                ("oauth_consumer_key", "ck123"), ("oauth_nonce", "f6e5d4c3b2"), ("oauth_signature_method", "HMAC-SHA1"),
                ("oauth_timestamp", "1767225660"), ("oauth_token", "rt111"), ("oauth_verifier", "ver333"), ("oauth_version", "1.0"),
            ]
        )
        #expect(OAuthSignature.hmacSHA1(baseString: accessBase, consumerSecret: "cs789", tokenSecret: "rts222") == "WtDrDhTCqz5C5E3yQ59F2nUYOWQ=")
    }

    @Test func authorizationHeaderParsesQuotedEncodedValues() throws {
        let parsed = try #require(
            OAuthSignature.parseAuthorizationHeader(
                #"OAuth realm="", oauth_consumer_key="ck123",oauth_signature="Lhs%2BmLdrD9Gr%2BF9hS5EJN38WnPI%3D""#
            )
        )
        #expect(parsed.first { $0.0 == "oauth_signature" }?.1 == "Lhs+mLdrD9Gr+F9hS5EJN38WnPI=")
        #expect(parsed.first { $0.0 == "oauth_consumer_key" }?.1 == "ck123")
    }
}
