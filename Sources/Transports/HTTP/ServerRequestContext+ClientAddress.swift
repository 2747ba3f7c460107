import Auth

/// The authorization pages read the peer's address through Auth's protocol (per-address login caps).
extension ServerRequestContext: ClientAddressProviding {}
