import Foundation

/// Where the database (and the generated secret beside it) lives, and why there.
///
/// `serve` runs from the repository (`./scripts/serve`), so `./data` is right. A stdio server is
/// started by a desktop client in whatever folder it likes (Claude Desktop uses `/` or the home
/// folder), where `./data` would be a surprise or unwritable; without a configured database and
/// without a `./config` folder (the sign of a checkout), stdio uses the per-user data folder of the
/// XDG base directory specification instead, and the first log line says which was chosen.
struct DataLocation: Sendable, Hashable {
    enum Origin: String, Sendable {
        /// DISCOGS_MCP_DATABASE from a flag, the environment or the config file.
        case configured
        /// The built-in `./data/discogs-mcp.sqlite`, relative to the working folder.
        case workingFolder = "working-folder default"
        /// `$XDG_DATA_HOME/discogs-mcp`, else `~/.local/share/discogs-mcp` (stdio only).
        case userDataFolder = "per-user data folder"
    }

    let databasePath: String
    let origin: Origin

    static let fileName = "discogs-mcp.sqlite"

    static func resolve(_ source: SettingsSource, stdio: Bool, environment: [String: String]) -> DataLocation {
        if source.isGiven(.database), let path = source[.database] {
            return DataLocation(databasePath: path, origin: .configured)
        }
        let fallback = Setting.database.defaultValue ?? "./data/\(fileName)"
        guard stdio, !FileManager.default.fileExists(atPath: "config"), let folder = userDataFolder(environment) else {
            return DataLocation(databasePath: fallback, origin: .workingFolder)
        }
        return DataLocation(databasePath: (folder as NSString).appendingPathComponent(fileName), origin: .userDataFolder)
    }

    /// `$XDG_DATA_HOME/discogs-mcp` when that is an absolute path (the specification says to ignore
    /// a relative one), else `$HOME/.local/share/discogs-mcp`; nil without either.
    static func userDataFolder(_ environment: [String: String]) -> String? {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return (xdg as NSString).appendingPathComponent("discogs-mcp")
        }
        guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
        return (home as NSString).appendingPathComponent(".local/share/discogs-mcp")
    }
}
