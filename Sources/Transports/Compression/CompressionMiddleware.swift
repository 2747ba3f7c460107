import HTTPTypes
import Hummingbird

/// Lets JSON answers be compressed for clients that accept it, and says that they vary by it.
///
/// The middleware only negotiates: it reads `Accept-Encoding` into `ResponseCompression.current`
/// for the request's task, where `HTTPReplies.json` picks it up. Event streams are built
/// elsewhere and never compressed (a compressor buffers, and a stream's events must go out
/// the moment they are written). Every JSON answer gets `Vary: Accept-Encoding`, compressed or
/// not, so a cache never serves one coding to a client that asked for another.
public struct CompressionMiddleware<Context: RequestContext>: RouterMiddleware {
    let minimumBytes: Int

    /// `minimumBytes`: smaller JSON answers go out as they are (compression would not pay).
    public init(minimumBytes: Int) {
        self.minimumBytes = minimumBytes
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let allowed = ContentCoding.negotiate(request.headers[.acceptEncoding]).map {
            ResponseCompression(coding: $0, minimumBytes: minimumBytes)
        }
        var response = try await ResponseCompression.$current.withValue(allowed) {
            try await next(request, context)
        }
        if response.headers[.contentType]?.hasPrefix("application/json") == true {
            response.headers.append(HTTPField(name: .vary, value: "Accept-Encoding"))
        }
        return response
    }
}
