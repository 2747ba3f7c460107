import Foundation

/// Decoding request bodies into `FakeJSON`, so booleans stay booleans on every platform.
extension FakeJSON: Decodable {
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            self = .object(
                try object.allKeys.sorted { $0.stringValue < $1.stringValue }.map { ($0.stringValue, try object.decode(FakeJSON.self, forKey: $0)) }
            )
            return
        }
        if var array = try? decoder.unkeyedContainer() {
            var values: [FakeJSON] = []
            while !array.isAtEnd { values.append(try array.decode(FakeJSON.self)) }
            self = .array(values)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let bool = try? single.decode(Bool.self) {
            self = .bool(bool)
        } else if let int = try? single.decode(Int.self) {
            self = .int(int)
        } else if let double = try? single.decode(Double.self) {
            self = .double(double)
        } else {
            self = .string(try single.decode(String.self))
        }
    }

    /// Parses UTF-8 JSON.
    public static func parse(_ data: Data) throws -> FakeJSON {
        try JSONDecoder().decode(FakeJSON.self, from: data)
    }

    /// The value as a query-style string (scalars only; nested values re-serialized).
    var parameterString: String? {
        switch self {
        case .null: nil
        case let .bool(value): value ? "true" : "false"
        case let .int(value): String(value)
        case let .double(value): String(value)
        case let .string(value): value
        case .array, .object: text
        }
    }
}
