import Auth
import Foundation

/// Who may use the server and what a new grant asks for: the settings of issue 9's access controls.
public struct AccessSettings: Sendable, Hashable {
    /// What the 401 challenge, a scope-less `/authorize` and the SSE login link ask for.
    public var defaultScopes: [String] = Scope.allCases.map(\.rawValue)
    /// Lowercased Discogs usernames that may sign in; empty lets anyone in.
    public var allowedUsers: Set<String> = []
    /// The static bearer of single-user HTTP beyond loopback (`DISCOGS_TOKEN` mode).
    public var accessKey: String?
    /// How long a session login link works.
    public var loginLinkLifetime: TimeInterval = 600
    /// Discogs logins one address may start per hour.
    public var loginStartsPerHour = 20

    public init() {}

    /// The shortest access key accepted: a guessable key on a public address is an open account.
    public static let minimumAccessKeyLength = 32
}

extension ServerConfiguration {
    /// Reads the access settings; called from `resolve` so the first invalid one stops start-up, named.
    static func resolveAccess(_ source: SettingsSource) throws(ConfigurationError) -> AccessSettings {
        var access = AccessSettings()
        let scopeText = source.text(.defaultScopes)
        let named = scopeText.split(whereSeparator: { $0 == " " || $0 == "," }).map { $0.lowercased() }
        let known = Scope.allCases.map(\.rawValue)
        guard !named.isEmpty, named.allSatisfy(known.contains), named.contains("read") else {
            throw ConfigurationError(
                setting: Setting.defaultScopes.name,
                value: scopeText,
                problem: "must list read and optionally write and marketplace (space- or comma-separated)"
            )
        }
        access.defaultScopes = known.filter(named.contains)
        let users = (source[.allowedUsers] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        access.allowedUsers = Set(users.filter { !$0.isEmpty })
        if let key = source[.accessKey] {
            guard key.count >= AccessSettings.minimumAccessKeyLength, !key.contains(where: \.isWhitespace) else {
                throw ConfigurationError(
                    setting: Setting.accessKey.name,
                    value: "(set)",
                    problem:
                        "must be at least \(AccessSettings.minimumAccessKeyLength) characters without spaces (e.g. the output of `openssl rand -hex 32`)"
                )
            }
            access.accessKey = key
        }
        access.loginLinkLifetime = TimeInterval(try source.integer(.loginLinkSeconds, in: 1...600))
        access.loginStartsPerHour = try source.integer(.loginStartsPerHour, in: 1...100_000)
        return access
    }
}
