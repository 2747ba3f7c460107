import Foundation
import Storage
import Testing

/// Cross-instance signals: LISTEN/NOTIFY between two clients of one database, and the local bus.
@Suite("InstanceBus")
struct InstanceBusTests {
    /// The next message of `stream` (a lost message ends the test at its time limit, not a timer here).
    static func next(_ stream: AsyncStream<BusMessage>) async -> BusMessage? {
        var iterator = stream.makeAsyncIterator()
        return await iterator.next()
    }

    @Test("a message published on one instance reaches the other; lag p50/p99 printed", .timeLimit(.minutes(3)))
    func postgresCrossesInstances() async throws {
        try await TestPostgres.withDatabase(migrate: false) { first in
            try await TestPostgres.withRunning(first.settings) { second in
                let sender = PostgresInstanceBus(database: first, instanceID: "A")
                let receiver = PostgresInstanceBus(database: second, instanceID: "B")
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { await sender.run() }
                    group.addTask { await receiver.run() }
                    await sender.ready()
                    await receiver.ready()
                    let incoming = await receiver.messages()
                    let own = await sender.messages()
                    try await sender.publish(topic: "list_changed", payload: #"{"principal":"discogs:42"}"#)
                    let message = try #require(await Self.next(incoming))
                    #expect(message.origin == "A" && message.topic == "list_changed" && message.payload == #"{"principal":"discogs:42"}"#)
                    #expect(await Self.next(own)?.origin == "A")

                    var lags: [Double] = []
                    for index in 0..<200 {
                        let sent = Date()
                        try await sender.publish(topic: "lag", payload: "\(index)")
                        guard let received = await Self.next(incoming) else {
                            Issue.record("the stream ended before message \(index)")
                            break
                        }
                        #expect(received.payload == "\(index)")
                        lags.append(Date().timeIntervalSince(sent) * 1000)
                    }
                    lags.sort()
                    if !lags.isEmpty {
                        let p50 = lags[lags.count / 2]
                        let p99 = lags[min(lags.count - 1, lags.count * 99 / 100)]
                        // A measurement, not an assertion: the unit suite asserts no durations.
                        print(
                            "notification lag over \(lags.count) messages: p50 \(String(format: "%.2f", p50)) ms, p99 \(String(format: "%.2f", p99)) ms"
                        )
                    }
                    await #expect(throws: PostgresInstanceBus.TooLarge.self) {
                        try await sender.publish(topic: "big", payload: String(repeating: "x", count: 9000))
                    }
                    group.cancelAll()
                }
            }
        }
    }

    @Test("the local bus delivers to this process's subscribers", .timeLimit(.minutes(1)))
    func local() async throws {
        let bus = LocalInstanceBus(instanceID: "solo")
        let stream = await bus.messages()
        try await bus.publish(topic: "t", payload: "p")
        let message = try #require(await Self.next(stream))
        #expect(message.origin == "solo" && message.topic == "t" && message.payload == "p")
    }
}
