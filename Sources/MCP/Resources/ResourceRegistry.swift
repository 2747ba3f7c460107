/// The server's resources and resource templates, in a fixed order, filtered by the caller's scopes.
///
/// Immutable like `ToolRegistry`: the catalog never changes at run time, only what a grant sees.
public struct ResourceRegistry: Sendable {
    public let resources: [Resource]
    public let templates: [ResourceTemplate]
    private let byURI: [String: Resource]

    /// What a URI resolved to.
    public enum Match: Sendable {
        case resource(Resource)
        case template(ResourceTemplate, variables: [String: String])

        public var requiredScope: String? {
            switch self {
            case .resource(let resource): resource.requiredScope
            case .template(let template, _): template.requiredScope
            }
        }

        public var reachesUpstream: Bool {
            switch self {
            case .resource(let resource): resource.reachesUpstream
            case .template(let template, _): template.reachesUpstream
            }
        }

        public var cacheTTLMilliseconds: Int64 {
            switch self {
            case .resource(let resource): resource.cacheTTLMilliseconds
            case .template(let template, _): template.cacheTTLMilliseconds
            }
        }
    }

    /// - Precondition: URIs and templates are unique.
    public init(resources: [Resource] = [], templates: [ResourceTemplate] = []) {
        self.resources = resources.sorted { $0.uri < $1.uri }
        self.templates = templates.sorted { $0.template.description < $1.template.description }
        var byURI: [String: Resource] = [:]
        for resource in resources {
            precondition(byURI[resource.uri] == nil, "duplicate resource URI \(resource.uri)")
            byURI[resource.uri] = resource
        }
        precondition(Set(templates.map(\.template.description)).count == templates.count, "duplicate resource template")
        self.byURI = byURI
    }

    public var isEmpty: Bool { resources.isEmpty && templates.isEmpty }

    /// A static resource with exactly this URI wins; otherwise the first template (in list order) that matches.
    public func resolve(_ uri: String) -> Match? {
        if let resource = byURI[uri] { return .resource(resource) }
        for template in templates {
            if let variables = template.template.match(uri) { return .template(template, variables: variables) }
        }
        return nil
    }

    public func visibleResources(for caller: Caller) -> [Resource] {
        resources.filter { caller.grants($0.requiredScope) }
    }

    public func visibleTemplates(for caller: Caller) -> [ResourceTemplate] {
        templates.filter { caller.grants($0.requiredScope) }
    }
}

extension Caller {
    /// Whether this caller may use a primitive that needs `scope` (`nil`: public).
    func grants(_ scope: String?) -> Bool {
        guard let scope else { return true }
        return scopes.contains(scope)
    }
}
