// The JSON parser and JSON-RPC classification: any bytes give a value or a clean failure, and what
// parses re-encodes to JSON that parses to the same encoding (the writer and the parser agree).
import FuzzKit
import MCP

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = inputBytes(data, size)
    _ = JSONRPCMessage.parse(bytes)
    guard let value = try? JSONParser.parse(bytes) else { return 0 }
    let encoded = value.encodedBytes
    guard let again = try? JSONParser.parse(encoded) else {
        require(false, "the writer's output does not parse: \(String(decoding: encoded, as: UTF8.self))")
        return 0
    }
    require(again.encodedBytes == encoded, "encoding is not stable: \(String(decoding: encoded, as: UTF8.self))")
    return 0
}

runFuzzer(testOneInput)
