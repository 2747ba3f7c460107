import Logging

extension FakeDiscogsServer {
    /// Starts sandbox mode's Discogs: a generated sample account served on loopback.
    ///
    /// Point the client's API and web URLs at `baseURL` and authenticate with
    /// `SampleAccount.personalToken` (or the consumer and access token constants) to act as
    /// `SampleAccount.Options().username`. Rate limits stay on, so the client's governor is exercised
    /// exactly as against Discogs.
    public static func startSandbox(
        _ options: SampleAccount.Options = SampleAccount.Options(),
        behaviour: FakeBehaviour = FakeBehaviour(),
        host: String = "127.0.0.1",
        port: Int = 0,
        controlToken: String? = nil,
        logger: Logger? = nil
    ) async throws -> FakeDiscogsServer {
        let state = FakeDiscogsState(sample: SampleAccount.generate(options), behaviour: behaviour)
        var configuration = FakeDiscogsConfiguration(host: host, port: port)
        configuration.controlToken = controlToken
        return try await start(state: state, configuration: configuration, logger: logger)
    }
}
