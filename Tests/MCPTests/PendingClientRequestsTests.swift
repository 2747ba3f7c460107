import MCP
import Testing

/// The table of server→client requests as a pure state machine: instants are passed in by hand.
@Suite("Pending client requests: the state machine alone")
struct PendingClientRequestsTests {
    let start = Duration.zero

    @Test("an answer reaches the waiter, once; a second answer with that id finds nothing")
    func resolve() {
        var table = PendingClientRequests<String>()
        let id = table.open(session: "s1", deadline: start + .seconds(5))
        #expect(id == .string("srv-1"))
        guard let id else { return }
        #expect(table.wait(id, waiter: "w1") == nil)
        guard case .deliver(let waiter, let reply) = table.answer(id, session: "s1", reply: .result(["action": "accept"])) else {
            Issue.record("expected delivery")
            return
        }
        #expect(waiter == "w1" && reply == .result(["action": "accept"]))
        #expect(table.count == 0)
        guard case .unknown = table.answer(id, session: "s1", reply: .result([:])) else {
            Issue.record("a duplicate answer must find nothing")
            return
        }
    }

    @Test("an answer that arrives before the asker waits is kept and handed over at once")
    func answerBeforeWait() {
        var table = PendingClientRequests<String>()
        guard let id = table.open(session: "s1", deadline: start + .seconds(5)) else { return }
        guard case .stored = table.answer(id, session: "s1", reply: .error(code: -1, message: "no")) else {
            Issue.record("expected the answer to be stored")
            return
        }
        guard case .unknown = table.answer(id, session: "s1", reply: .result([:])) else {
            Issue.record("a duplicate of a stored answer must find nothing")
            return
        }
        #expect(table.wait(id, waiter: "w") == .error(code: -1, message: "no"))
        #expect(table.count == 0)
    }

    @Test("unknown ids, and ids of another session, find nothing")
    func unknownAndForeign() {
        var table = PendingClientRequests<String>()
        guard let id = table.open(session: "s1", deadline: start + .seconds(5)) else { return }
        _ = table.wait(id, waiter: "w")
        for (unknownID, session) in [(RequestID.string("srv-99"), "s1"), (.int(1), "s1"), (id, "s2")] {
            guard case .unknown = table.answer(unknownID, session: session, reply: .result([:])) else {
                Issue.record("\(unknownID) from \(session) must not resolve")
                return
            }
        }
        #expect(table.count == 1)
    }

    @Test("the deadline ends a wait: the waiter is handed back to be resumed, a late answer finds nothing")
    func timeout() {
        var table = PendingClientRequests<String>()
        guard let early = table.open(session: "s1", deadline: start + .seconds(1)),
            let later = table.open(session: "s1", deadline: start + .seconds(10))
        else { return }
        _ = table.wait(early, waiter: "early")
        _ = table.wait(later, waiter: "later")
        #expect(table.expire(now: start + .milliseconds(999)).isEmpty)
        #expect(table.expire(now: start + .seconds(1)) == ["early"])
        #expect(table.count == 1)
        guard case .unknown = table.answer(early, session: "s1", reply: .result([:])) else {
            Issue.record("a late answer must find nothing")
            return
        }
        // A request that expired before its asker waited: the asker hears it timed out.
        guard let unwaited = table.open(session: "s1", deadline: start + .seconds(2)) else { return }
        #expect(table.expire(now: start + .seconds(3)).isEmpty)
        #expect(table.wait(unwaited, waiter: "w") == .timedOut)
    }

    @Test("capacity is bounded per session and in total; ids are never reused")
    func capacity() {
        var table = PendingClientRequests<String>(perSession: 2, total: 3)
        let deadline = start + .seconds(5)
        let a = table.open(session: "s1", deadline: deadline)
        let b = table.open(session: "s1", deadline: deadline)
        #expect(table.open(session: "s1", deadline: deadline) == nil)
        let c = table.open(session: "s2", deadline: deadline)
        #expect(table.open(session: "s3", deadline: deadline) == nil)
        #expect(Set([a, b, c].compactMap { $0 }).count == 3)
        guard let a else { return }
        _ = table.wait(a, waiter: "a")
        #expect(table.cancel(a) == "a")
        #expect(table.count(session: "s1") == 1)
        let d = table.open(session: "s1", deadline: deadline)
        #expect(d != nil && d != a && d != b && d != c)
    }
}
