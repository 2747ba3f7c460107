/// Money as Discogs prints collection value: symbol, thousands separators, two decimals.
enum FakeMoney {
    static let symbols = [
        "USD": "$", "GBP": "£", "EUR": "€", "CAD": "CA$", "AUD": "A$", "JPY": "¥", "CHF": "CHF", "MXN": "MX$", "BRL": "R$", "NZD": "NZ$",
        "SEK": "SEK", "ZAR": "ZAR",
    ]
    /// Rough USD → currency rates, enough for believable numbers.
    static let rates = [
        "USD": 1.0, "GBP": 0.79, "EUR": 0.92, "CAD": 1.36, "AUD": 1.52, "JPY": 151.0, "CHF": 0.88, "MXN": 17.0, "BRL": 5.0, "NZD": 1.65, "SEK": 10.5,
        "ZAR": 18.5,
    ]

    static func convert(_ usd: Double, to currency: String) -> Double {
        ((usd * (rates[currency] ?? 1)) * 100).rounded() / 100
    }

    static func format(_ amount: Double, currency: String) -> String {
        let symbol = symbols[currency] ?? "$"
        let cents = Int((amount * 100).rounded())
        var whole = String(cents / 100)
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        grouped = whole + grouped
        if currency == "JPY" { return "\(symbol)\(grouped)" }
        let fraction = cents % 100
        return "\(symbol)\(grouped).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
