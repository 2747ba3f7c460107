import HTTPTypes
import Hummingbird
import MCP

extension HTTPReplies {
    /// The answer when the registry refuses a new session or listen stream.
    ///
    /// A full registry is the server's condition (503); a caller at its own cap is told so (429),
    /// both with `Retry-After`, as a JSON-RPC error the SDKs surface.
    static func sessionRefused(_ failure: SessionRegistry.Failure, id: MCP.RequestID?) -> Response {
        var fields = HTTPFields()
        fields[.retryAfter] = "30"
        switch failure {
        case .full:
            return sessionsFull(id: id)
        case .principalFull(let limit):
            return error(
                JSONRPCError(
                    code: JSONRPCError.tooManyRequestsCode,
                    message: "this account holds its maximum of \(limit) sessions and streams; end one (DELETE the session) or retry later"
                ),
                id: id,
                status: .tooManyRequests,
                headers: fields
            )
        case .addressFull(let limit):
            return error(
                JSONRPCError(
                    code: JSONRPCError.tooManyRequestsCode,
                    message: "this address holds its maximum of \(limit) anonymous sessions and streams; close one, sign in, or retry later"
                ),
                id: id,
                status: .tooManyRequests,
                headers: fields
            )
        }
    }

    /// `sessionRefused` for any error `SessionRegistry.create` throws.
    static func sessionRefused(_ error: any Error, id: MCP.RequestID?) -> Response {
        (error as? SessionRegistry.Failure).map { sessionRefused($0, id: id) } ?? sessionsFull(id: id)
    }
}
