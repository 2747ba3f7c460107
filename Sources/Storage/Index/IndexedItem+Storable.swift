import Foundation

extension IndexedItem {
    /// The item with every NUL character turned into a space, as it is stored.
    ///
    /// GRDB binds Swift strings as C strings, so SQLite would keep a text only up to its first NUL
    /// (a title "A\u{0}B" stored as "A", its later words never found), and PostgreSQL refuses NUL
    /// in text outright. Discogs' JSON may carry `\u0000`; nothing a person reads needs it.
    var storable: IndexedItem {
        let clean = Self.withoutNUL
        var item = self
        item.artists = artists.map(clean)
        item.artistDisplay = clean(artistDisplay)
        item.title = clean(title)
        item.labels = labels.map(clean)
        item.catnos = catnos.map(clean)
        item.formats = formats.map(clean)
        item.formatDisplay = clean(formatDisplay)
        item.genres = genres.map(clean)
        item.styles = styles.map(clean)
        item.country = country.map(clean)
        item.fieldValues = fieldValues.mapValues(clean)
        item.notes = clean(notes)
        item.thumb = thumb.map(clean)
        return item
    }

    /// `text` with every NUL scalar turned into a space.
    ///
    /// By scalar, not by `Character`: a NUL followed by a combining mark is one grapheme, which
    /// `contains("\u{0}")` and `replacingOccurrences` compare whole and so miss (the fuzzer's third
    /// FuzzFTSQuery finding: "\u{0}\u{34D}…KSo" was stored up to the NUL).
    public static func withoutNUL(_ text: String) -> String {
        guard text.unicodeScalars.contains("\u{0}") else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\u{0}" ? " " : $0 }))
    }
}
