extension JSONRPCError {
    /// The application code of "too many requests" answers (the HTTP status, outside the reserved range).
    public static let tooManyRequestsCode = 429

    /// A session (or stdio connection) already has `limit` requests running; answered at once
    /// instead of queueing, so one client cannot make the server hold unbounded work.
    public static func tooManyInFlight(limit: Int) -> JSONRPCError {
        JSONRPCError(
            code: tooManyRequestsCode,
            message: "Too many requests in flight on this session (at most \(limit)); wait for answers before sending more",
            data: ["maxInFlight": .int(Int64(limit))]
        )
    }
}
