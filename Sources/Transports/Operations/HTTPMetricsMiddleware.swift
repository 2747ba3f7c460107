import Hummingbird

/// Counts HTTP requests by route template, method and status class, and times them.
///
/// The route is the matched template (`/mcp`, `/messages`), never the raw path, so the label
/// stays bounded whatever clients request; unmatched paths are `unmatched`.
public struct HTTPMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: any HTTPRequestObserver

    public init(metrics: any HTTPRequestObserver) {
        self.metrics = metrics
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let method = knownHTTPMethods.contains(request.method.rawValue) ? request.method.rawValue : "OTHER"
        do {
            let response = try await next(request, context)
            metrics.httpRequest(
                route: context.endpointPath ?? "unmatched",
                method: method,
                status: response.status.code,
                duration: ContinuousClock.now - started
            )
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.httpRequest(route: context.endpointPath ?? "unmatched", method: method, status: status, duration: ContinuousClock.now - started)
            throw error
        }
    }
}

/// HTTP methods that keep their name as a label.
private let knownHTTPMethods: Set<String> = ["GET", "POST", "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS"]
