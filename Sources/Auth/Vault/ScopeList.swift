/// Space-separated OAuth scope strings (RFC 6749 §3.3).
public enum ScopeList {
    public static func parse(_ value: String?) -> Set<String> {
        Set((value ?? "").split(separator: " ").map(String.init))
    }

    /// Sorted, so stored and returned scope strings are stable.
    public static func format(_ scopes: Set<String>) -> String {
        scopes.sorted().joined(separator: " ")
    }
}
