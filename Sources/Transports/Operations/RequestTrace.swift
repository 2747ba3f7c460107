import HTTPTypes
import Hummingbird
import Synchronization

/// The id that ties an HTTP request, its MCP message, its tool call and its Discogs calls together in the logs.
///
/// A task-local, so every logger on the request's task (through the logging metadata provider)
/// picks it up without it being passed around.
public enum RequestTrace {
    @TaskLocal public static var id: String?
    /// The client address of the request being served (see `ClientAddressMiddleware`), for log lines.
    @TaskLocal public static var clientAddress: String?

    /// A random per-process prefix and a counter: unique across restarts and within the process,
    /// and cheap (no system call on the request path).
    public static func newID() -> String {
        prefix + String(counter.wrappingAdd(1, ordering: .relaxed).newValue, radix: 16)
    }

    private static let prefix: String = {
        var generator = SystemRandomNumberGenerator()
        return String(generator.next() as UInt32, radix: 16) + "-"
    }()

    private static let counter = Atomic<UInt64>(0)

    /// Accepts a caller-supplied id only if it is short and plain, so it cannot inject into logs.
    static func sanitized(_ incoming: String?) -> String? {
        guard let incoming, (1...64).contains(incoming.count),
            incoming.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else { return nil }
        return incoming
    }
}

/// Gives every HTTP request a trace id (or keeps a sane incoming `X-Request-Id`) and echoes it.
public struct RequestTraceMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let id = RequestTrace.sanitized(request.headers[.xRequestID]) ?? RequestTrace.newID()
        var response = try await RequestTrace.$id.withValue(id) {
            try await next(request, context)
        }
        response.headers[.xRequestID] = id
        return response
    }
}

extension HTTPField.Name {
    static let xRequestID = HTTPField.Name("X-Request-Id") ?? .via
}
