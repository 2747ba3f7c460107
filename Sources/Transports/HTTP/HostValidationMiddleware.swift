import HTTPTypes
import Hummingbird
import NIOCore

/// Answers 421 Misdirected Request to any request whose `Host` the `HostPolicy` refuses.
///
/// 421 is what the official Python SDK's DNS-rebinding guard answers (reference, mcp-protocol §
/// error table). The health probes stay open: they reveal nothing, and orchestrators probe by IP.
public struct HostValidationMiddleware<Context: RequestContext>: RouterMiddleware {
    let policy: HostPolicy
    static var exemptPaths: Set<String> { ["/healthz", "/readyz"] }

    public init(policy: HostPolicy) {
        self.policy = policy
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard policy.allows(authority: request.head.authority) || Self.exemptPaths.contains(request.uri.path) else {
            return Response(
                status: .misdirectedRequest,
                headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                body: ResponseBody(
                    byteBuffer: ByteBuffer(
                        string: "misdirected request: this server does not answer for the host named in the Host header. "
                            + "It serves its public URL's host and loopback names; add other names to DISCOGS_MCP_ALLOWED_HOSTS.\n"
                    )
                )
            )
        }
        return try await next(request, context)
    }
}
