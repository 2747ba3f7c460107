import Auth
import Prometheus

/// OAuth series: registrations, authorizations, tokens and failures by reason.
extension ServerMetrics: OAuthObserver {
    static let oauthHelp: [String: String] = [
        "oauth_events_total":
            "Authorization-server events: registration, authorization_started, authorization_approved, authorization_denied, token_issued, token_refreshed, token_revoked, session_linked.",
        "oauth_failures_total": "Authorization-server failures by reason (an RFC 6749 error code or a login-step name).",
    ]

    public func oauthEvent(_ event: OAuthEvent) {
        oauthCounter("oauth_events_total", [("event", event.rawValue)]).increment()
    }

    public func oauthFailure(_ reason: String) {
        let label = OAuthFailure.known.contains(reason) ? reason : "other"
        oauthCounter("oauth_failures_total", [("reason", label)]).increment()
    }

    /// Zero-valued series for every event, so dashboards see them before the first login.
    public func registerOAuthSeries() {
        for event in OAuthEvent.allCases { _ = oauthCounter("oauth_events_total", [("event", event.rawValue)]) }
    }

    private func oauthCounter(_ name: String, _ labels: [(String, String)]) -> Counter {
        registry.makeCounter(name: Self.prefix + name, labels: labels, help: Self.oauthHelp[name] ?? "")
    }
}
