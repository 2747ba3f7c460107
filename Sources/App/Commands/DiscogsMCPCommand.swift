import ArgumentParser
import Discogs
import DiscogsSandbox
import Foundation
import Hummingbird
import Logging
import MCP
import Metrics
import Prometheus
import ServiceLifecycle
import Storage
import Transports
import UnixSignals

@main
struct DiscogsMCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discogs-mcp",
        abstract: "A Model Context Protocol server for Discogs: collection, wantlist, marketplace and the Discogs database.",
        discussion: """
            Settings come from config/discogs-mcp.json, then environment variables, then flags (each overrides the one before).
            Secrets are read from the environment only: DISCOGS_MCP_SECRET, DISCOGS_TOKEN, DISCOGS_CONSUMER_KEY, DISCOGS_CONSUMER_SECRET.
            """,
        version: ServerConfiguration.version,
        subcommands: [Serve.self, Stdio.self],
        defaultSubcommand: Serve.self
    )
}

extension DiscogsMCPCommand {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve MCP over HTTP: Streamable HTTP at /mcp (every revision) and legacy HTTP+SSE at /sse."
        )

        @OptionGroup var options: SettingOptions

        func run() async throws {
            HeapSettings.server.apply()  // before the server's threads make their malloc arenas
            let configuration = try options.resolve()
            signal(SIGPIPE, SIG_IGN)
            do {
                // Before anything logs: a refused exposure is one line on stderr (exit 78).
                try checkSingleUserExposure(configuration)
                let storage = try await ServerStorage.open(configuration, logger: ServerStorage.bootLogger())
                let sink = LogSink(repository: storage.logEvents, format: configuration.logFormat, retention: configuration.logRetention)
                let logger = LogBootstrap.bootstrap(level: configuration.logLevel, sink: sink, secrets: configuration.secrets)
                let registry = PrometheusCollectorRegistry()
                MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
                var dependencies = AppDependencies(logger: logger)
                dependencies.storage = storage
                dependencies.metricsRegistry = registry
                dependencies.discogsBackend = try await DiscogsBackend.start(configuration, logger: logger)
                let built = try buildApplication(configuration, dependencies: dependencies)
                sink.redactor.register(built.secret.value)
                let shutdown = ShutdownLog(logger: logger, grace: configuration.shutdownGrace)
                let escalation = SignalEscalation(onFirstSignal: { shutdown.began(signal: $0) })
                // Storage first: the group stops services in reverse order, so the pool outlives the log sink and the server.
                var services: [ServiceGroupConfiguration.ServiceConfiguration] =
                    storage.services.map { .init(service: $0) } + [
                        .init(service: LogSinkService(sink: sink)),
                        .init(service: built.application),
                    ]
                if let metrics = built.metricsApplication { services.append(.init(service: metrics)) }
                var group = ServiceGroupConfiguration(services: services, logger: logger)
                group.gracefulShutdownSignals = [.sigterm, .sigint]
                group.maximumGracefulShutdownDuration = configuration.shutdownGrace
                group.maximumCancellationDuration = .seconds(5)
                try await ServiceGroup(configuration: group).run()
                try built.storage.close()
                await shutdown.finished()
                withExtendedLifetime(escalation) {}
            } catch let error as ConfigurationError {
                StandardError.print("discogs-mcp: \(error)")
                throw ExitCode(78)
            }
        }
    }

    struct Stdio: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve MCP over stdin/stdout for a local client (Claude Desktop, Claude Code). Logs go to stderr."
        )

        @OptionGroup var options: SettingOptions

        func run() async throws {
            let configuration = try options.resolve(stdio: true)
            signal(SIGPIPE, SIG_IGN)
            let core: ServerCore
            let sink: LogSink
            let logger: Logger
            do {
                let storage = try await ServerStorage.open(configuration, logger: ServerStorage.bootLogger())
                sink = LogSink(repository: storage.logEvents, format: configuration.logFormat, retention: configuration.logRetention)
                logger = LogBootstrap.bootstrap(level: configuration.logLevel, sink: sink, secrets: configuration.secrets)
                // First line: where the data is, since a desktop client starts us in a folder nobody chose.
                logger.info(
                    "discogs-mcp stdio starting",
                    metadata: [
                        "database": "\(storage.location)", "data_folder": "\(configuration.dataDirectory)",
                        "data_folder_source": "\(configuration.dataLocation.origin.rawValue)",
                    ]
                )
                let limiter = configuration.rateLimits.map { RateLimiter(clock: ContinuousClock(), policies: $0) }
                core = try ServerCore.make(
                    configuration,
                    transports: [.stdio],
                    backend: try await DiscogsBackend.start(configuration, logger: logger),
                    storage: storage,
                    gate: limiter.map { RateLimitedToolCalls(limiter: $0) },
                    logger: logger
                )
                sink.redactor.register(core.secret.value)
            } catch let error as ConfigurationError {
                StandardError.print("discogs-mcp: \(error)")
                throw ExitCode(78)
            }
            let transport = StdioTransport(
                dispatcher: core.dispatcher,
                caller: Caller(core.principal),
                maximumLineBytes: configuration.maxBodyBytes,
                maximumInFlight: configuration.limits.maxInFlightPerSession,
                logger: logger
            )
            // PostgreSQL's pool and listener run around everything else and stop once the log sink has drained.
            await withDiscardingTaskGroup { storageGroup in
                for service in core.storage.services { storageGroup.addTask { try? await service.run() } }
                // The log sink persists for exactly as long as the transport runs, in one task group.
                await withDiscardingTaskGroup { group in
                    group.addTask { await sink.run() }
                    await transport.run()
                    await DiscogsBackendService.shutDown(core.discogs, logger: logger)
                    await core.backend.sandbox?.stop()
                    logger.info("discogs-mcp stdio stopped: stdin closed, calls finished, Discogs client and sandbox stopped")
                    sink.finish()
                }
                storageGroup.cancelAll()
            }
            do {
                try core.storage.close()
            } catch {
                StandardError.print("discogs-mcp: closing the database failed: \(error)")
            }
        }
    }
}

/// Writes to stderr: stdout belongs to the stdio transport.
enum StandardError {
    static func print(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}

/// Sets up swift-log (named apart from its `Logging` module, which it would shadow).
enum LogBootstrap {
    /// Routes every log line through the redacting `LogSink` (stderr + the log table) at `level`,
    /// tagging each with the request's trace id, and returns the server's logger.
    static func bootstrap(level: Logger.Level, sink: LogSink, secrets: [String]) -> Logger {
        for secret in secrets { sink.redactor.register(secret) }
        let provider = Logger.MetadataProvider {
            var metadata: Logger.Metadata = [:]
            if let id = RequestTrace.id { metadata["request_id"] = .string(id) }
            if let client = RequestTrace.clientAddress { metadata["client_address"] = .string(client) }
            return metadata
        }
        LoggingSystem.bootstrap(
            { label, provider in LogSinkHandler(label: label, sink: sink, level: level, metadataProvider: provider) },
            metadataProvider: provider
        )
        var logger = Logger(label: "discogs-mcp")
        logger.logLevel = level
        return logger
    }
}
