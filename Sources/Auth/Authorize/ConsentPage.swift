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
        let loopbackWarning =
            RegistrationPolicy.isLoopback(host: request.redirectHost)
            ? "<p class=\"warn\">The code goes to a program on this computer (\(escape(request.redirectHost))). Approve only if you just started this connection yourself.</p>"
            : ""
        return page(
            title: "Connect \(request.clientName) to Discogs",
            body: """
                <h1>Allow <strong>\(escape(request.clientName))</strong> to use your Discogs account?</h1>
                <p>After you approve, you will sign in at Discogs. The client then receives access through this server; it never sees your Discogs password or keys.</p>
                <p>Access is returned to <strong>\(escape(request.redirectHost))</strong> (<code>\(escape(request.redirectURI))</code>) for <code>\(escape(request.resource))</code>.</p>
                \(loopbackWarning)
                <form method="post" action="\(escape(action))">
                  \(inputs)
                  \(scopeChoices(request.scopes, ticked: Set(request.scopes)))
                  <button type="submit" name="decision" value="approve">Approve</button>
                  <button type="submit" name="decision" value="deny">Deny</button>
                </form>
                """
        )
    }

    /// The form field of a scope's checkbox; `read` has none because it cannot be unticked.
    public static func scopeField(_ scope: String) -> String { "scope_" + scope }

    /// One checkbox per requested scope with its plain description: `read` checked and disabled
    /// (nothing works without it), the others checked when `ticked` holds them. Unticking is the
    /// least-privilege path; the grant is what stays ticked (issue 9).
    public static func scopeChoices(_ requested: [String], ticked: Set<String>) -> String {
        let boxes = requested.map { scope -> String in
            let description = escape(scopeDescriptions[scope] ?? scope)
            if scope == "read" {
                return
                    "<li><label><input type=\"checkbox\" id=\"scope-read\" checked disabled> <code>read</code> — \(description) <em>(required)</em></label></li>"
            }
            let checked = ticked.contains(scope) ? " checked" : ""
            return
                "<li><label><input type=\"checkbox\" id=\"scope-\(escape(scope))\" name=\"\(escape(scopeField(scope)))\" value=\"on\"\(checked)> <code>\(escape(scope))</code> — \(description)</label></li>"
        }
        return
            "<fieldset><legend>It may</legend><ul class=\"scopes\">\(boxes.joined())</ul><p class=\"hint\">Untick what it should not do; you can change this later by connecting again.</p></fieldset>"
    }

    /// The scopes ticked in a submitted form, never more than `requested`; `read` whenever requested.
    public static func grantedScopes(_ requested: [String], form: [String: String]) -> [String] {
        requested.filter { $0 == "read" || form[scopeField($0)] != nil }
    }

    /// Shown to a Discogs account that is not on `DISCOGS_MCP_ALLOWED_USERS`.
    public static func privateServer(username: String?, returnURL: String?, clientName: String?) -> String {
        let who = username.map { " (<strong>\(escape($0))</strong>)" } ?? ""
        let back =
            returnURL.map { url in
                "<p><a href=\"\(escape(url))\">Return to \(escape(clientName ?? "your app"))</a>; it will be told that access was denied.</p>"
            } ?? ""
        return page(
            title: "This server is private",
            body: """
                <h1>This server is private</h1>
                <p>You signed in at Discogs, but your account\(who) is not on this server's list of allowed users, so it was not connected and nothing of your account was kept.</p>
                <p>If you should have access, ask the server's operator to add your Discogs username.</p>
                \(back)
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
        button{font-size:1rem;padding:.5rem 1.25rem;margin-right:.5rem}.warn{background:#fff4d6;padding:.5rem}
        fieldset{border:1px solid #ccc;margin:1rem 0}ul.scopes{list-style:none;padding-left:0}.hint{font-size:.9rem;color:#555}
        input.code{font-size:1.5rem;font-family:monospace;letter-spacing:.2rem;width:12ch}</style>
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
