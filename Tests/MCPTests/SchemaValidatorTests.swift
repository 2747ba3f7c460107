import MCP
import Testing

@Suite("Schema validation")
struct SchemaValidatorTests {
    let schema: JSONValue = [
        "type": "object",
        "properties": [
            "query": ["type": "string", "minLength": 1, "maxLength": 5],
            "page": ["type": "integer", "minimum": 1],
            "sort": ["type": "string", "enum": ["year", "title"]],
            "tags": ["type": "array", "items": ["type": "string"], "maxItems": 2, "uniqueItems": true],
            "code": ["type": "string", "pattern": "^[A-Z]+$"],
        ],
        "required": ["query"],
        "additionalProperties": false,
    ]

    @Test("valid arguments pass, including integral doubles for integers")
    func valid() {
        #expect(SchemaValidator().validate(["query": "abc", "page": 2.0, "sort": "year", "tags": ["a"], "code": "AB"], against: schema).isEmpty)
    }

    @Test("every violation is reported with its path")
    func violations() {
        let found = SchemaValidator().validate(
            ["query": "", "page": 0.5, "sort": "random", "tags": ["a", "a", "b"], "code": "ab", "bogus": 1],
            against: schema
        ).map(\.description)
        #expect(found.contains("query: must be at least 1 characters"))
        #expect(found.contains("page: expected integer, got number"))
        #expect(found.contains { $0.hasPrefix("sort: must be one of") })
        #expect(found.contains("tags: must have at most 2 items"))
        #expect(found.contains("tags: items must be unique"))
        #expect(found.contains("code: must match the pattern ^[A-Z]+$"))
        #expect(found.contains { $0.hasPrefix("bogus: is not a known argument") })
        #expect(SchemaValidator().validate([:], against: schema).map(\.description) == ["query: is required"])
    }
}
