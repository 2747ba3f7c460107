import Foundation
import PostgresNIO

/// How to reach a PostgreSQL server: a `postgres://` URL, completed by the usual `PG*` variables.
///
/// The URL wins over the environment for what it names; `PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`,
/// `PGDATABASE` and `PGSSLMODE` fill what it leaves out, as libpq does. `sslmode` (query item or
/// `PGSSLMODE`) is `disable`, `prefer` (the default, as in libpq) or `require`/`verify-ca`/`verify-full`.
/// The password is never part of `description`, so the settings can be logged.
public struct PostgresSettings: Sendable, Hashable, CustomStringConvertible {
    public enum TLSMode: String, Sendable, Hashable {
        case disable, prefer, require
    }

    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    public struct Invalid: Error, CustomStringConvertible, Equatable {
        public let problem: String
        public var description: String { "invalid PostgreSQL URL: \(problem)" }
    }

    public init(host: String, port: Int = 5432, username: String, password: String?, database: String, tls: TLSMode = .prefer) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
    }

    public init(url: String, environment: [String: String] = [:]) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "postgres" || scheme == "postgresql"
        else { throw Invalid(problem: "expected postgres://user:password@host:port/database") }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let path = components.percentEncodedPath.drop(while: { $0 == "/" })
        let host = Self.nonEmpty(components.host) ?? Self.nonEmpty(query["host"]) ?? Self.nonEmpty(environment["PGHOST"]) ?? "localhost"
        let user = Self.nonEmpty(components.user) ?? Self.nonEmpty(query["user"]) ?? Self.nonEmpty(environment["PGUSER"]) ?? "postgres"
        let password = components.password ?? query["password"] ?? environment["PGPASSWORD"]
        let database = Self.nonEmpty(String(path).removingPercentEncoding) ?? Self.nonEmpty(environment["PGDATABASE"]) ?? user
        var port = components.port
        if port == nil, let text = Self.nonEmpty(environment["PGPORT"]) {
            guard let value = Int(text) else { throw Invalid(problem: "PGPORT is not a number") }
            port = value
        }
        let resolvedPort = port ?? 5432
        guard (1...65_535).contains(resolvedPort) else { throw Invalid(problem: "the port is out of range") }
        let modeText = Self.nonEmpty(query["sslmode"]) ?? Self.nonEmpty(environment["PGSSLMODE"]) ?? "prefer"
        let tls: TLSMode
        switch modeText.lowercased() {
        case "disable": tls = .disable
        case "allow", "prefer": tls = .prefer
        case "require", "verify-ca", "verify-full": tls = .require
        default: throw Invalid(problem: "sslmode \(modeText) is not one of disable, prefer, require, verify-ca, verify-full")
        }
        self.init(host: host, port: resolvedPort, username: user, password: password, database: database, tls: tls)
    }

    /// The URL without its password, for logs and `/readyz`.
    public var description: String {
        "postgres://\(username)@\(host):\(port)/\(database)?sslmode=\(tls.rawValue)"
    }

    /// The client configuration postgres-nio takes; `maximumConnections` bounds the pool.
    public func clientConfiguration(maximumConnections: Int = 20) -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if host.hasPrefix("/") {
            configuration = .init(unixSocketPath: host + "/.s.PGSQL.\(port)", username: username, password: password, database: database)
        } else {
            let tlsConfiguration: PostgresClient.Configuration.TLS
            switch tls {
            case .disable: tlsConfiguration = .disable
            case .prefer: tlsConfiguration = .prefer(.makeClientConfiguration())
            case .require: tlsConfiguration = .require(.makeClientConfiguration())
            }
            configuration = .init(host: host, port: port, username: username, password: password, database: database, tls: tlsConfiguration)
        }
        configuration.options.maximumConnections = maximumConnections
        configuration.options.minimumConnections = 0
        return configuration
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
