import MCP
import Testing

@Suite("Lenient numbers in tool arguments")
struct NumericStringsTests {
    static let schema: JSONValue = [
        "type": "object",
        "properties": [
            "page": ["type": "integer", "minimum": 1],
            "price": ["type": "number"],
            "query": ["type": "string"],
            "either": ["type": ["string", "integer"]],
            "ids": ["type": "array", "items": ["type": "integer"]],
        ],
        "additionalProperties": false,
    ]

    func coerced(_ arguments: [String: JSONValue]) -> [String: JSONValue] {
        NumericStrings.coerce(.object(arguments), schema: Self.schema).objectValue ?? [:]
    }

    @Test("clean decimal strings become numbers where the schema wants one")
    func accepted() {
        #expect(coerced(["page": "25"])["page"] == .int(25))
        #expect(coerced(["page": "-3"])["page"] == .int(-3))
        #expect(coerced(["price": "12.50"])["price"] == .double(12.5))
        #expect(coerced(["price": "12"])["price"] == .int(12))
        #expect(coerced(["ids": ["1", "2"]])["ids"] == .array([.int(1), .int(2)]))
        // Strings stay strings where a string is allowed.
        #expect(coerced(["query": "25"])["query"] == .string("25"))
        #expect(coerced(["either": "25"])["either"] == .string("25"))
        #expect(SchemaValidator().validate(.object(coerced(["page": "25"])), against: Self.schema).isEmpty)
    }

    @Test(
        "anything else stays a string and is refused naming the property and the type",
        arguments: [
            "25x", "1e400", " 25", "25 ", "", "-", "+25", "0x19", "2.5", "99999999999999999999", "25.", ".5", "１２",
        ]
    )
    func refused(_ text: String) {
        let arguments = coerced(["page": .string(text)])
        #expect(arguments["page"] == .string(text))
        let violations = SchemaValidator().validate(.object(arguments), against: Self.schema)
        #expect(violations.count == 1)
        #expect(violations.first?.description.hasPrefix("page: expected integer, got the string") == true)
    }

    @Test("number properties refuse exponents and overflow too", arguments: ["1e400", "1e3", "NaN", "inf", "1.5.2"])
    func refusedNumbers(_ text: String) {
        #expect(coerced(["price": .string(text)])["price"] == .string(text))
    }
}
