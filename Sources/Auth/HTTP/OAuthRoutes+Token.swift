import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Storage

extension OAuthRoutes {
    /// `POST /token`: both grants answer exactly 200 on success (the Python client drops its tokens otherwise).
    func token(_ request: Request) async -> Response {
        var basicUsed = false
        do {
            let (form, credentials) = try await readClientRequest(request, basicUsed: &basicUsed)
            guard let grantType = form["grant_type"], !grantType.isEmpty else { throw OAuthError.invalidRequest("grant_type is required") }
            let tokens: IssuedTokens
            switch grantType {
            case "authorization_code":
                guard let code = form["code"], !code.isEmpty else { throw OAuthError.invalidRequest("code is required") }
                let client = try await vault.authenticate(credentials)
                tokens = try await vault.exchangeCode(
                    code,
                    clientID: client.clientID,
                    redirectURI: form["redirect_uri"],
                    verifier: form["code_verifier"],
                    resource: form["resource"]
                )
                observer?.oauthEvent(.tokenIssued)
                await onGrant?(tokens.subject)
            case "refresh_token":
                guard let refresh = form["refresh_token"], !refresh.isEmpty else { throw OAuthError.invalidRequest("refresh_token is required") }
                let client = try await vault.authenticate(credentials)
                tokens = try await vault.refresh(refresh, clientID: client.clientID, resource: form["resource"], scope: form["scope"])
                observer?.oauthEvent(.tokenRefreshed)
            default:
                throw OAuthError.unsupportedGrantType("grant_type \(grantType) is not supported; use authorization_code or refresh_token")
            }
            return OAuthReplies.json(TokenResponse(tokens), status: .ok)
        } catch let error as OAuthError {
            observer?.oauthFailure(error.code)
            return OAuthReplies.error(error, basicAuthUsed: basicUsed)
        } catch {
            observer?.oauthFailure("server_error")
            return OAuthReplies.error(.serverError("the token could not be issued"))
        }
    }

    /// `POST /revoke` (RFC 7009): 200 for any token once the client is authenticated.
    func revoke(_ request: Request) async -> Response {
        var basicUsed = false
        do {
            let (form, credentials) = try await readClientRequest(request, basicUsed: &basicUsed)
            guard let token = form["token"], !token.isEmpty else { throw OAuthError.invalidRequest("token is required") }
            let client = try await vault.authenticate(credentials)
            try await vault.revoke(token, clientID: client.clientID)
            observer?.oauthEvent(.tokenRevoked)
            return Response(status: .ok, headers: [.cacheControl: "no-store"])
        } catch let error as OAuthError {
            observer?.oauthFailure(error.code)
            return OAuthReplies.error(error, basicAuthUsed: basicUsed)
        } catch {
            return OAuthReplies.error(.serverError("the token could not be revoked"))
        }
    }

    /// Reads a form-encoded body and the client's credentials (Basic header or body).
    func readClientRequest(_ request: Request, basicUsed: inout Bool) async throws -> ([String: String], ClientCredentials) {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            throw OAuthError.invalidRequest("Content-Type must be application/x-www-form-urlencoded")
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maximumFormBytes)
        } catch {
            throw OAuthError.invalidRequest("request body exceeds \(maximumFormBytes) bytes")
        }
        let form = try FormBody.parse(String(decoding: body.readableBytesView, as: UTF8.self))
        if let authorization = request.headers[.authorization], authorization.lowercased().hasPrefix("basic ") {
            basicUsed = true
            guard let (id, secret) = Self.decodeBasic(authorization) else {
                throw OAuthError.invalidClient("malformed Basic credentials")
            }
            if let bodyID = form["client_id"], bodyID != id {
                throw OAuthError.invalidRequest("client_id in the body differs from the Basic credentials")
            }
            guard form["client_secret"] == nil else { throw OAuthError.invalidRequest("use one client authentication method, not two") }
            return (form, ClientCredentials(clientID: id, secret: secret, channel: .basic))
        }
        guard let clientID = form["client_id"], !clientID.isEmpty else {
            throw OAuthError.invalidClient("client authentication is required (client_id)")
        }
        if let secret = form["client_secret"] {
            return (form, ClientCredentials(clientID: clientID, secret: secret, channel: .post))
        }
        return (form, ClientCredentials(clientID: clientID, secret: nil, channel: .none))
    }

    /// RFC 6749 §2.3.1: Basic credentials are form-urlencoded before base64.
    static func decodeBasic(_ header: String) -> (String, String)? {
        let encoded = header.dropFirst("basic ".count).trimmingCharacters(in: .whitespaces)
        guard let data = Data(base64Encoded: encoded), let decoded = String(data: data, encoding: .utf8),
            let colon = decoded.firstIndex(of: ":"),
            let id = FormBody.decode(decoded[..<colon]), let secret = FormBody.decode(decoded[decoded.index(after: colon)...]),
            !id.isEmpty
        else { return nil }
        return (id, secret)
    }
}

/// RFC 6749 §5.1 success body.
struct TokenResponse: Encodable {
    var accessToken: String
    var tokenType = "Bearer"
    var expiresIn: Int
    var refreshToken: String
    var scope: String

    init(_ tokens: IssuedTokens) {
        accessToken = tokens.accessToken
        expiresIn = tokens.expiresIn
        refreshToken = tokens.refreshToken
        scope = tokens.scope
    }

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case tokenType = "token_type"
        case expiresIn = "expires_in"
        case refreshToken = "refresh_token"
        case scope
    }
}
