import Foundation
import MCP
import Testing

/// Issue 14 point 8 and issue 17 point 4: what one message may make the server hold or do.
@Suite("Input bounds")
struct InputBoundsTests {
    static func batch(_ count: Int) -> [UInt8] {
        let items = (0..<count).map { #"{"jsonrpc":"2.0","id":\#($0),"method":"ping"}"# }
        return Array(("[" + items.joined(separator: ",") + "]").utf8)
    }

    @Test("a batch of 100 is a batch; a batch of 101 is one invalid-request error")
    func batchCap() throws {
        guard case .batch(let items) = JSONRPCMessage.parse(Self.batch(100)) else {
            Issue.record("a batch of 100 must stay a batch")
            return
        }
        #expect(items.count == 100)
        guard case .single(.failure(let invalid)) = JSONRPCMessage.parse(Self.batch(101)) else {
            Issue.record("a batch of 101 must be refused as a whole")
            return
        }
        #expect(invalid.error.code == JSONRPCError.invalidRequestCode)
        #expect(invalid.id == nil && !invalid.isNotification)
        #expect(invalid.error.message.contains("at most 100"))
    }

    @Test("initialize keeps at most 16 KB of client capabilities, and every declared name when it must reduce them")
    func capabilitiesBounded() async throws {
        let huge = JSONValue.string(String(repeating: "x", count: 200_000))
        let capabilities: JSONValue = ["sampling": [:], "elicitation": ["form": [:]], "experimental": ["blob": huge]]
        let outcome = await makeDispatcher().handle(
            request(
                "initialize",
                ["protocolVersion": "2025-11-25", "capabilities": capabilities, "clientInfo": ["name": huge, "version": "1", "extra": huge]]
            ),
            context: MessageContext(caller: anonymous, transport: .streamableHTTP, era: .handshake(nil))
        )
        guard case .initialized(_, let negotiation) = outcome else {
            Issue.record("initialize did not initialize")
            return
        }
        #expect(JSONValue.object(negotiation.clientCapabilities).encodedBytes.count <= Negotiation.maximumCapabilityBytes)
        #expect(Set(negotiation.clientCapabilities.keys) == ["sampling", "elicitation", "experimental"])
        #expect(negotiation.clientInfo?["name"]?.stringValue?.count == Negotiation.maximumInfoCharacters)
        #expect(negotiation.clientInfo?["extra"] == nil)
        #expect(negotiation.clientInfo?["version"] == "1")
    }

    @Test("capabilities that fit are kept exactly")
    func smallCapabilitiesKept() {
        let capabilities: [String: JSONValue] = ["sampling": [:], "roots": ["listChanged": true]]
        let negotiation = Negotiation(revision: .v2025_11_25, requestedVersion: nil, clientInfo: nil, clientCapabilities: capabilities)
        #expect(negotiation.clientCapabilities == capabilities)
    }
}
