import Foundation
import MCP
import Testing

@Suite("JSON parser")
struct JSONParserTests {
    func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }

    @Test("values of every type, escapes and surrogate pairs")
    func values() throws {
        let value = try parse(#" {"a":[1,-2,3.5,1e3,-0,true,false,null],"s":"x\"\\\/\b\f\n\r\tÿ\u00e9\ud83c\udfb5","e":{},"l":[]} "#)
        #expect(value["a"] == [1, -2, 3.5, 1000.0, 0, true, false, nil])
        #expect(value["s"] == .string("x\"\\/\u{8}\u{C}\n\r\tÿé🎵"))
        #expect(value["e"] == [:])
        #expect(value["l"] == [])
        #expect(try parse("9223372036854775807") == .int(.max))
        #expect(try parse("9223372036854775808") == .double(9_223_372_036_854_775_808))
    }

    @Test("agrees with the Codable decoding of JSONValue")
    func agreesWithCodable() throws {
        let text =
            #"{"jsonrpc":"2.0","id":"a-1","method":"tools/call","params":{"name":"x","arguments":{"q":"Miles Davis","n":[1,2.25,{"k":null}]}}}"#
        #expect(try parse(text) == (try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))))
    }

    @Test(
        "rejects what RFC 8259 does not allow",
        arguments: [
            "", "01", "1.", ".5", "-", "1e", "+1", "[1,]", "{\"a\":1,}", "{a:1}", "'x'", "NaN", "Infinity", "[1 2]", "{\"a\" 1}",
            "\"\u{01}\"", "\"\\x\"", "\"\\ud800\"", "\"\\udc00\"", "\"abc", "tru", "nul", "[", "{", "1 2", "1e999",
        ]
    )
    func rejects(text: String) {
        #expect(throws: JSONParser.Failure.self) { try parse(text) }
    }

    @Test("invalid UTF-8 and excessive nesting are refused without crashing")
    func hostile() {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array(String(repeating: "[", count: 100_000).utf8)) }
        #expect(throws: JSONParser.Failure.self) {
            try JSONParser.parse(Array((String(repeating: "{\"a\":", count: 600) + "1" + String(repeating: "}", count: 600)).utf8))
        }
        #expect((try? JSONParser.parse(Array((String(repeating: "[", count: 500) + String(repeating: "]", count: 500)).utf8))) != nil)
    }
}
