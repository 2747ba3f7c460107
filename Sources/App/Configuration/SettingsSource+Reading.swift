import Foundation

/// Typed reads of the layered settings for the group parsers; each failure is one
/// `ConfigurationError` naming the setting (exit code 78).
extension SettingsSource {
    /// The value, else the declared default, else empty.
    func text(_ setting: Setting) -> String {
        self[setting] ?? setting.defaultValue ?? ""
    }

    /// An integer within `range`.
    func integer(_ setting: Setting, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        let text = text(setting)
        guard let value = Int(text), range.contains(value) else {
            throw ConfigurationError(
                setting: setting.name,
                value: text,
                problem: "must be an integer from \(range.lowerBound) to \(range.upperBound)"
            )
        }
        return value
    }

    /// A whole number of seconds within `range`.
    func seconds(_ setting: Setting, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        let text = text(setting)
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
            throw ConfigurationError(
                setting: setting.name,
                value: text,
                problem: "must be a whole number of seconds from \(range.lowerBound) to \(range.upperBound)"
            )
        }
        return value
    }

    /// `text` as an absolute http(s) URL with a host and neither query nor fragment.
    func url(_ setting: Setting, _ text: String) throws(ConfigurationError) -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil
        else {
            throw ConfigurationError(setting: setting.name, value: text, problem: "must be an absolute http(s) URL with a host and no query")
        }
        return url
    }

    /// A yes/no setting (`true`, `1`, `yes`, `on` or their opposites); `spelled` names the two
    /// spellings the error suggests (`true or false`, `on or off`).
    func boolean(_ setting: Setting, spelled: String) throws(ConfigurationError) -> Bool {
        switch text(setting).lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        case let other: throw ConfigurationError(setting: setting.name, value: other, problem: "must be \(spelled)")
        }
    }

    /// A comma-separated list, items trimmed, empty items dropped.
    func list(_ setting: Setting) -> [String] {
        (self[setting] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
