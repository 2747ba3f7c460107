import Foundation

/// Mood words mapped to Discogs styles (and a genre or two) that usually carry that mood.
///
/// Documented and deliberately small: a mood only ranks and gates candidates when the caller gave
/// no explicit genre or style. With an explicit genre/style the filter wins and the mood merely
/// breaks ties inside it — "jazz, something chill" stays jazz (the complaint in rianvdm#14).
enum MoodMap {
    static let styles: [String: [String]] = [
        "chill": ["Ambient", "Downtempo", "Trip Hop", "Cool Jazz", "Bossa Nova", "Dub", "Dream Pop", "Neo Soul", "Modal"],
        "energetic": ["Techno", "House", "Drum n Bass", "Punk", "Garage Rock", "Disco", "Funk", "Breaks", "Electro", "Dancehall", "Afrobeat"],
        "melancholic": ["Shoegaze", "Post-Punk", "Ballad", "Delta Blues", "Indie Rock", "Romantic", "Dream Pop", "Folk"],
        "focus": ["Ambient", "Minimal", "IDM", "Modern", "Contemporary", "Baroque", "Modal", "Instrumental"],
        "romantic": ["Soul", "Rhythm & Blues", "Ballad", "Bossa Nova", "Neo Soul", "Romantic", "Cool Jazz"],
        "dark": ["Post-Punk", "Industrial", "Electro", "Techno", "Free Jazz", "Dub", "Darkwave"],
        "happy": ["Disco", "Synth-pop", "Indie Pop", "Boogie", "Highlife", "Ska", "Europop", "Funk", "Roots Reggae"],
        "party": ["House", "Disco", "Deep House", "Boogie", "Funk", "Dancehall", "Trance", "Europop"],
        "dreamy": ["Dream Pop", "Shoegaze", "Ambient", "Psychedelic Rock", "Downtempo"],
        "groovy": ["Funk", "Soul-Jazz", "Boogie", "Disco", "Jazzy Hip-Hop", "Afrobeat", "Fusion"],
        "intense": ["Free Jazz", "Punk", "Prog Rock", "Drum n Bass", "Hard Bop", "Industrial"],
        "nostalgic": ["Soul", "Rhythm & Blues", "Country", "Folk", "Chicago Blues", "Boom Bap", "Roots Reggae"],
    ]

    /// Words people use for the same mood.
    static let synonyms: [String: String] = [
        "relaxed": "chill", "relaxing": "chill", "mellow": "chill", "calm": "chill", "laid-back": "chill", "sunday": "chill",
        "upbeat": "energetic", "energy": "energetic", "workout": "energetic", "driving": "energetic",
        "sad": "melancholic", "melancholy": "melancholic", "rainy": "melancholic", "moody": "melancholic",
        "study": "focus", "studying": "focus", "concentration": "focus", "work": "focus",
        "love": "romantic", "date": "romantic", "sexy": "romantic",
        "gloomy": "dark", "brooding": "dark", "joyful": "happy", "sunny": "happy", "uplifting": "happy", "dance": "party",
        "dreamlike": "dreamy", "hazy": "dreamy", "funky": "groovy", "aggressive": "intense", "heavy": "intense", "retro": "nostalgic",
    ]

    static var moods: [String] { styles.keys.sorted() }

    /// The canonical mood for a word, or nil when unknown.
    static func mood(for word: String) -> String? {
        let key = word.lowercased().trimmingCharacters(in: .whitespaces)
        return styles[key] != nil ? key : synonyms[key]
    }
}
