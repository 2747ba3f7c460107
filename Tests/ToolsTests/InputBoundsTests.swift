import Discogs
import DiscogsSandbox
import MCP
import Storage
import Testing
import Tools

/// Every number a client can send has both bounds in the schema, so the dispatcher refuses a
/// value such as `Int64.max` before a handler multiplies it (Swift traps on overflow).
@Suite("Input bounds")
struct InputBoundsTests {
    /// The paths of every `integer`/`number` property lacking a lower or an upper bound.
    static func unbounded(_ schema: JSONValue, path: String = "") -> [String] {
        guard case .object(let rules) = schema else { return [] }
        var found: [String] = []
        let types = rules["type"]?.arrayValue?.compactMap(\.stringValue) ?? rules["type"]?.stringValue.map { [$0] } ?? []
        if types.contains("integer") || types.contains("number") {
            let lower = rules["minimum"] != nil || rules["exclusiveMinimum"] != nil
            let upper = rules["maximum"] != nil || rules["exclusiveMaximum"] != nil
            if !(lower && upper) { found.append(path.isEmpty ? "(root)" : path) }
        }
        for (name, property) in rules["properties"]?.objectValue ?? [:] {
            found += unbounded(property, path: path.isEmpty ? name : "\(path).\(name)")
        }
        if let items = rules["items"] { found += unbounded(items, path: "\(path)[]") }
        for key in ["anyOf", "oneOf", "allOf"] {
            for alternative in rules[key]?.arrayValue ?? [] { found += unbounded(alternative, path: path) }
        }
        if let additional = rules["additionalProperties"], case .object = additional { found += unbounded(additional, path: "\(path).*") }
        return found
    }

    @Test("every integer and number argument of every Discogs and index tool has a minimum and a maximum")
    func everyNumberIsBounded() async throws {
        try await SandboxHarness.with(SampleAccount.Options(collectionSize: 3, wantlistSize: 1)) { harness in
            let index = CollectionIndex(api: harness.client, store: SQLiteCollectionIndexStore(database: harness.database))
            let tools = DiscogsTools.all(environment: harness.environment) + CollectionTools.all(environment: harness.environment, index: index)
            #expect(tools.count >= 44)
            for tool in tools {
                let missing = Self.unbounded(tool.definition.inputSchema)
                #expect(missing.isEmpty, "\(tool.definition.name): unbounded numbers at \(missing)")
            }
        }
    }

    @Test("the checker itself notices a missing maximum")
    func checkerFindsGaps() {
        let schema: JSONValue = [
            "type": "object", "properties": ["page": ["type": "integer", "minimum": 1], "ok": ["type": "integer", "minimum": 0, "maximum": 5]],
        ]
        #expect(Self.unbounded(schema) == ["page"])
    }

    @Test("search_collection refuses Int64.max, 2^53, 0 and -1 as a page without calling Discogs")
    func hugePageIsAnArgumentError() async throws {
        try await SandboxHarness.with(SampleAccount.Options(collectionSize: 3, wantlistSize: 1)) { harness in
            let index = CollectionIndex(api: harness.client, store: SQLiteCollectionIndexStore(database: harness.database))
            let tools = CollectionTools.all(environment: harness.environment, index: index)
            let search = try #require(tools.first { $0.definition.name == "search_collection" })
            for value in [Int64.max, 1 << 53, 0, -1] {
                let violations = SchemaValidator().validate(["page": .int(value)], against: search.definition.inputSchema)
                #expect(!violations.isEmpty, "page \(value) must be refused")
            }
        }
    }
}
