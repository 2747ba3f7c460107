import Foundation

/// Everything that can go wrong talking to Discogs, each case with a message a user can act on.
///
/// Tools turn these into `isError` results verbatim, so the descriptions are written for the
/// person (or model) reading them, not for a developer.
public enum DiscogsError: Error, Sendable, Equatable {
    /// 401: the credential was refused (revoked OAuth grant, bad token, bad consumer).
    case unauthorized(message: String?)
    /// 403: authenticated but not allowed, usually data private to its owner.
    case forbidden(message: String?)
    /// 404: no such release, master, user, folder…
    case notFound(message: String?)
    /// 400/405/409/415/422: Discogs rejected what we asked; `message` says why.
    case validation(message: String)
    /// 429, or our own governor refusing to wait longer than the caller's deadline.
    case rateLimited(retryAfter: Duration)
    /// 5xx, or a non-JSON edge page (Cloudflare) in place of an answer.
    case server(status: Int, message: String?)
    /// Connect, read or overall deadline passed.
    case timeout
    /// The connection failed (refused, reset, DNS…).
    case transport(String)
    /// A 2xx answer this client could not decode.
    case malformedBody(String)
    /// A call needs credentials this server was not configured with.
    case notConfigured(String)
}

extension DiscogsError: CustomStringConvertible, LocalizedError {
    public var description: String {
        switch self {
        case .unauthorized(let message):
            "Discogs refused the credentials\(Self.quoted(message)). The Discogs authorization may have been revoked: sign in with Discogs again."
        case .forbidden(let message):
            "Discogs refused access\(Self.quoted(message)). This data is private to its owner; sign in as that Discogs user to see it."
        case .notFound(let message):
            "Discogs found nothing there\(Self.quoted(message)). Check the id: release, master, artist and label ids are separate namespaces."
        case .validation(let message):
            "Discogs rejected the request: \(message)"
        case .rateLimited(let retryAfter):
            "Discogs is rate-limiting this server; retry in about \(Self.seconds(retryAfter)) s."
        case .server(let status, let message):
            "Discogs is unavailable right now (HTTP \(status)\(message.map { ": \($0)" } ?? "")); try again in a minute."
        case .timeout:
            "Discogs did not answer in time; try again shortly, or ask for less (a smaller page, a narrower search)."
        case .transport(let detail):
            "Could not reach Discogs (\(detail)); check this server's network connection and try again."
        case .malformedBody(let detail):
            "Discogs sent an answer this server could not read (\(detail)); try again, and report it if it persists."
        case .notConfigured(let detail):
            "This server is not configured for that: \(detail)"
        }
    }

    public var errorDescription: String? { description }

    /// A 401 aimed at this server's Discogs application rather than at a user's token: "Invalid
    /// consumer." (the consumer key is unknown: the app was deleted or its key replaced) or a
    /// missing consumer key (Discogs API documentation, "Authentication"; "Invalid consumer token."
    /// is the user's token, revoked or bad). Ending users' grants would not mend it.
    public var refusesTheApplication: Bool {
        guard case .unauthorized(let message?) = self else { return false }
        let text = message.trimmingCharacters(in: .whitespacesAndNewlines)
        return text == "Invalid consumer." || text == "Invalid consumer" || text.hasPrefix("Parameter not found: oauth_consumer_key")
    }

    /// Whether retrying the same idempotent call later may succeed without any change.
    public var isTransient: Bool {
        switch self {
        case .server, .timeout, .transport, .rateLimited: true
        default: false
        }
    }

    private static func quoted(_ message: String?) -> String {
        guard let message, !message.isEmpty else { return "" }
        return " (“\(message)”)"
    }

    static func seconds(_ duration: Duration) -> Int {
        let components = duration.components
        return max(1, Int(components.seconds) + (components.attoseconds > 0 ? 1 : 0))
    }
}
