import Foundation
import Testing

@testable import Discogs

@Suite struct SigningTests {
    /// RFC 5849 §3.4.1.1: the worked signature base string, with query, form body, repeated names
    /// and already-encoded values.
    @Test func rfc5849BaseStringExample() throws {
        let url = try #require(URL(string: "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b"))
        let signer = OAuthSigner(
            consumerKey: "9djdj82h48djs9d2",
            consumerSecret: "",
            token: "kkk9d7dh3k39sjv7",
            includeVersion: false
        )
        let protocolParameters = signer.protocolParameters(nonce: "7d8f3e4a", timestamp: 137_131_201)
        let form = OAuthPercentEncoding.parseForm("c2&a3=2+q").map { OAuthParameter($0.name, $0.value) }
        let base = OAuthSigner.signatureBaseString(
            httpMethod: "POST",
            url: url,
            parameters: protocolParameters + OAuthSigner.queryParameters(of: url) + form
        )
        #expect(
            base
                == "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7"
        )
    }

    /// RFC 5849 §1.2: the photos.example.net flow, all three signatures.
    @Test func rfc5849PhotosExample() throws {
        // Temporary credentials, PLAINTEXT: the signature is the key, `&`-joined, encoded in the header.
        let initiate = OAuthSigner(consumerKey: "dpf43f3p2l4k3l03", consumerSecret: "kd94hf93k423kf44", method: .plaintext, includeVersion: false)
        let header = initiate.authorizationHeader(
            httpMethod: "POST",
            url: try #require(URL(string: "https://photos.example.net/initiate")),
            extra: [OAuthParameter("oauth_callback", "http://printer.example.com/ready")],
            nonce: "wIjqoS",
            timestamp: 137_131_200
        )
        #expect(header.contains(#"oauth_signature="kd94hf93k423kf44%26""#))
        #expect(header.contains(#"oauth_callback="http%3A%2F%2Fprinter.example.com%2Fready""#))

        // Token credentials, HMAC-SHA1 with the temporary secret.
        let token = OAuthSigner(
            consumerKey: "dpf43f3p2l4k3l03",
            consumerSecret: "kd94hf93k423kf44",
            token: "hh5s93j4hdidpola",
            tokenSecret: "hdhd0244k9j7ao03",
            includeVersion: false
        )
        let tokenHeader = token.authorizationHeader(
            httpMethod: "POST",
            url: try #require(URL(string: "https://photos.example.net/token")),
            extra: [OAuthParameter("oauth_verifier", "hfdp7dh39dks9884")],
            nonce: "walatlh",
            timestamp: 137_131_201
        )
        #expect(tokenHeader.contains(#"oauth_signature="gKgrFCywp7rO0OXSjdot%2FIHF7IU%3D""#))

        // The protected resource, with query parameters in the base string.
        let access = OAuthSigner(
            consumerKey: "dpf43f3p2l4k3l03",
            consumerSecret: "kd94hf93k423kf44",
            token: "nnch734d00sl2jdk",
            tokenSecret: "pfkkdhi9sl3r4s00",
            includeVersion: false
        )
        let resourceHeader = access.authorizationHeader(
            httpMethod: "GET",
            url: try #require(URL(string: "http://photos.example.net/photos?file=vacation.jpg&size=original")),
            nonce: "chapoH",
            timestamp: 137_131_202,
            realm: "Photos"
        )
        #expect(resourceHeader.hasPrefix(#"OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03""#))
        #expect(resourceHeader.contains(#"oauth_signature="MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D""#))
    }

    /// Discogs API documentation, "User Collection", signed per RFC 5849 §3.4.1.3: the collection page call, whose query parameters must be signed.
    @Test func discogsCollectionVector() throws {
        let url = try #require(
            URL(string: "https://api.discogs.com/users/alice/collection/folders/0/releases?page=2&per_page=100&sort=added&sort_order=desc")
        )
        let signer = OAuthSigner(consumerKey: "ck123", consumerSecret: "cs789", token: "at456", tokenSecret: "ts012")
        let parameters = signer.protocolParameters(nonce: "3f9c1d2e7a", timestamp: 1_767_225_600) + OAuthSigner.queryParameters(of: url)
        #expect(
            OAuthSigner.normalizedParameters(parameters)
                == "oauth_consumer_key=ck123&oauth_nonce=3f9c1d2e7a&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1767225600&oauth_token=at456&oauth_version=1.0&page=2&per_page=100&sort=added&sort_order=desc"
        )
        #expect(
            OAuthSigner.signatureBaseString(httpMethod: "GET", url: url, parameters: parameters)
                == "GET&https%3A%2F%2Fapi.discogs.com%2Fusers%2Falice%2Fcollection%2Ffolders%2F0%2Freleases&oauth_consumer_key%3Dck123%26oauth_nonce%3D3f9c1d2e7a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1767225600%26oauth_token%3Dat456%26oauth_version%3D1.0%26page%3D2%26per_page%3D100%26sort%3Dadded%26sort_order%3Ddesc"
        )
        #expect(signer.signingKey == "cs789&ts012")
        #expect(signer.signature(httpMethod: "GET", url: url, parameters: parameters) == "Lhs+mLdrD9Gr+F9hS5EJN38WnPI=")
        let header = signer.authorizationHeader(httpMethod: "GET", url: url, nonce: "3f9c1d2e7a", timestamp: 1_767_225_600)
        #expect(header.contains(#"oauth_signature="Lhs%2BmLdrD9Gr%2BF9hS5EJN38WnPI%3D""#))
    }

    /// RFC 5849 §3.4.2 (HMAC-SHA1): the Discogs request-token and access-token vectors.
    @Test func discogsLoginVectors() throws {
        let requestURL = try #require(URL(string: "https://api.discogs.com/oauth/request_token"))
        let consumer = OAuthSigner(consumerKey: "ck123", consumerSecret: "cs789")
        let callback = [OAuthParameter("oauth_callback", "https://HOST/discogs/callback")]
        #expect(consumer.signingKey == "cs789&")
        #expect(
            consumer.signature(
                httpMethod: "GET",
                url: requestURL,
                parameters: consumer.protocolParameters(nonce: "a1b2c3d4e5", timestamp: 1_767_225_600, extra: callback)
            ) == "T5nrcd3EHHDLwS0GSfP9KjdP1uw="
        )
        let accessURL = try #require(URL(string: "https://api.discogs.com/oauth/access_token"))
        let request = OAuthSigner(consumerKey: "ck123", consumerSecret: "cs789", token: "rt111", tokenSecret: "rts222")
        let verifier = [OAuthParameter("oauth_verifier", "ver333")]
        #expect(
            request.signature(
                httpMethod: "POST",
                url: accessURL,
                parameters: request.protocolParameters(nonce: "f6e5d4c3b2", timestamp: 1_767_225_660, extra: verifier)
            ) == "WtDrDhTCqz5C5E3yQ59F2nUYOWQ="
        )
    }

    /// PLAINTEXT is the encoded secrets joined by `&`, whatever characters they hold.
    @Test func plaintextSignature() {
        let signer = OAuthSigner(consumerKey: "k", consumerSecret: "c s&", token: "t", tokenSecret: "ts012", method: .plaintext)
        #expect(signer.signingKey == "c%20s%26&ts012")
        let header = signer.authorizationHeader(httpMethod: "GET", url: URL(fileURLWithPath: "/"), nonce: "n", timestamp: 1)
        #expect(header.contains(#"oauth_signature_method="PLAINTEXT""#))
        #expect(header.contains(#"oauth_signature="c%2520s%2526%26ts012""#))
    }

    /// RFC 5849 §3.6: unreserved characters pass, everything else is `%XX` uppercase over UTF-8.
    @Test(arguments: [
        ("abcXYZ019-._~", "abcXYZ019-._~"),
        ("a b", "a%20b"),
        ("+", "%2B"),
        ("&=*/?:", "%26%3D%2A%2F%3F%3A"),
        ("é", "%C3%A9"),
        ("☃", "%E2%98%83"),
        ("%", "%25"),
    ])
    func percentEncoding(input: String, expected: String) {
        #expect(OAuthPercentEncoding.encode(input) == expected)
        #expect(OAuthPercentEncoding.decode(expected) == input)
    }

    /// Form decoding: `+` is a space, names may repeat, values may be empty.
    @Test func formParsing() {
        let pairs = OAuthPercentEncoding.parseForm("oauth_token=rt%2B1&oauth_token_secret=a+b&flag")
        #expect(pairs.map(\.name) == ["oauth_token", "oauth_token_secret", "flag"])
        #expect(pairs.map(\.value) == ["rt+1", "a b", ""])
    }

    /// Discogs treats nonces over 64 characters and millisecond timestamps as anonymous.
    @Test func nonceAndTimestamp() {
        let nonces = Set((0..<100).map { _ in OAuthSigner.makeNonce() })
        #expect(nonces.count == 100)
        for nonce in nonces {
            #expect(nonce.count <= 64)
            #expect(nonce.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        }
        let timestamp = OAuthSigner.currentTimestamp()
        #expect(timestamp > 1_700_000_000 && timestamp < 10_000_000_000)
    }

    /// The base string URI keeps non-default ports and drops default ones; host and scheme lowercased.
    @Test func baseStringURI() throws {
        #expect(OAuthSigner.baseStringURI(try #require(URL(string: "HTTPS://API.Discogs.com:443/a/b?c=d"))) == "https://api.discogs.com/a/b")
        #expect(OAuthSigner.baseStringURI(try #require(URL(string: "http://127.0.0.1:8080/x"))) == "http://127.0.0.1:8080/x")
        #expect(OAuthSigner.baseStringURI(try #require(URL(string: "http://example.com:80"))) == "http://example.com/")
    }

    /// Credentials never show their secrets in descriptions, and user identities differ.
    @Test func credentialRedaction() {
        let token = DiscogsCredential.personalToken("secret-token-value")
        #expect(!token.description.contains("secret-token-value"))
        #expect(!token.identity.contains("secret-token-value"))
        #expect(DiscogsCredential.oauth(token: "a", secret: "s").identity != DiscogsCredential.oauth(token: "b", secret: "s").identity)
        #expect(CacheKind.database.scope(for: token) == "public:authenticated")
        #expect(CacheKind.userData.scope(for: token) == token.identity)
    }
}
