import Foundation
import Locking
import Logging
import Storage
import TestSupport
import Testing

@Suite("Log sink and redaction", .removesTemporaryFolders)
struct LogSinkTests {
    final class Lines: Sendable {
        let value = Locked<[String]>([])
        func append(_ line: String) { value.withLock { $0.append(line) } }
        var all: String { value.withLock { $0.joined(separator: "\n") } }
    }

    func makeSink(format: LogFormat = .json, maximumRows: Int = 1000, clock: ServerClock = .continuous) throws -> (LogSink, Lines, Database) {
        let path = TemporaryFolder.make("discogs-mcp-logs").appendingPathComponent("db.sqlite").path
        let database = try Database(path: path)
        let lines = Lines()
        let sink = LogSink(
            database: database,
            format: format,
            retention: .init(maximumAge: .seconds(3600), maximumRows: maximumRows),
            clock: clock,
            writeLine: { lines.append($0) }
        )
        return (sink, lines, database)
    }

    func logger(_ sink: LogSink, provider: Logger.MetadataProvider? = nil) -> Logger {
        Logger(label: "test") { label in LogSinkHandler(label: label, sink: sink, level: .trace, metadataProvider: provider) }
    }

    @Test("no secret survives any logger path: message, metadata, nested values, provider metadata, registered values")
    func redaction() async throws {
        let (sink, lines, _) = try makeSink()
        let registered = "discogs-personal-token-\(UUID().uuidString)"
        sink.redactor.register(registered)
        let accessToken = "mcp_at_" + String(repeating: "Ab9", count: 15)
        let secrets = [
            registered, accessToken, "refresh-7f3a9c2e1b", "oauth-secret-9d8c7b", "verifier-3e2d1c", "s3cr3tPassw0rd!",
            "authcode-5f4e3d2c", "sigABCDEF123456",
        ]
        let provider = Logger.MetadataProvider { ["request_id": "r-1", "bearer": "\(accessToken)"] }
        var log = logger(sink, provider: provider)
        log[metadataKey: "client_secret"] = "oauth-secret-9d8c7b"
        log.info("user pasted \(registered) and Authorization: Bearer \(accessToken)")
        log.warning(
            "token exchange",
            metadata: [
                "refresh_token": "refresh-7f3a9c2e1b",
                "note": "redirect?code=authcode-5f4e3d2c&state=ok oauth_verifier=verifier-3e2d1c",
                "nested": ["password": "s3cr3tPassw0rd!", "list": ["oauth_signature=sigABCDEF123456"]],
                "Authorization": "Discogs token=\(registered)",
            ]
        )
        log.error("failed: \(["token": accessToken])")
        let stored = try await waitForRows(sink, count: 3)
        let storedText = stored.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
        for secret in secrets {
            #expect(!lines.all.contains(secret), "stderr leaked \(secret)")
            #expect(!storedText.contains(secret), "the log table leaked \(secret)")
        }
        #expect(lines.all.contains(Redactor.placeholder))
        #expect(lines.all.contains("\"request_id\":\"r-1\""), "the trace id stays readable")
    }

    @Test("JSON lines parse, logfmt lines are single lines")
    func formats() throws {
        let (json, jsonLines, _) = try makeSink(format: .json)
        logger(json).info("hello \"world\"\nsecond line", metadata: ["tool": "search_collection"])
        let line = try #require(jsonLines.value.withLock { $0.first })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object["msg"] == "hello \"world\"\nsecond line")
        #expect(object["tool"] == "search_collection")
        #expect(object["level"] == "info")
        let (logfmt, logfmtLines, _) = try makeSink(format: .logfmt)
        logger(logfmt).info("two\nlines", metadata: ["k": "v w"])
        let text = try #require(logfmtLines.value.withLock { $0.first })
        #expect(!text.contains("\n"))
        #expect(text.contains("k=\"v w\""))
    }

    @Test("the table is bounded by row count and drained on finish")
    func retention() async throws {
        let (sink, _, _) = try makeSink(maximumRows: 100)
        let running = Task { await sink.run() }
        let log = logger(sink)
        for index in 0..<500 { log.info("event \(index)") }
        sink.finish()
        await running.value
        let count = try await sink.storedCount()
        #expect(count <= 110 && count >= 100, "kept \(count)")
        let newest = try await sink.recent(limit: 1)
        #expect(newest.first?.message == "event 499")
    }

    @Test("events are stamped by the sink's clock and leave the table once older than the retention age")
    func ageRetention() async throws {
        let manual = ManualClock()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let (sink, _, _) = try makeSink(maximumRows: 10, clock: ServerClock(manual, epoch: start))
        let running = Task { await sink.run() }
        let log = logger(sink)
        log.info("old")
        manual.advance(by: .seconds(3599))
        log.info("kept")
        manual.advance(by: .seconds(2))
        log.info("new")
        sink.finish()
        await running.value
        let rows = try await sink.recent(limit: 10)
        #expect(rows.map(\.message) == ["new", "kept"], "the event older than an hour is gone")
        #expect(rows.first?.timestamp == start.addingTimeInterval(3601))
    }

    /// Stores everything logged so far (`finish()` then a full `run()`), then reads the table.
    private func waitForRows(_ sink: LogSink, count: Int) async throws -> [LogRecord] {
        sink.finish()
        await sink.run()
        let rows = try await sink.recent(limit: 100)
        #expect(rows.count >= count)
        return rows
    }
}
