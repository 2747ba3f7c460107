import MCP
import TestSupport

/// Resources and prompts for dispatcher tests: a public note, a `read`-scoped secret, a
/// template that knows ids 1…3, and one that fails.
enum TestPrimitives {
    /// The resources; `test://slow` sleeps on `clock` until cancelled (the clock is never advanced).
    static func resources(clock: ManualClock) -> ResourceRegistry {
        ResourceRegistry(
            resources: [
                Resource(uri: "test://note", name: "note", title: "Note", description: "A public note.", mimeType: "text/plain") { uri, context in
                    [.text("note for \(context.caller.principalID) at \(context.revision.rawValue)", uri: uri)]
                },
                Resource(
                    uri: "test://secret",
                    name: "secret",
                    title: "Secret",
                    description: "Needs read.",
                    mimeType: "application/json",
                    requiredScope: "read"
                ) { uri, _ in
                    [.json(["secret": true], uri: uri)]
                },
                Resource(uri: "test://broken", name: "broken", title: "Broken", description: "Always fails.") { _, _ in
                    throw ResourceFailure.unavailable("Discogs is unavailable right now; try again in a minute.")
                },
                Resource(uri: "test://slow", name: "slow", title: "Slow", description: "Sleeps.") { uri, _ in
                    try await clock.sleep(for: .seconds(30))
                    return [.text("woke", uri: uri)]
                },
            ],
            templates: [
                ResourceTemplate(
                    uriTemplate: "test://item/{id}",
                    name: "item",
                    title: "Item",
                    description: "Items 1…3.",
                    mimeType: "application/json"
                ) { uri, variables, _ in
                    guard let id = variables["id"].flatMap(Int.init), (1...3).contains(id) else {
                        throw ResourceFailure.notFound("no item \(variables["id"] ?? "")")
                    }
                    return [
                        .json(["id": .int(Int64(id))], uri: uri),
                        ResourceContents(uri: uri + "/cover", mimeType: "image/png", body: .blob("iVBORw0KGgo=")),
                    ]
                },
                ResourceTemplate(
                    uriTemplate: "test://private/{name}",
                    name: "private",
                    title: "Private",
                    description: "Needs write.",
                    requiredScope: "write"
                ) { uri, variables, _ in
                    [.text(variables["name"] ?? "", uri: uri)]
                },
            ]
        )
    }

    static let prompts = PromptRegistry([
        Prompt(
            name: "greet",
            title: "Greet",
            description: "Says hello.",
            arguments: [
                PromptArgument(name: "who", title: "Who", description: "Whom to greet.", required: true),
                PromptArgument(name: "tone", description: "How."),
            ]
        ) { arguments, _ in
            [.user("Say hello to \(arguments["who"] ?? "") \(arguments["tone"] ?? "politely")."), .assistant("Hello!")]
        },
        Prompt(name: "audit", title: "Audit", description: "Needs write.", requiredScope: "write") { _, _ in [.user("audit")] },
        Prompt(name: "failing", title: "Failing", description: "Throws.") { _, _ in throw ToolFailure("sign in with Discogs first") },
    ])
}

func makeFullDispatcher(listPageSize: Int = 100, clock: ManualClock = ManualClock()) -> Dispatcher {
    Dispatcher(
        identity: ServerIdentity(name: "test-server", title: "Test", version: "9.9.9", instructions: "Test instructions."),
        registry: ToolRegistry([EchoTool(), GuardedTool()]),
        resources: TestPrimitives.resources(clock: clock),
        prompts: TestPrimitives.prompts,
        listPageSize: listPageSize
    )
}

let reader = Caller(principalID: "user:2", kind: "oauth", displayName: "reader", scopes: ["read"])
