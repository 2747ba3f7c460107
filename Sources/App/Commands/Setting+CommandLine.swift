import ArgumentParser

/// What a setting's one declaration (`Setting`) gives the command line and the README's table.
extension Setting {
    /// The long name of the flag (`--name`), or nil without one.
    var flagName: String? {
        switch flag {
        case .none: nil
        case .option(let name, _), .toggle(let name): name
        }
    }

    /// The flag's `--help` entry: the help, the variable, the default and the value's name.
    var argumentHelp: ArgumentHelp {
        switch flag {
        case .option(_, let valueName?): ArgumentHelp(flagHelp, valueName: valueName)
        case .toggle(let name): ArgumentHelp("Force \(Self.toggleSubject[name] ?? name) on (--\(name)) or off (--no-\(name)). " + flagHelp)
        case .option(_, nil), .none: ArgumentHelp(flagHelp)
        }
    }

    /// What a toggle switches, for its help ("Force the sandbox Discogs on …").
    private static let toggleSubject = ["sandbox": "the sandbox Discogs"]

    /// The README table's Flag column: `` `--name` ``, `` `--name` / `--no-name` `` or `—`.
    var readmeFlag: String {
        switch flag {
        case .none: "—"
        case .option(let name, _): "`--\(name)`"
        case .toggle(let name): "`--\(name)` / `--no-\(name)`"
        }
    }

    /// The README table's Default column: the documented text, else the value in backticks,
    /// `empty` for an empty default and `—` for none.
    var readmeDefault: String {
        if let documentedDefault { return documentedDefault }
        guard let defaultValue else { return "—" }
        return defaultValue.isEmpty ? "empty" : "`\(defaultValue)`"
    }

    /// The declaration whose flag a command's property slot stands for: `discogsAPIURL` matches
    /// `--discogs-api-url` (case and dashes aside), as ArgumentParser spells a property's flag.
    static func declaration(ofSlot label: String) -> Setting? {
        let key = label.drop { $0 == "_" }.lowercased()
        return all.first { $0.flagName.map { String($0.filter { $0 != "-" }) } == key }
    }
}

extension Option where Value == String? {
    /// The option of `setting`: its long name, value name and help all come from the declaration.
    init(_ setting: Setting) {
        self.init(name: .customLong(setting.flagName ?? ""), help: setting.argumentHelp)
    }
}

extension Flag where Value == Bool? {
    /// The `--name` / `--no-name` toggle of `setting`, from its declaration.
    init(_ setting: Setting) {
        self.init(name: .customLong(setting.flagName ?? ""), inversion: .prefixedNo, help: setting.argumentHelp)
    }
}
