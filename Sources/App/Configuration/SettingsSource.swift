import Foundation

/// Resolved raw values of every setting: flags over environment over the config file over defaults.
struct SettingsSource: Sendable {
    private let values: [String: String]
    /// Names set by the config file, the environment or a flag (not only by a built-in default).
    private let given: Set<String>

    init(values: [String: String], given: Set<String> = []) {
        self.values = values
        self.given = given
    }

    /// Layers the sources. `flags` maps setting names to values given on the command line.
    static func load(flags: [String: String], environment: [String: String]) throws(ConfigurationError) -> SettingsSource {
        let configPath = flags[Setting.configFile.name] ?? environment[Setting.configFile.name]
        let explicitFile = configPath != nil
        let path = configPath ?? Setting.configFile.defaultValue ?? ""
        var merged: [String: String] = [:]
        var given: Set<String> = []
        for setting in Setting.all {
            if let value = setting.defaultValue { merged[setting.name] = value }
        }
        if FileManager.default.fileExists(atPath: path) {
            for (key, value) in try readFile(path) {
                merged[key] = value
                given.insert(key)
            }
        } else if explicitFile {
            throw ConfigurationError(setting: Setting.configFile.name, value: path, problem: "the file does not exist")
        }
        let known = Set(Setting.all.map(\.name))
        for (key, value) in environment where known.contains(key) {
            merged[key] = value
            given.insert(key)
        }
        for (key, value) in flags {
            merged[key] = value
            given.insert(key)
        }
        return SettingsSource(values: merged, given: given)
    }

    /// Whether the operator set `setting` (file, environment or flag) with a non-empty value.
    func isGiven(_ setting: Setting) -> Bool {
        given.contains(setting.name) && self[setting] != nil
    }

    subscript(setting: Setting) -> String? {
        guard let value = values[setting.name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    private static func readFile(_ path: String) throws(ConfigurationError) -> [String: String] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigurationError(setting: Setting.configFile.name, value: path, problem: "cannot be read: \(error.localizedDescription)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ConfigurationError(setting: Setting.configFile.name, value: path, problem: "must be a JSON object of setting names to values")
        }
        let known = Set(Setting.all.map(\.name))
        var result: [String: String] = [:]
        for (key, value) in object where !key.hasPrefix("_") {
            guard known.contains(key) else {
                throw ConfigurationError(setting: Setting.configFile.name, value: path, problem: "unknown setting \(key)")
            }
            switch value {
            case let text as String: result[key] = text
            case let number as NSNumber: result[key] = number.stringValue
            default:
                throw ConfigurationError(setting: key, value: "\(value)", problem: "must be a string or a number in \(path)")
            }
        }
        return result
    }
}

/// A setting that stops start-up, named so the operator knows what to fix.
struct ConfigurationError: Error, CustomStringConvertible {
    let setting: String
    let value: String
    let problem: String

    var description: String {
        "invalid configuration: \(setting)=\(value.isEmpty ? "(empty)" : value): \(problem)"
    }
}
