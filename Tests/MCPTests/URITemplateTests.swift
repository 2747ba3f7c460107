import MCP
import Testing

@Suite("URI templates (RFC 6570 level 1)")
struct URITemplateTests {
    @Test("matching binds variables and rejects what a level-1 expansion cannot produce")
    func matching() throws {
        let release = try #require(URITemplate("discogs://release/{id}"))
        #expect(release.variables == ["id"])
        #expect(release.match("discogs://release/249504") == ["id": "249504"])
        #expect(release.match("discogs://release/caf%C3%A9") == ["id": "café"])
        for uri in [
            "discogs://release/", "discogs://release/1/2", "discogs://release/1?x=1", "discogs://master/1", "discogs://release",
            "discogs://release/a b",
        ] {
            #expect(release.match(uri) == nil, "\(uri)")
        }
        let two = try #require(URITemplate("x://{user}/lists/{list}.json"))
        #expect(two.match("x://digger/lists/42.json") == ["user": "digger", "list": "42"])
        #expect(two.match("x://digger/lists/42.xml") == nil)
        let fixed = try #require(URITemplate("discogs://collection"))
        #expect(fixed.match("discogs://collection") == [:])
        #expect(fixed.match("discogs://collection/x") == nil)
    }

    @Test(
        "templates beyond level 1 or malformed ones are refused",
        arguments: ["x://{+path}", "x://{a", "x://a}", "x://{}", "x://{a}{b}", "x://{a,b}", "x://{#frag}"]
    )
    func malformed(template: String) {
        #expect(URITemplate(template) == nil)
    }
}
