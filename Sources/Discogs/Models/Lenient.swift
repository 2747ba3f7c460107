import Foundation

/// A string Discogs sometimes sends as a number (order ids, error locations, `qty`).
public struct LenientString: Codable, Sendable, Hashable, CustomStringConvertible {
    public var value: String

    public init(_ value: String) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            value = text
        } else if let number = try? container.decode(Int.self) {
            value = String(number)
        } else if let number = try? container.decode(Double.self) {
            value = String(number)
        } else if let flag = try? container.decode(Bool.self) {
            value = String(flag)
        } else {
            throw DecodingError.typeMismatch(String.self, .init(codingPath: decoder.codingPath, debugDescription: "expected a string or number"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public var description: String { value }
}

/// An integer Discogs sometimes sends as a string (`year` in search results, `qty`), or as "".
public struct LenientInt: Codable, Sendable, Hashable {
    /// Nil when the field held an empty or non-numeric string ("" year, "Unknown").
    public var value: Int?

    public init(_ value: Int?) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = nil
        } else if let number = try? container.decode(Int.self) {
            value = number
        } else if let number = try? container.decode(Double.self) {
            value = Int(exactly: number.rounded()) ?? nil
        } else if let text = try? container.decode(String.self) {
            value = Int(text.trimmingCharacters(in: .whitespaces))
        } else {
            throw DecodingError.typeMismatch(Int.self, .init(codingPath: decoder.codingPath, debugDescription: "expected an integer or string"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// An amount of money: `{"currency":"USD","value":2.09}` on the marketplace, a bare number on releases.
public struct Price: Codable, Sendable, Hashable {
    public var value: Double
    /// Nil when Discogs sent a bare number (in the caller's currency, which it does not name).
    public var currency: String?

    public init(value: Double, currency: String?) {
        self.value = value
        self.currency = currency
    }

    private enum CodingKeys: String, CodingKey { case value, currency }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let number = try? single.decode(Double.self) {
            self.init(value: number, currency: nil)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let value = try container.decode(LenientDouble.self, forKey: .value).value
        self.init(value: value, currency: try container.decodeIfPresent(String.self, forKey: .currency))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(value, forKey: .value)
        try container.encodeIfPresent(currency, forKey: .currency)
    }
}

/// A number sent either as a number or as a numeric string.
struct LenientDouble: Decodable {
    var value: Double

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            value = number
        } else if let text = try? container.decode(String.self), let number = Double(text) {
            value = number
        } else {
            throw DecodingError.typeMismatch(Double.self, .init(codingPath: decoder.codingPath, debugDescription: "expected a number"))
        }
    }
}

extension KeyedDecodingContainer {
    /// Decodes an optional field, treating a present-but-wrongly-typed value as absent.
    ///
    /// Discogs adds and reshapes fields without notice (the Discogs API documentation's example bodies date from 2014; live answers differ); a new shape
    /// in a field we only display must not make the whole answer unreadable.
    func lenient<T: Decodable>(_ type: T.Type, forKey key: Key) -> T? {
        (try? decodeIfPresent(T.self, forKey: key)) ?? nil
    }
}
