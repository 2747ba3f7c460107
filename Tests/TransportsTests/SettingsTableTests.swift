import ArgumentParser
import Foundation
import Testing

@testable import App

/// The README's settings table and the command line against the settings' one declaration
/// (`Setting`): a setting added, renamed or given a flag in one place and not the other fails here.
@Suite("Settings: the README table and the flags follow the declarations")
struct SettingsTableTests {
    /// One row of the README's `## Settings` table.
    struct Row: Equatable, CustomStringConvertible {
        var name: String
        var flag: String
        var defaultText: String
        var description: String { "\(name) | \(flag) | \(defaultText)" }
    }

    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md")

    /// The rows of the table under `## Settings`, cells trimmed; the Meaning column is prose and not compared.
    static func readmeRows() throws -> [Row] {
        let text = try String(contentsOf: readme, encoding: .utf8)
        guard let section = text.components(separatedBy: "\n## Settings\n").dropFirst().first else { return [] }
        return section.components(separatedBy: "\n").prefix { !$0.hasPrefix("## ") }.compactMap { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 5, cells[1].hasPrefix("`"), cells[1].hasSuffix("`") else { return nil }
            return Row(name: String(cells[1].dropFirst().dropLast()), flag: cells[2], defaultText: cells[3])
        }
    }

    @Test("every declared setting has exactly one README row, with its flag and its default, and every row is declared")
    func readmeTableMatchesTheDeclarations() throws {
        let rows = try Self.readmeRows()
        #expect(rows.count > 40, "the README's settings table was not found")
        let declared = Setting.all.map { Row(name: $0.name, flag: $0.readmeFlag, defaultText: $0.readmeDefault) }
        #expect(Set(rows.map(\.name)).count == rows.count, "a setting has two README rows")
        #expect(Set(declared.map(\.name)).count == declared.count, "a setting is declared twice in Setting.all")
        for row in declared where !rows.contains(row) {
            Issue.record("README row missing or different; the declaration says: | `\(row.name)` | \(row.flag) | \(row.defaultText) |")
        }
        for row in rows where !declared.contains(where: { $0.name == row.name }) {
            Issue.record("README documents \(row.name), which no Setting declares")
        }
    }

    @Test("every flag has one command-line slot, every slot stands for a declared flag, and secrets have none")
    func everyFlagHasOneSlot() throws {
        let labels =
            try SettingOptions.slots(of: SettingOptions.parse([])).map(\.label) + SettingOptions.slots(of: LimitOptions.parse([])).map(\.label)
            + SettingOptions.slots(of: DeliveryOptions.parse([])).map(\.label)
        let slotted = labels.compactMap { Setting.declaration(ofSlot: $0)?.name }
        #expect(slotted.count == labels.count, "a slot matches no declared flag: \(labels.filter { Setting.declaration(ofSlot: $0) == nil })")
        #expect(Set(slotted).count == slotted.count, "two slots stand for one setting")
        #expect(Set(slotted) == Set(Setting.all.filter { $0.flagName != nil }.map(\.name)))
        let secrets: [Setting] = [.secret, .token, .consumerKey, .consumerSecret, .metricsToken, .accessKey, .sandboxControlToken]
        #expect(secrets.allSatisfy { $0.flagName == nil }, "a secret must not be a flag: a command line is visible to every user")
    }

    @Test("flags parse into their settings' names, the toggle into on/off")
    func flagsReachTheirSettings() throws {
        let options = try SettingOptions.parse([
            "--host", "0.0.0.0", "--discogs-api-url", "http://127.0.0.1:9", "--no-sandbox", "--purge-interval-seconds", "60", "--tls-cert", "c.pem",
        ])
        #expect(
            options.given == [
                "DISCOGS_MCP_HOST": "0.0.0.0", "DISCOGS_API_URL": "http://127.0.0.1:9", "DISCOGS_MCP_SANDBOX": "off",
                "DISCOGS_MCP_PURGE_INTERVAL_SECONDS": "60", "DISCOGS_MCP_TLS_CERT": "c.pem",
            ]
        )
        #expect(try SettingOptions.parse(["--sandbox"]).given == ["DISCOGS_MCP_SANDBOX": "on"])
        #expect(try SettingOptions.parse([]).given.isEmpty)
    }
}
