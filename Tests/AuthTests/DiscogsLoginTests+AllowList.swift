import Auth
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Locking
import NIOCore
import Testing

/// `DISCOGS_MCP_ALLOWED_USERS` on both login paths: the OAuth consent flow and session login links.
extension DiscogsLoginTests {
    @Test("an account not on the allow-list sees the private page; no code, no stored credential; a listed one signs in")
    func allowList() async throws {
        try await Self.withRig(allowedUsers: ["crate_digger"]) { rig, router in
            let clientID = try await Fixtures.publicClient(rig.vault)
            try await Application(router: router).test(.router) { client in
                let (discogsURL, cookie) = try await Self.approve(client, clientID: clientID)
                let callback = try Self.callbackPath(try await Self.sandboxLocation(discogsURL))
                try await client.execute(uri: callback, method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .forbidden)
                    #expect(response.headers[.location] == nil)
                    let html = AuthorizeRoutesTests.text(response)
                    #expect(html.contains("This server is private") && html.contains("sandbox_collector"))
                    #expect(html.contains("error=access_denied") && !html.contains("code="))
                }
                #expect(try await rig.vault.upstream(subject: "discogs:7000001") == nil)
                let (otherURL, otherCookie) = try await Self.approve(client, clientID: clientID)
                let allowed = try Self.callbackPath(try await Self.sandboxLocation(otherURL + "&username=crate_digger"))
                try await client.execute(uri: allowed, method: .get, headers: [.cookie: otherCookie]) { response in
                    #expect(response.status == .found)
                    #expect(response.headers[.location]?.contains("code=") == true)
                }
                #expect(try await rig.vault.upstream(subject: "discogs:7000002") != nil)
            }
            #expect(rig.events.all.contains("failure:user_not_allowed"))
        }
    }

    @Test("a session login link of an account not on the allow-list leaves the session signed out")
    func allowListForLinks() async throws {
        try await Self.withRig(allowedUsers: ["crate_digger"]) { rig, router in
            let bound = Bound()
            rig.links.setBinder { session, principal in
                bound.calls.withLock { $0.append((session, principal)) }
                return true
            }
            let (url, code) = await rig.links.issue(sessionID: "sess-2")
            let path = try #require(URLComponents(string: url)?.path)
            try await Application(router: router).test(.router) { client in
                let (csrf, cookie) = try await client.execute(uri: path, method: .get) { response in
                    let html = AuthorizeRoutesTests.text(response)
                    let start = try #require(html.range(of: "name=\"csrf_token\" value=\"")).upperBound
                    return (String(html[start...].prefix { $0 != "\"" }), String(try #require(response.headers[.setCookie]).split(separator: ";")[0]))
                }
                let headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: cookie]
                let login = try await client.execute(
                    uri: path,
                    method: .post,
                    headers: headers,
                    body: ByteBuffer(string: "csrf_token=\(csrf)&decision=approve&code=\(code)")
                ) { response in
                    (try #require(response.headers[.location]), String(try #require(response.headers[.setCookie]).split(separator: ";")[0]))
                }
                let callback = try Self.callbackPath(try await Self.sandboxLocation(login.0))
                try await client.execute(uri: callback, method: .get, headers: [.cookie: login.1]) { response in
                    #expect(response.status == .forbidden)
                    #expect(AuthorizeRoutesTests.text(response).contains("This server is private"))
                }
            }
            #expect(bound.calls.withLock { $0 }.isEmpty)
            #expect(try await rig.vault.upstream(subject: "discogs:7000001") == nil)
        }
    }
}
