import ArgumentParser
import Foundation
import Hummingbird
import Logging
import MCP
import Storage
import Transports

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
            let configuration = try options.resolve()
            let logger = Logging.bootstrap(level: configuration.logLevel)
            signal(SIGPIPE, SIG_IGN)
            do {
                let app = try buildApplication(configuration, logger: logger)
                try await app.runService()
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
            let configuration = try options.resolve()
            let logger = Logging.bootstrap(level: configuration.logLevel)
            signal(SIGPIPE, SIG_IGN)
            let core: ServerCore
            do {
                core = try ServerCore.make(configuration, transports: [.stdio], logger: logger)
            } catch let error as ConfigurationError {
                StandardError.print("discogs-mcp: \(error)")
                throw ExitCode(78)
            }
            let transport = StdioTransport(
                dispatcher: core.dispatcher,
                caller: Caller(core.principal),
                maximumLineBytes: configuration.maxBodyBytes,
                logger: logger
            )
            await transport.run()
            try? core.database.close()
        }
    }
}

/// Writes to stderr: stdout belongs to the stdio transport.
enum StandardError {
    static func print(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}

enum Logging {
    /// Sends every log line to stderr at `level` and returns the server's logger.
    static func bootstrap(level: Logger.Level) -> Logger {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: "discogs-mcp")
        logger.logLevel = level
        return logger
    }
}
