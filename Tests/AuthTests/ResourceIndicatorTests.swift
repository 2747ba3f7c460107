import Auth
import Testing

@Suite("Resource indicators and audience")
struct ResourceIndicatorTests {
    let indicator = ResourceIndicator(publicBaseURL: "https://mcp.example.com/")

    @Test("canonical forms: case of scheme/host and a trailing slash are accepted")
    func canonicalize() {
        #expect(indicator.base == "https://mcp.example.com")
        #expect(indicator.canonicalize("https://mcp.example.com/mcp") == "https://mcp.example.com/mcp")
        #expect(indicator.canonicalize("HTTPS://MCP.Example.com/mcp/") == "https://mcp.example.com/mcp")
        #expect(indicator.canonicalize("https://mcp.example.com/sse") == "https://mcp.example.com/sse")
        #expect(indicator.canonicalize("https://mcp.example.com") == "https://mcp.example.com")
        #expect(indicator.canonicalize("https://mcp.example.com/") == "https://mcp.example.com")
    }

    @Test(
        "foreign resources are refused",
        arguments: [
            "https://evil.example.com/mcp", "http://mcp.example.com/mcp", "https://mcp.example.com:8443/mcp", "https://mcp.example.com/other",
            "https://mcp.example.com/mcp#frag", "https://mcp.example.com/mcp?x=1", "https://user@mcp.example.com/mcp", "/mcp", "",
        ]
    )
    func foreign(_ raw: String) {
        #expect(indicator.canonicalize(raw) == nil)
    }

    @Test("the root audience covers every endpoint; an endpoint audience only itself")
    func hierarchy() {
        let root = indicator.base
        let mcp = indicator.resource(forEndpointPath: "/mcp")
        let sse = indicator.resource(forEndpointPath: "/sse")
        #expect(indicator.audience(root, covers: mcp))
        #expect(indicator.audience(root, covers: sse))
        #expect(indicator.audience(mcp, covers: mcp))
        #expect(!indicator.audience(mcp, covers: sse))
        #expect(!indicator.audience(sse, covers: mcp))
        #expect(!indicator.audience(mcp, covers: root))
    }
}
