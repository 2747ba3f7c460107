/// Word lists the sample generator draws names and titles from.
enum SampleVocabulary {
    static let genreStyles: [(genre: String, styles: [String])] = [
        ("Electronic", ["Techno", "House", "Ambient", "Deep House", "Drum n Bass", "Downtempo", "Breaks", "IDM", "Trance", "Electro"]),
        ("Rock", ["Indie Rock", "Post-Punk", "Psychedelic Rock", "Shoegaze", "Punk", "Alternative Rock", "Prog Rock", "Garage Rock"]),
        ("Jazz", ["Hard Bop", "Modal", "Free Jazz", "Cool Jazz", "Soul-Jazz", "Fusion", "Bossa Nova", "Post Bop"]),
        ("Funk / Soul", ["Soul", "Funk", "Disco", "Rhythm & Blues", "Neo Soul", "Boogie"]),
        ("Hip Hop", ["Boom Bap", "Instrumental", "Conscious", "Trip Hop", "Jazzy Hip-Hop"]),
        ("Classical", ["Baroque", "Romantic", "Modern", "Contemporary", "Minimal"]),
        ("Pop", ["Synth-pop", "Indie Pop", "Ballad", "Dream Pop", "Europop"]),
        ("Reggae", ["Dub", "Roots Reggae", "Dancehall", "Ska"]),
        ("Folk, World, & Country", ["Folk", "Afrobeat", "Highlife", "Country", "Bluegrass"]),
        ("Blues", ["Chicago Blues", "Delta Blues", "Electric Blues"]),
    ]

    static let firstNames = [
        "Ada", "Miles", "Nina", "Otis", "June", "Ravi", "Lena", "Kofi", "Mara", "Theo", "Iris", "Sun", "Elsa", "Hugo", "Yuki", "Bram", "Cleo", "Dev",
        "Fela", "Gwen", "Ivo", "Jonah", "Kira", "Lou", "Noor", "Pia", "Remy", "Suki", "Tove", "Ugo",
    ]
    static let lastNames = [
        "Hartley", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Reyes", "Novak", "Brandt", "Castell", "Duarte", "Ekwueme", "Falk", "Grieve", "Holm",
        "Ibarra", "Jansen", "Kowal", "Lerner", "Mbeki", "Nygaard", "Orsini", "Pryce", "Quist", "Rahal", "Soto", "Thorne", "Umber", "Vance", "Wilder",
        "Yilmaz",
    ]
    static let bandAdjectives = [
        "Velvet", "Electric", "Silent", "Golden", "Crystal", "Midnight", "Paper", "Neon", "Hollow", "Lunar", "Copper", "Wild", "Glass", "Distant",
        "Static", "Violet", "Northern", "Slow", "Bright", "Falling",
    ]
    static let bandNouns = [
        "Tides", "Engines", "Orchard", "Foxes", "Signals", "Choir", "Harbour", "Mirrors", "Circuits", "Gardens", "Pilots", "Echoes", "Sparrows",
        "Machines", "Rivers", "Lanterns", "Satellites", "Wolves", "Waves", "Horizons",
    ]
    static let titleWords = [
        "Blue", "Night", "Morning", "Song", "River", "Dream", "Fire", "City", "Light", "Shadow", "Summer", "Winter", "Heart", "Road", "Sky", "Ocean",
        "Echo", "Garden", "Storm", "Silver", "Home", "Dance", "Time", "Rain", "Stars", "Window", "Machine", "Mirror", "Spiral", "Harvest", "Signal",
        "Horizon", "Velvet", "Static", "Drift", "Ember",
    ]
    static let labelWords = [
        "Blue Room", "Warp Field", "Tidal", "Copperline", "Northern Lights", "Basement", "Kiln", "Orbit", "Half Moon", "Driftwood", "Greenhouse",
        "Lowland", "Prism", "Redline", "Satellite", "Sundial", "Tapeworm", "Undertow", "Vantage", "Wildflower",
    ]
    static let labelSuffixes = ["Records", "Recordings", "Music", "Sounds", "Audio"]
    static let countries = [
        "US", "UK", "Germany", "France", "Japan", "Netherlands", "Italy", "Canada", "Sweden", "Belgium", "Jamaica", "Nigeria", "Brazil", "Australia",
    ]
    static let roles = ["Producer", "Mastered By", "Engineer", "Mixed By", "Artwork", "Photography By", "Written-By", "Arranged By"]
    static let noteTexts = [
        "Bought at a record fair", "Gift from a friend", "Slight ring wear", "Signed copy", "First pressing", "Needs a clean",
        "Original inner sleeve", "Found in a charity shop",
    ]

    /// Format families with their descriptions and how often each appears.
    static let formats: [(name: String, descriptions: [[String]], weight: Int)] = [
        (
            "Vinyl",
            [
                ["LP", "Album"], ["12\"", "33 ⅓ RPM"], ["12\"", "45 RPM", "EP"], ["7\"", "45 RPM", "Single"], ["LP", "Album", "Reissue"],
                ["LP", "Compilation"],
            ], 55
        ),
        ("CD", [["Album"], ["Album", "Reissue"], ["Compilation"], ["Single"]], 28),
        ("Cassette", [["Album"], ["Mixtape"]], 9),
        ("File", [["MP3", "Album"], ["FLAC", "Album"]], 8),
    ]
}
