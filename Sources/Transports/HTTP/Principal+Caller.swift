import Auth
import MCP

extension Caller {
    /// The protocol layer's view of an authenticated principal.
    public init(_ principal: Principal) {
        self.init(
            principalID: principal.id,
            kind: principal.kind.rawValue,
            displayName: principal.displayName,
            scopes: Set(principal.scopes.map(\.rawValue))
        )
    }
}
