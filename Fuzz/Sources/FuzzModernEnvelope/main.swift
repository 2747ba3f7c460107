// The 2026-07-28 `_meta` envelope and the Mcp-Method / Mcp-Name / MCP-Protocol-Version checks,
// including the `=?base64?…?=` sentinels. Input: version NUL method-header NUL name-header NUL body.
import Foundation
import FuzzKit
import MCP

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let fields = inputFields(inputBytes(data, size), count: 4)
    for field in fields.prefix(3) {
        if let decoded = RoutingHeaders.decodeValue(field), decoded != field {
            // A decoded sentinel must be exactly what its base64 payload says.
            let payload = field.dropFirst("=?base64?".count).dropLast(2)
            require(Data(base64Encoded: String(payload)).map { String(decoding: $0, as: UTF8.self) } == decoded, "sentinel \(field)")
        }
    }
    guard case .object(let message)? = try? JSONParser.parse(Array(fields[3].utf8)) else { return 0 }
    let method = message["method"]?.stringValue ?? "tools/call"
    let params = message["params"]?.objectValue ?? [:]
    let headers = RoutingHeaders(
        protocolVersion: fields[0].isEmpty ? nil : fields[0], method: fields[1].isEmpty ? nil : fields[1],
        name: fields[2].isEmpty ? nil : fields[2]
    )
    for candidate in [headers, nil] {
        if case .success(let envelope) = ModernEnvelope.validate(method: method, params: params, headers: candidate) {
            require(envelope.revision.isModern, "accepted a non-modern revision")
            if candidate != nil {
                // Accepted over HTTP: the version header named exactly the body's version.
                require(fields[0] == envelope.revision.rawValue, "version header \(fields[0]) accepted for \(envelope.revision.rawValue)")
            }
        }
    }
    _ = ModernEnvelope.isPresent(in: params)
    return 0
}

runFuzzer(testOneInput)
