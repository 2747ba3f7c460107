import Foundation
import Storage

/// Server-rendered HTML for the consent and error pages.
///
/// The consent page follows the MCP guidance for proxies with a static upstream client: it
/// names the client, shows where the code will be sent and what Discogs access is granted,
/// and is one `<form method="post">` whose buttons are `decision=approve` / `decision=deny`.
public enum ConsentPage {
    public static let scopeDescriptions = [
        "read": "Read your Discogs collection, wantlist and profile",
        "write": "Change your collection and wantlist",
        "marketplace": "Manage your Discogs marketplace listings and orders",
    ]

    public static func consent(_ request: AuthorizationRequest, csrfToken: String, action: String) -> String {
        let hidden: [(String, String)] = [
            ("response_type", "code"), ("client_id", request.client.clientID), ("redirect_uri", request.redirectURI),
            ("code_challenge", request.codeChallenge), ("code_challenge_method", "S256"), ("state", request.state),
            ("resource", request.resource), ("scope", request.scope), ("csrf_token", csrfToken),
        ]
        let inputs = hidden.map { "<input type=\"hidden\" name=\"\(escape($0.0))\" value=\"\(escape($0.1))\">" }.joined(separator: "\n      ")
        let scopes = request.scopes.map { "<li><code>\(escape($0))</code> — \(escape(scopeDescriptions[$0] ?? $0))</li>" }.joined()
        let loopbackWarning =
            RegistrationPolicy.isLoopback(host: request.redirectHost)
            ? "<p class=\"warn\">The code goes to a program on this computer (\(escape(request.redirectHost))). Approve only if you just started this connection yourself.</p>"
            : ""
        return page(
            title: "Connect \(request.clientName) to Discogs",
            body: """
                <h1>Allow <strong>\(escape(request.clientName))</strong> to use your Discogs account?</h1>
                <p>After you approve, you will sign in at Discogs. The client then receives access through this server; it never sees your Discogs password or keys.</p>
                <h2>It asks to</h2>
                <ul>\(scopes)</ul>
                <p>Access is returned to <strong>\(escape(request.redirectHost))</strong> (<code>\(escape(request.redirectURI))</code>) for <code>\(escape(request.resource))</code>.</p>
                \(loopbackWarning)
                <form method="post" action="\(escape(action))">
                  \(inputs)
                  <button type="submit" name="decision" value="approve">Approve</button>
                  <button type="submit" name="decision" value="deny">Deny</button>
                </form>
                """
        )
    }

    public static func error(_ message: String) -> String {
        page(title: "Authorization failed", body: "<h1>This authorization request cannot continue</h1>\n<p>\(escape(message))</p>")
    }

    public static func page(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}
        button{font-size:1rem;padding:.5rem 1.25rem;margin-right:.5rem}.warn{background:#fff4d6;padding:.5rem}</style>
        </head><body>
        \(body)
        </body></html>
        """
    }

    /// HTML-escapes text and attribute values: client names and URIs come from unauthenticated registrations.
    public static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
        return output
    }
}
