import Foundation

/// An RFC 6570 level-1 URI template (`discogs://release/{id}`), used to match URIs, not to build them.
///
/// Level 1 is simple string expansion: a variable's value is percent-encoded, so it can never
/// contain a reserved character such as `/`, `?` or `#`. Matching therefore lets a variable
/// take any run of characters up to the next literal and rejects values holding reserved ones.
public struct URITemplate: Sendable, Hashable, CustomStringConvertible {
    enum Part: Sendable, Hashable {
        case literal(String)
        case variable(String)
    }

    public let description: String
    let parts: [Part]

    /// The variable names, in order of appearance.
    public var variables: [String] {
        parts.compactMap { if case .variable(let name) = $0 { name } else { nil } }
    }

    /// Parses a template; `nil` if braces are unbalanced, a name is empty or not `[A-Za-z0-9_]`,
    /// an operator (`+`, `#`, `?`…) is used (levels 2–4), or two variables touch.
    public init?(_ template: String) {
        var parts: [Part] = []
        var rest = Substring(template)
        while !rest.isEmpty {
            guard let open = rest.firstIndex(of: "{") else {
                guard !rest.contains("}") else { return nil }
                parts.append(.literal(String(rest)))
                break
            }
            let literal = rest[rest.startIndex..<open]
            guard !literal.contains("}") else { return nil }
            if !literal.isEmpty { parts.append(.literal(String(literal))) }
            guard let close = rest[open...].firstIndex(of: "}") else { return nil }
            let name = rest[rest.index(after: open)..<close]
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else { return nil }
            if case .variable? = parts.last { return nil }
            parts.append(.variable(String(name)))
            rest = rest[rest.index(after: close)...]
        }
        self.description = template
        self.parts = parts
    }

    /// The variables `uri` binds, percent-decoded; `nil` when `uri` is not an expansion of this template.
    public func match(_ uri: String) -> [String: String]? {
        var bindings: [String: String] = [:]
        var rest = Substring(uri)
        for (index, part) in parts.enumerated() {
            switch part {
            case .literal(let text):
                guard rest.hasPrefix(text) else { return nil }
                rest = rest.dropFirst(text.count)
            case .variable(let name):
                let raw: Substring
                if index + 1 < parts.count, case .literal(let next) = parts[index + 1] {
                    guard let range = rest.range(of: next) else { return nil }
                    raw = rest[rest.startIndex..<range.lowerBound]
                } else {
                    raw = rest
                }
                guard !raw.isEmpty, !raw.contains(where: { Self.reserved.contains($0) }),
                    let value = String(raw).removingPercentEncoding, !value.isEmpty
                else { return nil }
                bindings[name] = value
                rest = rest[raw.endIndex...]
            }
        }
        return rest.isEmpty ? bindings : nil
    }

    /// Characters a level-1 expansion always percent-encodes (RFC 3986 gen-delims and sub-delims, plus space).
    private static let reserved: Set<Character> = [":", "/", "?", "#", "[", "]", "@", "!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "=", " "]
}
