import Foundation
import MCP

/// Typed access to a call's arguments, which the dispatcher has already checked against the schema.
///
/// Accessors still tolerate shapes the schema allows (a whole-number double for an integer) and
/// treat blank strings as absent, so a model that sends `"label": ""` means "no filter".
public struct CatalogArguments: Sendable {
    let values: [String: JSONValue]

    init(_ values: [String: JSONValue]) {
        self.values = values
    }

    func int(_ name: String) -> Int? {
        values[name]?.intValue.map { Int($0) }
    }

    func requiredInt(_ name: String) throws -> Int {
        guard let value = int(name) else { throw ToolFailure("`\(name)` is required and must be a whole number.") }
        return value
    }

    func string(_ name: String) -> String? {
        guard let text = values[name]?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }

    func requiredString(_ name: String) throws -> String {
        guard let text = string(name) else { throw ToolFailure("`\(name)` is required and must not be blank.") }
        return text
    }

    /// A string kept exactly as sent (blank allowed), for values such as custom-field text that may be cleared.
    func rawString(_ name: String) -> String? {
        values[name]?.stringValue
    }

    func double(_ name: String) -> Double? {
        switch values[name] {
        case .int(let value)?: Double(value)
        case .double(let value)?: value
        default: nil
        }
    }

    func bool(_ name: String) -> Bool? {
        values[name]?.boolValue
    }

    var page: Int { max(1, int("page") ?? 1) }

    func perPage(default fallback: Int = 25) -> Int {
        min(max(1, int("per_page") ?? fallback), 100)
    }
}
