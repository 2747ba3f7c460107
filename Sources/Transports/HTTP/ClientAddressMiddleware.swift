import Auth
import HTTPTypes
import Hummingbird

/// Sets the request's client address (`ServerRequestContext.clientAddress`) from the forwarding
/// headers of trusted proxies, before anything that limits, logs or authorizes by address runs.
public struct ClientAddressMiddleware: RouterMiddleware {
    public typealias Context = ServerRequestContext
    let proxies: TrustedProxies

    public init(proxies: TrustedProxies) {
        self.proxies = proxies
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if !proxies.isEmpty {
            context.clientAddress = proxies.clientAddress(
                peer: context.peerAddress,
                forwardedFor: request.headers[values: .xForwardedFor],
                forwarded: request.headers[values: .forwarded]
            )
        }
        return try await RequestTrace.$clientAddress.withValue(context.clientAddress?.description) {
            try await next(request, context)
        }
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For") ?? .via
    static let forwarded = HTTPField.Name("Forwarded") ?? .via
}
