import Hummingbird
import Logging
import NIOCore

/// The fake Discogs: a Hummingbird application serving the API, the authorize page and images.
///
/// Used by tests (on an ephemeral port) and by sandbox mode (in process, with a generated account),
/// so both exercise the real HTTP client against the same behaviour.
public enum FakeDiscogs {
    /// The router with every route and the Discogs middleware, for `app.test(.router)` or embedding.
    public static func buildRouter(
        state: FakeDiscogsState,
        configuration: FakeDiscogsConfiguration = FakeDiscogsConfiguration()
    ) -> Router<FakeDiscogsContext> {
        let router = Router(context: FakeDiscogsContext.self)
        router.add(middleware: FakeDiscogsMiddleware(state: state, configuration: configuration))
        let routes = FakeRoutes(state: state)
        routes.addRoot(to: router)
        routes.addOAuth(to: router)
        routes.addDatabase(to: router)
        routes.addUsers(to: router)
        routes.addCollection(to: router)
        routes.addWantlist(to: router)
        routes.addLists(to: router)
        routes.addMarketplace(to: router)
        routes.addImages(to: router)
        if let token = configuration.controlToken { FakeControlRoutes(state: state, token: token).add(to: router) }
        return router
    }

    /// The application, ready to `run()` or to add to a service group.
    ///
    /// - Parameter onServerRunning: called with the bound port once listening (use port 0 to let the OS choose).
    public static func buildApplication(
        state: FakeDiscogsState,
        configuration: FakeDiscogsConfiguration = FakeDiscogsConfiguration(),
        logger: Logger? = nil,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        var quiet = Logger(label: "discogs-sandbox")
        // Cancelling an in-process server logs "Waiting on child channel" at error level; stay quiet by default.
        quiet.logLevel = .critical
        return Application(
            router: buildRouter(state: state, configuration: configuration),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "FakeDiscogs"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger ?? quiet
        )
    }
}
