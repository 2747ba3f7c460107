import Foundation

/// Validates tool arguments against the JSON Schema subset our tools declare.
///
/// Supported keywords: `type` (string or list), `properties`, `required`,
/// `additionalProperties` (boolean or schema), `enum`, `const`, `minimum`, `maximum`,
/// `exclusiveMinimum`, `exclusiveMaximum`, `minLength`, `maxLength`, `pattern`, `items`,
/// `minItems`, `maxItems`, `uniqueItems`, `anyOf`, `oneOf`. Unknown keywords are ignored,
/// as JSON Schema requires. Violations are collected (not just the first) so the model can
/// fix every argument in one retry.
public struct SchemaValidator: Sendable {
    public struct Violation: Sendable, Hashable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { path.isEmpty ? message : "\(path): \(message)" }
    }

    public init() {}

    public func validate(_ value: JSONValue, against schema: JSONValue) -> [Violation] {
        var violations: [Violation] = []
        check(value, schema, path: "", into: &violations)
        return violations
    }

    private func check(_ value: JSONValue, _ schema: JSONValue, path: String, into violations: inout [Violation]) {
        guard case .object(let rules) = schema else {
            if schema == .bool(false) { violations.append(Violation(path: path, message: "is not allowed")) }
            return
        }
        func fail(_ message: String) { violations.append(Violation(path: path, message: message)) }

        if let types = rules["type"], !matchesType(value, types) {
            fail(typeMismatch(value, types))
            return
        }
        if let options = rules["enum"]?.arrayValue, !options.contains(where: { equal($0, value) }) {
            fail("must be one of \(options.map(\.encodedString).joined(separator: ", "))")
        }
        if let constant = rules["const"], !equal(constant, value) {
            fail("must be \(constant.encodedString)")
        }
        switch value {
        case .int, .double:
            checkNumber(value, rules, fail: fail)
        case .string(let text):
            checkString(text, rules, fail: fail)
        case .array(let items):
            checkArray(items, rules, path: path, into: &violations)
        case .object(let members):
            checkObject(members, rules, path: path, into: &violations)
        default:
            break
        }
        if let alternatives = rules["anyOf"]?.arrayValue,
            !alternatives.contains(where: { validate(value, against: $0).isEmpty })
        {
            fail("does not match any of the allowed forms")
        }
        if let alternatives = rules["oneOf"]?.arrayValue,
            alternatives.filter({ validate(value, against: $0).isEmpty }).count != 1
        {
            fail("must match exactly one of the allowed forms")
        }
    }

    /// What a value of the wrong type is told: a string where a number belongs gets a hint.
    private func typeMismatch(_ value: JSONValue, _ types: JSONValue) -> String {
        let expected = types.arrayValue?.compactMap(\.stringValue).joined(separator: " or ") ?? types.stringValue ?? "?"
        if case .string(let text) = value, expected.contains("integer") || expected.contains("number") {
            // A string that was not a clean decimal number (lenient numbers took those already).
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            return "expected \(expected), got the string \(JSONValue.string(shown).encodedString) (send a plain number such as 25)"
        }
        return "expected \(expected), got \(value.typeName)"
    }

    private func checkString(_ text: String, _ rules: [String: JSONValue], fail: (String) -> Void) {
        let length = text.count
        if let minimum = rules["minLength"]?.intValue, length < minimum { fail("must be at least \(minimum) characters") }
        if let maximum = rules["maxLength"]?.intValue, length > maximum { fail("must be at most \(maximum) characters") }
        if let pattern = rules["pattern"]?.stringValue,
            let regex = try? NSRegularExpression(pattern: pattern),
            regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil
        {
            fail("must match the pattern \(pattern)")
        }
    }

    private func checkArray(_ items: [JSONValue], _ rules: [String: JSONValue], path: String, into violations: inout [Violation]) {
        func fail(_ message: String) { violations.append(Violation(path: path, message: message)) }
        if let minimum = rules["minItems"]?.intValue, items.count < minimum { fail("must have at least \(minimum) items") }
        if let maximum = rules["maxItems"]?.intValue, items.count > maximum { fail("must have at most \(maximum) items") }
        if rules["uniqueItems"] == .bool(true), Set(items).count != items.count { fail("items must be unique") }
        if let itemSchema = rules["items"] {
            for (index, item) in items.enumerated() {
                check(item, itemSchema, path: "\(path)[\(index)]", into: &violations)
            }
        }
    }

    private func checkNumber(_ value: JSONValue, _ rules: [String: JSONValue], fail: (String) -> Void) {
        let number = number(value) ?? 0
        if let minimum = rules["minimum"].flatMap(self.number), number < minimum { fail("must be ≥ \(format(minimum))") }
        if let maximum = rules["maximum"].flatMap(self.number), number > maximum { fail("must be ≤ \(format(maximum))") }
        if let minimum = rules["exclusiveMinimum"].flatMap(self.number), number <= minimum { fail("must be > \(format(minimum))") }
        if let maximum = rules["exclusiveMaximum"].flatMap(self.number), number >= maximum { fail("must be < \(format(maximum))") }
    }

    private func checkObject(_ members: [String: JSONValue], _ rules: [String: JSONValue], path: String, into violations: inout [Violation]) {
        let properties = rules["properties"]?.objectValue ?? [:]
        for name in rules["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil {
            violations.append(Violation(path: join(path, name), message: "is required"))
        }
        for name in members.keys.sorted() {
            guard let member = members[name] else { continue }
            if let propertySchema = properties[name] {
                check(member, propertySchema, path: join(path, name), into: &violations)
            } else if let additional = rules["additionalProperties"] {
                if additional == .bool(false) {
                    let known = properties.keys.sorted().joined(separator: ", ")
                    violations.append(
                        Violation(
                            path: join(path, name),
                            message: "is not a known argument" + (known.isEmpty ? " (this tool takes none)" : " (known: \(known))")
                        )
                    )
                } else {
                    check(member, additional, path: join(path, name), into: &violations)
                }
            }
        }
    }

    private func matchesType(_ value: JSONValue, _ types: JSONValue) -> Bool {
        let names = types.arrayValue?.compactMap(\.stringValue) ?? types.stringValue.map { [$0] } ?? []
        return names.contains { name in
            switch (name, value) {
            case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object): return true
            case ("number", .int), ("number", .double): return true
            case ("integer", .int): return true
            case ("integer", .double(let number)): return number.rounded() == number
            default: return false
            }
        }
    }

    private func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        if let left = number(lhs), let right = number(rhs) { return left == right }
        return lhs == rhs
    }

    private func number(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let number): return Double(number)
        case .double(let number): return number
        default: return nil
        }
    }

    private func format(_ number: Double) -> String {
        number.rounded() == number ? String(Int64(number)) : String(number)
    }

    private func join(_ path: String, _ name: String) -> String {
        path.isEmpty ? name : "\(path).\(name)"
    }
}
